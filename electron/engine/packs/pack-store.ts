/**
 * Where packs come from: the ones bundled with the app and the ones a user imported (JSON files
 * in the packs folder, versioned side by side as `<id>@<version>.json`).
 */
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parsePack } from '../../../shared/pack/load-pack.ts';
import type { Pack } from '../../../shared/pack/pack-schema.ts';
import { bundledPacks } from '../../../shared/packs/index.ts';
import { err, ok, type Result } from '../../../shared/result.ts';

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

/** Copies a checked pack file into the packs folder, beside other versions. */
export async function importPack(path: string): Promise<Result<Pack>> {
  const result = await readPackFile(path);
  if (!result.ok) return result;
  await mkdir(packsDirectory(), { recursive: true });
  await copyFile(path, join(packsDirectory(), `${result.value.id}@${result.value.version}.json`));
  return result;
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
