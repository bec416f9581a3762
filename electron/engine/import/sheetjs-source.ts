/**
 * The SheetJS reader, for what only SheetJS reads (xls BIFF5/8, WPS et, xlsb, ods, HTML and
 * XML spreadsheets), and the fallback for a small xlsx whose structure the streaming reader
 * refuses (every other xlsx goes to the streaming reader).
 * Dense mode; only the cells that exist are visited, never the declared range (`A1:XFD1048576`
 * with 22 cells). Each cell's text is the text it showed (`w`), except that a 12-15 digit whole
 * number that was only shown in scientific notation is written out exactly.
 */
import * as XLSX from 'xlsx';
import * as cptable from 'xlsx/dist/cpexcel.full.mjs';
import { numberCellText } from '../../../shared/import/number-cell-text.ts';
import type { CellKind, MergedRange, RawRow } from '../../../shared/import/raw-row.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import type { SourceFormat } from './source-table.ts';
import type { SheetSource, WorkbookSource } from './workbook-source.ts';

XLSX.set_cptable(cptable);

const batchSize = 2000;
/** One more row than Excel allows: a sheet that reaches it was cut by the reader. */
const rowCap = 1_048_577;

/** The text and kind of one SheetJS cell, or undefined for an empty one. */
function cellText(cell: XLSX.CellObject): { text: string; kind: CellKind } | undefined {
  switch (cell.t) {
    case 'n':
      return typeof cell.v === 'number'
        ? { text: numberCellText(cell.v, cell.w), kind: 'n' }
        : undefined;
    case 's':
      return { text: cell.w ?? String(cell.v ?? ''), kind: 's' };
    case 'b':
      return { text: cell.w ?? (cell.v === true ? 'TRUE' : 'FALSE'), kind: 'b' };
    case 'e':
      return { text: cell.w ?? '#N/A', kind: 'e' };
    case 'd':
      return {
        text: cell.w ?? (cell.v instanceof Date ? cell.v.toISOString() : String(cell.v)),
        kind: 'd',
      };
    default:
      return undefined;
  }
}

/**
 * Runs a SheetJS parse with the console silenced: on a damaged xls SheetJS prints lines such as
 * "Missing Info for XLS Record 0x..." straight to the console, which reach a clerk's terminal
 * (and, in the worker, the app's log) as unexplained noise. They are kept, the first few, for
 * the details of a failure. SheetJS has no option to turn them off; the parse is synchronous,
 * so nothing else in this worker prints in between.
 */
export function quietly<T>(said: string[], parse: () => T): T {
  const saved = { log: console.log, warn: console.warn, error: console.error };
  const keep = (...args: unknown[]) => {
    if (said.length < 10) said.push(args.map(String).join(' '));
  };
  console.log = keep;
  console.warn = keep;
  console.error = keep;
  try {
    return parse();
  } finally {
    console.log = saved.log;
    console.warn = saved.warn;
    console.error = saved.error;
  }
}

function isEncryptedError(message: string): boolean {
  return /password|encrypt/i.test(message);
}

/** The merged ranges of a SheetJS sheet, with rows numbered as shown. */
function mergesOf(sheet: XLSX.WorkSheet): MergedRange[] {
  return (sheet['!merges'] ?? []).map((range) => ({
    top: range.s.r + 1,
    left: range.s.c,
    bottom: range.e.r + 1,
    right: range.e.c,
  }));
}

async function* sheetRows(sheet: XLSX.WorkSheet): AsyncGenerator<RawRow[]> {
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  let batch: RawRow[] = [];
  for (let r = 0; r < data.length; r += 1) {
    const row = data[r];
    if (row === undefined) continue;
    const texts: string[] = [];
    const kinds: CellKind[] = [];
    let hasCell = false;
    row.forEach((cell, column) => {
      if (cell === undefined) return;
      const read = cellText(cell);
      if (read === undefined || read.text === '') return;
      texts[column] = read.text;
      kinds[column] = read.kind;
      hasCell = true;
    });
    if (hasCell) batch.push({ row: r + 1, texts, kinds });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Reads a workbook held in memory with SheetJS. Encrypted workbooks and files SheetJS cannot
 * parse come back as AppErrors, with SheetJS's own message kept in the details for the log.
 */
export function readSheetJsSource(bytes: Uint8Array, format: SourceFormat): Result<WorkbookSource> {
  let workbook: XLSX.WorkBook;
  const said: string[] = [];
  try {
    workbook = quietly(said, () =>
      XLSX.read(bytes, {
        type: 'array',
        dense: true,
        cellDates: false,
        cellNF: false,
        cellStyles: false,
        cellHTML: false,
        sheetStubs: false,
        bookVBA: false,
        bookDeps: false,
        WTF: false,
        sheetRows: rowCap,
      }),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isEncryptedError(message)) {
      return err(
        'encrypted',
        '文件已加密，请在 Excel 中取消密码后再导入',
        'The file is encrypted: remove the password in Excel, then import it again',
      );
    }
    return err(
      'corrupt-file',
      `文件已损坏，无法读取（格式看起来是 ${format}，但内容无法解析）`,
      `The file is damaged and cannot be read (it looks like ${format}, but its content cannot be parsed)`,
      [message, ...said],
    );
  }
  const sheets: SheetSource[] = [];
  for (const [index, name] of workbook.SheetNames.entries()) {
    const sheet = workbook.Sheets[name];
    if (sheet === undefined) {
      // SheetJS leaves out a sheet it fails to parse, with no error: a lost sheet is refused.
      return err(
        'corrupt-file',
        `文件已损坏：工作表「${name}」无法读取。请在 Excel 或 WPS 中打开该文件，另存为 xlsx 后再导入`,
        `The file is damaged: the sheet ${name} cannot be read. Open the file in Excel or WPS, save it as xlsx, then import it again`,
      );
    }
    const data = (sheet['!data'] ?? []) as unknown[];
    if (data.length >= rowCap) {
      return err(
        'too-many-rows',
        `工作表「${name}」的行数超过了 Excel 的上限，读取会不完整，已停止`,
        `The sheet ${name} has more rows than Excel allows; a read would be incomplete, so it stopped`,
      );
    }
    const hidden = (workbook.Workbook?.Sheets?.[index]?.Hidden ?? 0) > 0;
    const kind: SheetSource['kind'] = sheet['!type'] === 'chart' ? 'chart' : 'worksheet';
    sheets.push({
      name,
      hidden,
      kind,
      merges: async () => mergesOf(sheet),
      rows: () => (kind === 'chart' ? (async function* () {})() : sheetRows(sheet)),
    });
  }
  if (sheets.length === 0) {
    return err(
      'corrupt-file',
      '文件已损坏：工作簿中没有任何工作表',
      'The file is damaged: the workbook has no sheets',
    );
  }
  return ok({ format, sheets, close: async () => undefined });
}
