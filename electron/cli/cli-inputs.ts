/**
 * The options several verbs share, read and checked in one place: the output format, the text
 * encoding, an input file that must exist, and the pack with its dataset.
 */
import { access } from 'node:fs/promises';
import type { Dataset, Pack } from '../../shared/pack/pack-schema.ts';
import { err, ok, type Result } from '../../shared/result.ts';
import type { TextEncoding } from '../engine/import/decode-text.ts';
import { findPack } from '../engine/packs/pack-store.ts';
import { stringOption, type ParsedArgs } from './parse-options.ts';

/** The encodings `--encoding` accepts. */
export const encodings: readonly TextEncoding[] = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'];

/** Reads `--format`: text (the default) or json. */
export function formatOption(parsed: ParsedArgs): Result<'text' | 'json'> {
  const format = stringOption(parsed, 'format') ?? 'text';
  if (format === 'text' || format === 'json') return ok(format);
  return err('bad-format', `--format 只能是 text 或 json：${format}`, `Bad --format: ${format}`);
}

/** Reads `--encoding`: absent (detect it) or one of `encodings`. */
export function encodingOption(parsed: ParsedArgs): Result<TextEncoding | undefined> {
  const encoding = stringOption(parsed, 'encoding');
  if (encoding === undefined || encodings.includes(encoding as TextEncoding))
    return ok(encoding as TextEncoding | undefined);
  return err(
    'bad-encoding',
    `不支持的编码 / unsupported encoding: ${encoding}（${encodings.join('、')}）`,
    `Unsupported encoding: ${encoding}`,
  );
}

/** Checks that an input file exists. */
export async function checkFileExists(path: string): Promise<Result<string>> {
  try {
    await access(path);
    return ok(path);
  } catch {
    return err('file-not-found', `找不到文件 / file not found: ${path}`, `File not found: ${path}`);
  }
}

/** Finds the pack `--pack` names and its dataset (`--dataset`, else the pack's first). */
export async function findPackDataset(
  packRef: string,
  datasetName: string | undefined,
): Promise<Result<{ pack: Pack; dataset: Dataset }>> {
  const pack = await findPack(packRef);
  if (!pack.ok) return pack;
  const dataset =
    datasetName === undefined
      ? pack.value.datasets[0]
      : pack.value.datasets.find((d) => d.name === datasetName);
  if (dataset === undefined) {
    const names = pack.value.datasets.map((d) => d.name).join('、');
    return err(
      'no-dataset',
      `标准包中没有数据集「${datasetName ?? ''}」（可选：${names}）`,
      `The pack has no dataset "${datasetName ?? ''}" (choose from: ${names})`,
    );
  }
  return ok({ pack: pack.value, dataset });
}
