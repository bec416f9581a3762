/**
 * `steward verify` on hostile and broken packages, as a clerk would run it: zip bombs on each
 * part (honest and lying headers), a truncated package, a damaged entry, duplicate names, far too
 * many entries, a huge CSV field or line, bad UTF-8, a CRC mismatch. Each run says in Chinese
 * what is wrong, exits 2 when the package cannot be read at all and 1 when it can but does not
 * hold, never 3, and stays within bounded memory.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePackage } from '../../electron/engine/package/write-package.ts';
import {
  createPackWorkspace,
  exemptEveryError,
  packageCreated,
  readZipEntries,
} from '../helpers/create-pack-workspace.ts';
import { createTempDir, runSteward } from '../helpers/run-steward.ts';
import {
  deflatedEntry,
  deflatedRepeatEntry,
  writeRawZip,
  type RawZipEntry,
} from '../helpers/write-raw-zip.ts';

/** Peak memory a verify run may reach on any of these packages. */
const maxRssBytes = 600 * 1024 ** 2;

let dir: string;
let cleanup: () => Promise<void>;
/** The entries of a good package, in stored order, and its seal. */
let good: Map<string, Buffer>;
let seal: string;
let dataPath: string;

interface VerifyRun {
  readonly code: number;
  readonly text: string;
  readonly json: {
    readable?: boolean;
    ok: boolean;
    problems: { code: string; message: string }[];
  };
  readonly rss: number;
}

/** Runs `steward verify` on the bytes, in text and in JSON, and reads its peak memory. */
async function verify(name: string, bytes: Buffer): Promise<VerifyRun> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  const env = { STEWARD_STATS: '1' };
  const text = await runSteward(['verify', path], env);
  const json = await runSteward(['verify', path, '--format', 'json'], env);
  expect(json.code).toBe(text.code);
  const rss = (run: { stderr: string }): number => {
    const line = run.stderr.split('\n').find((l) => l.startsWith('STEWARD_STATS '));
    if (line === undefined) throw new Error(`no STEWARD_STATS in ${run.stderr}`);
    return (JSON.parse(line.slice('STEWARD_STATS '.length)) as { maxRssBytes: number }).maxRssBytes;
  };
  return {
    code: text.code,
    text: `${text.stdout}${text.stderr}`,
    json: JSON.parse(json.stdout) as VerifyRun['json'],
    rss: Math.max(rss(text), rss(json)),
  };
}

/** The good package's entries with some replaced (in place) or added (at the end). */
function withEntries(replace: readonly RawZipEntry[]): RawZipEntry[] {
  const byName = new Map(replace.map((e) => [e.name, e]));
  const entries = [...good].map(([name, bytes]) => byName.get(name) ?? deflatedEntry(name, bytes));
  for (const entry of replace) if (!good.has(entry.name)) entries.push(entry);
  return entries;
}

/** A block of random text (no line breaks), repeated: deflates about 100:1, under the ratio cap. */
function textBlock(): Buffer {
  return Buffer.from(randomBytes(2048).toString('hex'), 'latin1');
}

/** Raw library or JS error text a clerk must never see in a message. */
const rawText = /bytes in the stream|invalid|signature|Error:|TypeError|RangeError|at .*\.ts:/;

function expectClear(run: VerifyRun, code: 1 | 2, words: RegExp): void {
  expect(run.code, run.text).toBe(code);
  expect(run.text).toMatch(words);
  expect(run.text).not.toMatch(rawText);
  expect(run.json.readable).toBe(code === 1);
  expect(run.json.ok).toBe(false);
  for (const p of run.json.problems) {
    expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    expect(p.message).not.toMatch(rawText);
  }
  expect(run.rss).toBeLessThan(maxRssBytes);
}

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
  const { workspace } = await createPackWorkspace(dir, 'pop-base', {
    rows: 30,
    seed: 5,
    errorRate: 0.05,
  });
  await exemptEveryError(workspace);
  const written = await writePackage(workspace, {
    kind: 'share',
    onError: 'block',
    created: packageCreated,
    outDir: dir,
    division: '371702',
    steward: '王管理',
    toolVersion: '0.1.0',
  });
  await workspace.close();
  if (!written.ok) throw new Error(written.error.message.en);
  ({ entries: good, comment: seal } = await readZipEntries(written.value.path));
  const data = [...good.keys()].find((name) => name.startsWith('data/'));
  if (data === undefined) throw new Error('the package has a data file');
  dataPath = data;
});

