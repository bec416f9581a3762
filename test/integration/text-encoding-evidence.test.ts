/**
 * Hostile text: a UTF-8 file with a few bad bytes or one GBK line is read as UTF-8 (never as
 * GB18030 mojibake) with a warning naming the lines and the cells flagged; a file that truly
 * mixes UTF-8 and GBK is refused; pure GBK still reads as GB18030; UTF-16 without a BOM reads.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir, repoRoot, runSteward } from '../helpers/run-steward.ts';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

interface InspectJson {
  readonly encoding: string | null;
  readonly sheets: readonly {
    readonly columns: readonly string[];
    readonly rows: number;
    readonly flagged: readonly { row: number; column: string; reason: string }[];
  }[];
  readonly warnings: readonly { code: string; message: string; lines: readonly number[] }[];
  readonly error?: { code: string; message: string };
}

async function inspect(name: string, bytes: Buffer): Promise<{ code: number; json: InspectJson }> {
  const path = join(temp.dir, name);
  await writeFile(path, bytes);
  const run = await runSteward(['inspect', path, '--format', 'json']);
  return { code: run.code, json: JSON.parse(run.stdout) as InspectJson };
}

/** 40 lines of UTF-8 people data with a header: every line holds Chinese. */
function peopleLines(): string[] {
  const lines = ['公民身份号码,姓名,性别,民族'];
  for (let i = 0; i < 40; i += 1) {
    lines.push(`3717021990030712${String(i).padStart(2, '0')},张伟${i},男,汉族`);
  }
  return lines;
}

/**
 * The same lines in GBK, from the GBK fixture (Node has no GBK encoder): its header, then its
 * data lines in turn; in UTF-8 too, for mixing.
 */
async function gbkAndUtf8Lines(): Promise<{ gbk: Buffer[]; utf8: Buffer[] }> {
  const fixture = await readFile(join(repoRoot, 'test/fixtures/population-gbk.csv'));
  const lines: Buffer[] = [];
  for (let start = 0; start < fixture.length;) {
    const end = fixture.indexOf(0x0a, start);
    const line = fixture.subarray(start, end < 0 ? fixture.length : end);
    if (line.length > 0)
      lines.push(Buffer.from(line.toString('latin1').replace(/\r$/, ''), 'latin1'));
    start = end < 0 ? fixture.length : end + 1;
  }
  const [header, ...data] = lines;
  const gbk: Buffer[] = [header as Buffer];
  for (let i = 0; i < 40; i += 1) {
    gbk.push(data[i % data.length] as Buffer);
  }
  const decoder = new TextDecoder('gb18030');
  return { gbk, utf8: gbk.map((line) => Buffer.from(decoder.decode(line), 'utf8')) };
}

function joinLines(lines: readonly Buffer[]): Buffer {
  return Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));
}

describe('text decoding by line evidence', () => {
  it('reads a UTF-8 file with three flipped bytes as UTF-8, warns with the lines and flags the cells', async () => {
    const bytes = Buffer.from(`${peopleLines().join('\n')}\n`, 'utf8');
    // Flip the first byte of 张 on lines 5, 12 and 30 (a 3-byte UTF-8 lead becomes invalid).
    const lines = peopleLines();
    for (const line of [5, 12, 30]) {
      const offset = Buffer.byteLength(lines.slice(0, line - 1).join('\n'), 'utf8') + 1 + 19;
      bytes[offset] = 0xff;
    }
    const { code, json } = await inspect('flipped.csv', bytes);
    expect(code).toBe(0);
    expect(json.encoding).toBe('utf-8');
    expect(json.sheets[0]?.columns).toEqual(['公民身份号码', '姓名', '性别', '民族']);
    expect(json.warnings).toHaveLength(1);
    expect(json.warnings[0]).toMatchObject({ code: 'bad-bytes', lines: [5, 12, 30] });
    expect(json.warnings[0]?.message).toContain('第 5、12、30 行');
    const flagged = json.sheets[0]?.flagged.filter((cell) => cell.reason === 'undecodable-bytes');
    expect(flagged?.map((cell) => [cell.row, cell.column])).toEqual([
      [5, '姓名'],
      [12, '姓名'],
      [30, '姓名'],
    ]);
  });

  it('reads a UTF-8 file with one GBK line as UTF-8, naming that line', async () => {
    const { gbk, utf8 } = await gbkAndUtf8Lines();
    const bytes = joinLines(utf8.map((line, i) => (i === 20 ? (gbk[i] as Buffer) : line)));
    const { code, json } = await inspect('one-gbk-line.csv', bytes);
    expect(code).toBe(0);
    expect(json.encoding).toBe('utf-8');
    expect(json.warnings.map((w) => w.lines)).toEqual([[21]]);
    expect(json.sheets[0]?.columns).toEqual(['公民身份号码', '姓名', '性别', '民族', '出生日期']);
    // The other rows are exact: the sample reads as UTF-8, not GB18030 mojibake.
    const report = await runSteward(['inspect', join(temp.dir, 'one-gbk-line.csv')]);
    expect(report.stdout).toContain('张伟');
    expect(report.stdout).toContain('第 21 行');
  });

  it('refuses a file that mixes UTF-8 and GBK on many lines (exit 2, mixed-encoding)', async () => {
    const { gbk, utf8 } = await gbkAndUtf8Lines();
    const bytes = joinLines(utf8.map((line, i) => (i % 2 === 1 ? (gbk[i] as Buffer) : line)));
    const { code, json } = await inspect('mixed.csv', bytes);
    expect(code).toBe(2);
    expect(json.error?.code).toBe('mixed-encoding');
    expect(json.error?.message).toContain('两种编码');
  });

  it('still reads a pure GBK file as GB18030 with no warning', async () => {
    const bytes = await readFile(join(repoRoot, 'test/fixtures/population-gbk.csv'));
    const { code, json } = await inspect('population-gbk.csv', bytes);
    expect(code).toBe(0);
    expect(json.encoding).toBe('gb18030');
    expect(json.warnings).toEqual([]);
    expect(json.sheets[0]?.columns).toContain('公民身份号码');
  });

  it('reads UTF-16LE and UTF-16BE text that has no BOM', async () => {
    const text = `${peopleLines().slice(0, 5).join('\r\n')}\r\n`;
    const le = await inspect('utf16le.txt', Buffer.from(text, 'utf16le'));
    expect(le.code).toBe(0);
    expect(le.json.encoding).toBe('utf-16le');
    expect(le.json.sheets[0]?.columns).toEqual(['公民身份号码', '姓名', '性别', '民族']);
    const be = await inspect('utf16be.txt', Buffer.from(text, 'utf16le').swap16());
    expect(be.code).toBe(0);
    expect(be.json.encoding).toBe('utf-16be');
    expect(be.json.sheets[0]?.rows).toBe(4);
  });
});
