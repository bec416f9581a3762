/**
 * Where packs come from: the ones bundled with the app and the ones a user imported (JSON files
 * in the packs folder, versioned side by side as `<id>@<version>.json`).
 */
import { mkdir, open, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { parsePack } from '../../../shared/pack/load-pack.ts';
import type { Pack } from '../../../shared/pack/pack-schema.ts';
import { bundledPacks } from '../../../shared/packs/index.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { readPackWorkbook } from './read-pack-workbook.ts';

/** A pack and where it came from. */
export interface StoredPack {
  readonly pack: Pack;
  readonly origin: 'bundled' | 'imported';
}

/** The folder of imported packs: `$STEWARD_PACKS_DIR`, else `~/.data-steward/packs`. */
export function packsDirectory(): string {
  return process.env.STEWARD_PACKS_DIR ?? join(homedir(), '.data-steward', 'packs');
}

/** Reads and checks a pack file. */
export async function readPackFile(path: string): Promise<Result<Pack>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return err(
      'pack-unreadable',
      `无法读取标准包文件：${path}`,
      `Cannot read the pack file: ${path}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return err(
      'pack-not-json',
      `标准包文件不是有效的 JSON：${reason}`,
      `The pack file is not valid JSON: ${reason}`,
    );
  }
  return parsePack(json);
}

/** Lists the bundled packs and the imported ones that load; a bad imported file is reported, not fatal. */
export async function listPacks(): Promise<{ packs: StoredPack[]; problems: string[] }> {
  const packs: StoredPack[] = bundledPacks.map((pack) => ({ pack, origin: 'bundled' }));
  const problems: string[] = [];
  let names: string[];
  try {
    names = (await readdir(packsDirectory())).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return { packs, problems }; // no packs folder yet: nothing imported
  }
  for (const name of names) {
    const result = await readPackFile(join(packsDirectory(), name));
    if (result.ok) packs.push({ pack: result.value, origin: 'imported' });
    else problems.push(`${name}: ${result.error.message.zh}`);
  }
  return { packs, problems };
}

/** Finds a pack by id (the newest version of that id) or reads it from a path. */
export async function findPack(idOrPath: string): Promise<Result<Pack>> {
  if (idOrPath.endsWith('.json') || idOrPath.includes('/') || idOrPath.includes('\\')) {
    return readPackFile(idOrPath);
  }
  const { packs } = await listPacks();
  const matches = packs.filter((p) => p.pack.id === idOrPath).map((p) => p.pack);
  matches.sort((a, b) => compareVersions(b.version, a.version));
  const [newest] = matches;
  if (newest !== undefined) return ok(newest);
  const known = packs.map((p) => p.pack.id).join(', ');
  return err(
    'pack-not-found',
    `找不到标准包「${idOrPath}」（可用：${known}）`,
    `No pack "${idOrPath}" (known: ${known})`,
  );
}

/** A pack added to the packs folder, and whether that version was new. */
export interface ImportedPack {
  readonly pack: Pack;
  /** The JSON file the pack is stored in, `<id>@<version>.json`. */
  readonly file: string;
  /** False when the very same pack and version were there already (nothing changed). */
  readonly isNew: boolean;
}

/** True when a file's first non-blank character opens a JSON object. */
async function isJsonFile(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return path.toLowerCase().endsWith('.json'); // the reader says what is wrong with it
  }
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const text = head
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    return text.trimStart().startsWith('{');
  } finally {
    await handle.close();
  }
}

/**
 * Reads a pack from a JSON file or a filled-in Excel template (told apart by the bytes, not the
 * name). `name` is the file name to show, when the path is an upload's.
 */
export async function readPackSource(path: string, name = basename(path)): Promise<Result<Pack>> {
  return (await isJsonFile(path)) ? readPackFile(path) : readPackWorkbook(path, name);
}

/** The same pack, whatever the key order or spacing of its file. */
function isSamePack(a: Pack, b: Pack): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/**
 * Checks a pack (a JSON file or an Excel template) and stores it in the packs folder as
 * `<id>@<version>.json`, beside the other versions. A version that exists already (bundled or
 * imported) is refused unless the pack is the very same: a version, once used, never changes.
 */
export async function importPack(path: string, name?: string): Promise<Result<ImportedPack>> {
  const read = await readPackSource(path, name);
  if (!read.ok) return read;
  const pack = read.value;
  const file = `${pack.id}@${pack.version}.json`;
  const { packs } = await listPacks();
  const existing = packs.find((p) => p.pack.id === pack.id && p.pack.version === pack.version);
  if (existing !== undefined) {
    if (isSamePack(existing.pack, pack)) return ok({ pack, file, isNew: false });
    return err(
      'pack-version-exists',
      `标准包「${pack.id}」的 ${pack.version} 版已${existing.origin === 'bundled' ? '内置' : '导入'}，内容与本次不同；请在「版本」中填写新的版本号（如 ${nextVersion(pack.version)}）后重新导入`,
      `Version ${pack.version} of the pack "${pack.id}" is already ${existing.origin === 'bundled' ? 'bundled' : 'imported'} with different content; give this one a new version (such as ${nextVersion(pack.version)}) and import it again`,
    );
  }
  await mkdir(packsDirectory(), { recursive: true });
  const target = join(packsDirectory(), file);
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(pack, null, 2)}\n`, 'utf8');
  await rename(temporary, target);
  return ok({ pack, file, isNew: true });
}

/** The next minor version after `version`: 1.0.0 -> 1.1.0, 1.2 -> 1.3. */
function nextVersion(version: string): string {
  const parts = version.split('.').map(Number);
  parts[1] = (parts[1] ?? 0) + 1;
  if (parts.length > 2) parts[2] = 0;
  return parts.join('.');
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