afterAll(async () => {
  await cleanup();
});

describe('verify on a good package rebuilt by the raw writer', () => {
  it('passes, readable, exit 0', async () => {
    const run = await verify('good.zip', writeRawZip(withEntries([]), seal));
    expect(run.code, run.text).toBe(0);
    expect(run.json.readable).toBe(true);
    expect(run.json.ok).toBe(true);
  });
});

describe('verify refuses what it cannot read at all (exit 2)', () => {
  it('a truncated package', async () => {
    const bytes = writeRawZip(withEntries([]), seal);
    const run = await verify('truncated.zip', bytes.subarray(0, bytes.length - 200));
    expectClear(run, 2, /不是完整的 zip 数据包/);
  });

  it('a package whose datapackage.json data is cut short (yauzl: not enough bytes)', async () => {
    const manifest = deflatedEntry('datapackage.json', good.get('datapackage.json') as Buffer);
    const cut = { ...manifest, data: manifest.data.subarray(0, manifest.data.length >> 1) };
    const run = await verify('cut-manifest.zip', writeRawZip(withEntries([cut]), seal));
    expectClear(run, 2, /datapackage\.json.*(损坏|无法解压)/);
  });

  it('a datapackage.json that inflates far past its declared size (lying header)', async () => {
    const bomb = await deflatedRepeatEntry('datapackage.json', 1024 ** 3);
    const lying = { ...bomb, size: 4096 };
    const run = await verify('manifest-lying.zip', writeRawZip(withEntries([lying]), seal));
    expectClear(run, 2, /datapackage\.json.*(损坏|无法解压)/);
  });

  it('a datapackage.json bomb with honest headers (1 GiB at 1000:1)', async () => {
    const bomb = await deflatedRepeatEntry('datapackage.json', 1024 ** 3);
    const run = await verify('manifest-bomb.zip', writeRawZip(withEntries([bomb]), seal));
    expectClear(run, 2, /压缩比异常/);
  });

  it('a datapackage.json over 16 MiB, not compressed suspiciously', async () => {
    const big = await deflatedRepeatEntry('datapackage.json', 20 * 1024 ** 2, textBlock());
    const run = await verify('manifest-big.zip', writeRawZip(withEntries([big]), seal));
    expectClear(run, 2, /datapackage\.json.*过大/);
  });

  it('a data file bomb with honest headers (600 MiB at 1000:1)', async () => {
    const bomb = await deflatedRepeatEntry(dataPath, 600 * 1024 ** 2);
    const run = await verify('csv-bomb.zip', writeRawZip(withEntries([bomb]), seal));
    expectClear(run, 2, /压缩比异常/);
  });

  it('60,000 entries', async () => {
    const empty = deflatedEntry('x', Buffer.alloc(0));
    const extra = Array.from({ length: 60_000 }, (_, i) => ({ ...empty, name: `extra/${i}.txt` }));
    const run = await verify('many.zip', writeRawZip([...withEntries([]), ...extra], seal));
    expectClear(run, 2, /文件过多/);
  });

  it('a file that is not a zip', async () => {
    const run = await verify('not-zip.zip', Buffer.from('姓名,身份证\r\n张三,1\r\n'));
    expectClear(run, 2, /不是完整的 zip 数据包/);
  });
});

