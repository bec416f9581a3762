/**
 * Writes the department's file of 培训模式 (shared/demo/training-department-file.ts) as xlsx into
 * the app's resources, electron/engine/demo/training/, which `npm run build` copies beside the
 * engine's bundle (out/engine/training/), so the packaged app has it without the repository. The
 * file is committed; run this after changing the demo generator or the training file:
 *
 *   npx tsx scripts/write-training-file.ts
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as XLSX from 'xlsx';
import { findBundledPack } from '../shared/packs/index.ts';
import { createTrainingDepartmentFile } from '../shared/demo/training-department-file.ts';
import { trainingResourceName } from '../electron/engine/demo/training-resource.ts';

const root = resolve(import.meta.dirname, '..');

/** The xlsx bytes of the department's file: every cell text, the title rows merged. */
export function serializeTrainingFile(): Uint8Array {
  const pack = findBundledPack('pop-base');
  if (pack === undefined) throw new Error('pop-base is bundled');
  const file = createTrainingDepartmentFile(pack);
  const sheet = XLSX.utils.aoa_to_sheet(file.rows.map((row) => [...row]));
  const last = (file.rows[file.headerRow - 1]?.length ?? 1) - 1;
  const footer = file.headerRow + file.records;
  sheet['!merges'] = [0, 1, footer, footer + 1].map((r) => ({
    s: { r, c: 0 },
    e: { r, c: last },
  }));
  sheet['!cols'] = file.rows[file.headerRow - 1]?.map(() => ({ wch: 16 }));
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, sheet, file.sheetName);
  // A fixed date in the workbook's properties: the committed file changes only with its content.
  workbook.Props = { Title: file.fileName, CreatedDate: new Date('2026-11-26T00:00:00Z') };
  return XLSX.write(workbook, {
    type: 'buffer',
    bookType: 'xlsx',
    compression: true,
  }) as Uint8Array;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  const out = join(root, 'electron/engine/demo/training', trainingResourceName);
  await writeFile(out, serializeTrainingFile());
  process.stdout.write(`wrote ${out}\n`);
}
