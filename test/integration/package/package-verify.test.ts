/**
 * The package is exact and sealed: the same project and options give the same bytes, `verify`
 * passes it, and `verify` fails every tampered copy (a changed byte in any file, a removed or an
 * added file, an edited manifest, a manifest whose checksums were edited to match, a lost seal,
 * and a data change whose every checksum and seal were forged).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { writeZipToBuffer } from '../../../electron/engine/package/create-zip-writer.ts';
import { digestBytes } from '../../../electron/engine/package/file-digest.ts';
import { verifyPackage } from '../../../electron/engine/package/verify-package.ts';
import {
  writePackage,
  type PackageOptions,
} from '../../../electron/engine/package/write-package.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { serializeSeal } from '../../../shared/package/package-manifest.ts';
import {
  createPackWorkspace,
  exemptEveryError,
  packageCreated,
  readZipEntries,
} from '../../helpers/create-pack-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let dir: string;
let cleanup: () => Promise<void>;
let workspace: Workspace;
let projectPath: string;
let packagePath: string;

const options = (outDir: string): PackageOptions => ({
  kind: 'share',
  onError: 'block',
  created: packageCreated,
  outDir,
  division: '371702',
  steward: '王管理',
  toolVersion: '0.1.0',
});

async function write(outDir: string): Promise<string> {
  const written = await writePackage(workspace, options(outDir));
  if (!written.ok)
    throw new Error(`${written.error.message.en}\n${written.error.details?.join('\n')}`);
  return written.value.path;
}

/** Writes a zip with the given entries (in order) and comment, as an attacker would. */
async function forge(
  name: string,
  entries: Map<string, Buffer>,
  comment: string | undefined,
): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [path, bytes] of entries) zip.addBuffer(bytes, path, { mtime: packageCreated });
  zip.end({ comment: comment ?? '', forceZip64Format: false });
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const path = join(dir, name);
  await writeFile(path, Buffer.concat(chunks));
  return path;
}

function flipByte(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
  ({ workspace, path: projectPath } = await createPackWorkspace(dir, 'pop-base', {
    rows: 400,
    seed: 5,
    errorRate: 0.05,
  }));
  await exemptEveryError(workspace);
  const edited = await workspace.editCell(1, 'XM', '张改名', {
    who: '王管理',
    why: '户籍科核实',
    context: { today: '2026-11-26' },
  });
  if (!edited.ok) throw new Error(edited.error.message.en);
  packagePath = await write(dir);
});

afterAll(async () => {
  await workspace.close();
  await cleanup();
});

describe('a package written twice', () => {
  it('has the same bytes, also after the project is closed and opened again', async () => {
    const first = await readFile(packagePath);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir, 'again'));
    const second = await readFile(await write(join(dir, 'again')));
    expect(digestBytes(second).sha256).toBe(digestBytes(first).sha256);
    await workspace.close();
    const reopened = await Workspace.open(projectPath);
    if (!reopened.ok) throw new Error(reopened.error.message.en);
    workspace = reopened.value;
    await mkdir(join(dir, 'reopened'));
    const third = await readFile(await write(join(dir, 'reopened')));
    expect(third.equals(first)).toBe(true);
  });

  it('holds the files of DESIGN.md section 5, in a fixed order, with the seal as the comment', async () => {
    const { entries, comment } = await readZipEntries(packagePath);
    expect([...entries.keys()]).toEqual([
      'data/population.csv',
      'reports/validation.json',
      'reports/validation.html',
      'reports/errors.xlsx',
      'audit/changes.csv',
      'datapackage.json',
    ]);
    const manifest = entries.get('datapackage.json') as Buffer;
    const seal = digestBytes(manifest);
    expect(comment).toBe(serializeSeal(seal.sha256, seal.sm3));
    const audit = (entries.get('audit/changes.csv') as Buffer).toString('utf8');
    expect(audit).toContain(',1,1,');
    expect(audit).toContain('张改名,王管理,');
    expect(audit).toContain('户籍科核实');
    // When, in Beijing time (UTC+8) whatever the machine's zone, exact for a program.
    expect(audit).toMatch(/,王管理,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00,/);
  });
});