describe('verify lists the problems of a readable package (exit 1)', () => {
  it('a validation.json over 64 MiB', async () => {
    const big = await deflatedRepeatEntry('reports/validation.json', 65 * 1024 ** 2, textBlock());
    const run = await verify('report-big.zip', writeRawZip(withEntries([big]), seal));
    expectClear(run, 1, /reports\/validation\.json.*过大/);
  });

  it('a data file that inflates far past its declared size (lying header)', async () => {
    const bomb = await deflatedRepeatEntry(dataPath, 1024 ** 3);
    const lying = { ...bomb, size: 100_000 };
    const run = await verify('csv-lying.zip', writeRawZip(withEntries([lying]), seal));
    expectClear(run, 1, /无法解压/);
  });

  it('a CRC-32 that does not match', async () => {
    const data = deflatedEntry(dataPath, good.get(dataPath) as Buffer);
    const run = await verify(
      'crc.zip',
      writeRawZip(withEntries([{ ...data, crc32: data.crc32 ^ 1 }]), seal),
    );
    expectClear(run, 1, /CRC-32 与压缩包记录不符/);
  });

  it('a duplicate entry name', async () => {
    const audit = good.get('audit/changes.csv') as Buffer;
    const entries = [...withEntries([]), deflatedEntry('audit/changes.csv', audit)];
    const run = await verify('duplicate.zip', writeRawZip(entries, seal));
    expectClear(run, 1, /文件重复出现：audit\/changes\.csv/);
  });

  it('a CSV value of 2,000,000 characters', async () => {
    const audit = good.get('audit/changes.csv') as Buffer;
    const header = audit.subarray(0, audit.indexOf('\r\n') + 2);
    const huge = Buffer.concat([header, Buffer.alloc(2_000_000, 0x61), Buffer.from('\r\n')]);
    const run = await verify(
      'field.zip',
      writeRawZip(withEntries([deflatedEntry('audit/changes.csv', huge)]), seal),
    );
    expectClear(run, 1, /audit\/changes\.csv 第 2 行.*值过长/);
  });

  it('a CSV line of 20 MiB of short values', async () => {
    const audit = good.get('audit/changes.csv') as Buffer;
    const header = audit.subarray(0, audit.indexOf('\r\n') + 2);
    const digits = [...randomBytes(512)].map((b) => String(b).padStart(3, '0')).join(',');
    const line = Buffer.alloc(20 * 1024 ** 2, `${digits},`, 'latin1');
    const csv = Buffer.concat([header, line, Buffer.from('\r\n')]);
    const run = await verify(
      'line.zip',
      writeRawZip(withEntries([deflatedEntry('audit/changes.csv', csv)]), seal),
    );
    expectClear(run, 1, /audit\/changes\.csv 第 2 行.*过长/);
  });

  it('bad UTF-8 in the data file', async () => {
    const data = good.get(dataPath) as Buffer;
    const bad = Buffer.concat([data, Buffer.from([0xff, 0xfe, 0x0d, 0x0a])]);
    const run = await verify(
      'utf8.zip',
      writeRawZip(withEntries([deflatedEntry(dataPath, bad)]), seal),
    );
    expectClear(run, 1, /不是有效的 UTF-8/);
  });

  it('lists at most 100 problems of one code, and says how many more there are', async () => {
    const data = good.get(dataPath) as Buffer;
    const header = data.subarray(0, data.indexOf('\r\n') + 2);
    const narrow = Buffer.concat([header, Buffer.from('1,2\r\n'.repeat(5000))]);
    const run = await verify(
      'width.zip',
      writeRawZip(withEntries([deflatedEntry(dataPath, narrow)]), seal),
    );
    expectClear(run, 1, /另有 4900 处同类问题/);
    expect(run.json.problems.filter((p) => p.code === 'row-width').length).toBe(101);
  });
});

describe('the raw writer', () => {
  it('writes what readZipEntries reads back', async () => {
    const path = join(dir, 'roundtrip.zip');
    await writeFile(path, writeRawZip(withEntries([]), seal));
    const { entries, comment } = await readZipEntries(await readFile(path));
    expect(comment).toBe(seal);
    expect([...entries.keys()]).toEqual([...good.keys()]);
  });
});
