/**
 * Reads a filled-in standard-pack template (xlsx, xls, ods or et; see pack-workbook-layout.ts)
 * with the importer's own readers, so a template gets the same defences as any imported file
 * (the format told from the bytes, encrypted, hostile and oversized files refused), and every
 * cell comes as the text the clerk saw. A template is small: it is read in this thread.
 */
import { basename } from 'node:path';
import { defaultImportLimits, type ImportLimits } from '../../../shared/import/import-limits.ts';
import type { RawRow } from '../../../shared/import/raw-row.ts';
import type { Pack } from '../../../shared/pack/pack-schema.ts';
import { parsePackSheets, type PackSheet } from '../../../shared/pack/parse-pack-sheets.ts';
import { err, type Result } from '../../../shared/result.ts';
import { ImportError } from '../import/import-error.ts';
import { openWorkbookSource } from '../import/open-workbook-source.ts';

/** A pack template has a few hundred rows; these limits refuse anything far beyond that. */
const templateLimits: ImportLimits = {
  ...defaultImportLimits,
  maxFileBytes: 32 * 1024 ** 2,
  maxUncompressedBytes: 256 * 1024 ** 2,
  maxCells: 1_000_000,
  maxColumns: 200,
  maxCellLength: 100_000,
  maxMemoryMb: 512,
};

/**
 * Reads a pack template into a checked pack, or `pack-invalid` with every problem told by
 * sheet, row and column. `name` is the file name shown in messages and in the pack's provenance.
 */
export async function readPackWorkbook(path: string, name = basename(path)): Promise<Result<Pack>> {
  const opened = await openWorkbookSource(path, {}, templateLimits);
  if (!opened.ok) return opened;
  const source = opened.value;
  try {
    if (source.format === 'csv' || source.format === 'txt' || source.format === 'tsv') {
      return err(
        'pack-not-workbook',
        `「${name}」是文本文件，不是标准包：请导入标准包 JSON 文件或填写好的标准包 Excel 模板（xlsx、xls、ods、et）`,
        `"${name}" is a text file, not a standard pack: import a pack JSON file or a filled-in pack template (xlsx, xls, ods, et)`,
      );
    }
    const sheets: PackSheet[] = [];
    for (const sheet of source.sheets) {
      if (sheet.kind !== 'worksheet') continue;
      const rows: RawRow[] = [];
      for await (const batch of sheet.rows()) rows.push(...batch);
      sheets.push({ name: sheet.name, rows });
    }
    return parsePackSheets(sheets, name);
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, error: error.appError };
    throw error;
  } finally {
    await source.close();
  }
}