describe('verify', () => {
  it('passes the package as written', async () => {
    const report = await verifyPackage(packagePath);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checked.files).toBe(6);
    expect(report.checked.rows).toBe(400);
  });

  it('fails a copy with one byte changed in any file', async () => {
    const { entries, comment } = await readZipEntries(packagePath);
    for (const name of entries.keys()) {
      const bytes = entries.get(name) as Buffer;
      for (const at of [0, Math.floor(bytes.length / 2), bytes.length - 1]) {
        const tampered = new Map(entries);
        tampered.set(name, flipByte(bytes, at));
        const report = await verifyPackage(await forge('changed.zip', tampered, comment));
        expect(report.ok, `${name} byte ${at}`).toBe(false);
        const codes = report.problems.map((p) => p.code);
        if (name === 'datapackage.json') expect(codes).toContain('seal-sha256');
        else expect(codes, name).toEqual(expect.arrayContaining(['file-sha256', 'file-sm3']));
      }
    }
  });

  it('fails a copy with a byte of the zip itself changed', async () => {
    const bytes = await readFile(packagePath);
    const path = join(dir, 'raw.zip');
    await writeFile(path, flipByte(bytes, 2000));
    expect((await verifyPackage(path)).ok).toBe(false);
  });

  it('fails a copy with a file removed or a file added', async () => {
    const { entries, comment } = await readZipEntries(packagePath);
    for (const name of entries.keys()) {
      const removed = new Map(entries);
      removed.delete(name);
      const report = await verifyPackage(await forge('removed.zip', removed, comment));
      expect(report.ok, name).toBe(false);
      expect(
        report.problems.map((p) => p.code),
        name,
      ).toContain(name === 'datapackage.json' ? 'manifest-missing' : 'file-missing');
    }
    const added = new Map(entries);
    added.set('data/extra.csv', Buffer.from('a,b\r\n'));
    const report = await verifyPackage(await forge('added.zip', added, comment));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toContain('file-added');
  });

  it('fails an edited manifest, and a manifest whose checksums were edited to match changed data', async () => {
    const { entries, comment } = await readZipEntries(packagePath);
    const manifestText = (entries.get('datapackage.json') as Buffer).toString('utf8');
    const edited = new Map(entries);
    edited.set(
      'datapackage.json',
      Buffer.from(
        manifestText.replace('"department": "牡丹区行政审批服务局"', '"department": "某某局"'),
      ),
    );
    const report = await verifyPackage(await forge('manifest.zip', edited, comment));
    expect(report.problems.map((p) => p.code)).toEqual(['seal-sha256', 'seal-sm3']);

    const data = (entries.get('data/population.csv') as Buffer).toString('utf8');
    const lines = data.split('\r\n');
    lines[3] = (lines[3] as string).replace(/,1,/, ',2,');
    const changed = Buffer.from(lines.join('\r\n'));
    const before = digestBytes(entries.get('data/population.csv') as Buffer);
    const after = digestBytes(changed);
    const rehashed = manifestText
      .replaceAll(before.sha256, after.sha256)
      .replaceAll(before.sm3, after.sm3)
      .replaceAll(`"bytes": ${before.bytes},`, `"bytes": ${after.bytes},`);
    const forged = new Map(entries);
    forged.set('data/population.csv', changed);
    forged.set('datapackage.json', Buffer.from(rehashed));
    const hashes = await verifyPackage(await forge('hashes.zip', forged, comment));
    expect(hashes.ok).toBe(false);
    const codes = hashes.problems.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['seal-sha256', 'seal-sm3']));
    expect(codes).not.toContain('file-sha256');

    const lost = await verifyPackage(await forge('unsealed.zip', entries, undefined));
    expect(lost.problems.map((p) => p.code)).toEqual(['seal-missing']);
  });

  it('fails data whose every checksum and the seal were forged, by checking the rules again', async () => {
    const { entries } = await readZipEntries(packagePath);
    const manifestText = (entries.get('datapackage.json') as Buffer).toString('utf8');
    const data = (entries.get('data/population.csv') as Buffer).toString('utf8');
    const lines = data.split('\r\n');
    const cells = (lines[5] as string).split(',');
    cells[2] = '男性化';
    lines[5] = cells.join(',');
    const changed = Buffer.from(lines.join('\r\n'));
    const before = digestBytes(entries.get('data/population.csv') as Buffer);
    const after = digestBytes(changed);
    const rehashed = Buffer.from(
      manifestText
        .replaceAll(before.sha256, after.sha256)
        .replaceAll(before.sm3, after.sm3)
        .replaceAll(`"bytes": ${before.bytes},`, `"bytes": ${after.bytes},`),
    );
    const seal = digestBytes(rehashed);
    const forged = new Map(entries);
    forged.set('data/population.csv', changed);
    forged.set('datapackage.json', rehashed);
    const report = await verifyPackage(
      await forge('forged.zip', forged, serializeSeal(seal.sha256, seal.sm3)),
    );
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toContain('issues-unreported');
  });

  it('says so when the pack it names is not at hand', async () => {
    const { entries } = await readZipEntries(packagePath);
    const manifestText = (entries.get('datapackage.json') as Buffer).toString('utf8');
    const other = Buffer.from(manifestText.replace('"version": "1.0.0"', '"version": "9.9.9"'));
    const seal = digestBytes(other);
    const forged = new Map(entries);
    forged.set('datapackage.json', other);
    const report = await verifyPackage(
      await forge('other-pack.zip', forged, serializeSeal(seal.sha256, seal.sm3)),
    );
    expect(report.problems.map((p) => p.code)).toContain('pack-not-found');
  });

  it('reads what writeZipToBuffer writes (the helper the error workbook uses)', async () => {
    const zip = await writeZipToBuffer(
      [{ path: 'a.txt', bytes: Buffer.from('abc') }],
      packageCreated,
    );
    const { entries } = await readZipEntries(zip);
    expect(entries.get('a.txt')?.toString()).toBe('abc');
  });
});
