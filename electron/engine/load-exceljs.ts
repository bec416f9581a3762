/**
 * ExcelJS on first use. It costs about 0.4 s of CPU to load, and most runs of the engine and of
 * `steward` (inspect, validate, a CSV package without an error workbook) never write a workbook:
 * so it is imported when a workbook is first written, not when the process starts. esbuild still
 * bundles it (a dynamic import of a package is bundled and run on its first use).
 */
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

/** ExcelJS, loaded once on the first call. */
export function loadExcelJs(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((module) => module.default);
  return loading;
}
