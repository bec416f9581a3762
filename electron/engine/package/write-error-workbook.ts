/**
 * The error workbook (reports/errors.xlsx, and the round trip of DESIGN.md step 4): the records
 * with issues, the bad cells highlighted (red for errors, yellow for warnings) and explained in
 * a comment, an 问题清单 sheet with one line per issue, a 说明 sheet saying how to fix and return
 * it, and a very hidden sheet with what merging needs (the record ids and the values as they
 * were when the workbook was written, to tell a fix from a conflict). Every value is written as
 * text (format `@`), so Excel cannot turn an 18-digit ID into 3.71702E+17 again.
 *
 * ExcelJS, because SheetJS CE cannot write cell styles. Its zip carries the time it was written,
 * so the workbook is re-zipped with fixed times: the same input gives the same bytes.
 */
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { LocalizedText } from '../../../shared/i18n/localized-text.ts';
import type { Severity } from '../../../shared/issue.ts';
import type { Field } from '../../../shared/pack/pack-schema.ts';
import type { FieldCodeNames } from '../../../shared/package/create-field-code-names.ts';
import { writeZipToBuffer } from './create-zip-writer.ts';
import { loadExcelJs } from '../load-exceljs.ts';
import { openZipBuffer } from './read-zip.ts';

/** The name of the very hidden sheet that merging reads. */
export const mergeSheetName = '_steward';
/** The sheet of records with issues. */
export const dataSheetName = '问题数据';
/** The sheet with one line per issue. */
export const issueSheetName = '问题清单';
/** The sheet that says how to fix and return the workbook. */
export const helpSheetName = '说明';
/** The header of the record-id column (the key merging matches records by). */
export const recordIdHeader = '记录编号';
/** The provenance columns before the fields. */
export const provenanceHeaders = [recordIdHeader, '来源文件', '工作表', '原表行号'] as const;
/**
 * The header of the read-only column after a code field's column that names each code (性别 ->
 * 性别（名称）). Merging finds field columns by their titles, so it never reads this one.
 */
export function codeNameHeader(title: string): string {
  return `${title}（名称）`;
}
/** The version of the merge sheet's content. */
export const errorWorkbookFormat = 'steward-errors/1';

/** Fill colours: errors light red, warnings light yellow (as Excel's own good/bad styles). */
export const issueFills: Readonly<Record<Severity, string>> = {
  error: 'FFFFC7CE',
  warning: 'FFFFEB9C',
};

/** What the merge sheet's first cell holds. */
export interface ErrorWorkbookMeta {
  readonly format: typeof errorWorkbookFormat;
  readonly packId: string;
  readonly packVersion: string;
  readonly dataset: string;
  readonly department: string;
  readonly period: string;
  /** When the project was created: a workbook merges only into the project it came from. */
  readonly projectCreatedAt: string;
  readonly created: string;
  /** True when values are masked (a 开放 package): such a workbook cannot be merged. */
  readonly isMasked: boolean;
  /** The field identifiers of the data sheet's columns, after the provenance columns. */
  readonly fields: readonly string[];
}

/** One issue of a record, as the workbook explains it. */
export interface WorkbookIssue {
  readonly field: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: LocalizedText;
  readonly value?: string;
  readonly suggestion?: string;
}

/** One record with issues. */
export interface ErrorWorkbookRow {
  readonly rid: number;
  readonly source: { readonly file: string; readonly sheet: string; readonly row: number };
  /** Values in the order of `fields` (already masked for a 开放 package). */
  readonly values: readonly string[];
  readonly issues: readonly WorkbookIssue[];
}

/** What the workbook is written from. */
export interface ErrorWorkbookInput {
  readonly meta: Omit<ErrorWorkbookMeta, 'format' | 'fields'>;
  readonly datasetTitle: string;
  readonly fields: readonly Pick<Field, 'name' | 'title'>[];
  readonly rows: readonly ErrorWorkbookRow[];
  readonly created: Date;
  /** The names of the codes of code fields: each gets a read-only name column after its own. */
  readonly codeNames?: FieldCodeNames;
}

/**
 * The styles of the cells written per record, one object each, shared by every cell that has it
 * and never changed after: ExcelJS looks a style object up by identity before it serializes it
 * to find its id, so a shared object costs one lookup per cell instead of building its XML
 * (a third of the workbook's time). The ids, and so the bytes, are those of a style per cell.
 */
function createCellStyles(nameFont: Partial<ExcelJS.Font>): {
  readonly text: Partial<ExcelJS.Style>;
  readonly name: Partial<ExcelJS.Style>;
  readonly field: Partial<ExcelJS.Style>;
  readonly issue: Readonly<Record<Severity, Partial<ExcelJS.Style>>>;
} {
  const unlocked: Partial<ExcelJS.Protection> = { locked: false };
  const issueStyle = (severity: Severity): Partial<ExcelJS.Style> => ({
    numFmt: '@',
    protection: unlocked,
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: issueFills[severity] } },
  });
  return {
    text: { numFmt: '@' },
    name: { numFmt: '@', font: nameFont },
    field: { numFmt: '@', protection: unlocked },
    issue: { error: issueStyle('error'), warning: issueStyle('warning') },
  };
}

/**
 * How a sheet prints (issue #13): landscape A4, fitted to one page wide and as many pages down as
 * it needs, narrow margins, the header row repeated on every page (the print titles). Without
 * it Excel printed four columns per page.
 */
export function printSetup(hasHeaderRow: boolean): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(hasHeaderRow ? { printTitlesRow: '1:1' } : {}),
  };
}

/** The comment on the 记录编号 header: what the column is for and that it must stay as it is. */
const recordIdNote = `${recordIdHeader}是合并修改时找回每条记录的依据，请不要修改、删除或新增这一列的内容。`;

/** What the department may still do on the protected data sheet. */
const sheetProtection: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatCells: true,
  formatColumns: true,
  formatRows: true,
  sort: true,
  autoFilter: true,
};

function helpLines(input: ErrorWorkbookInput): string[][] {
  const m = input.meta;
  const lines: string[][] = [
    ['数据问题修改表 / Error workbook'],
    [],
    ['数据集', `${input.datasetTitle}（${m.dataset}）`],
    ['标准', `${m.packId} v${m.packVersion}`],
    ['提供部门', m.department],
    ['报送期', m.period],
    ['生成时间', m.created],
    ['有问题的记录', String(input.rows.length)],
    [],
    ['怎样修改'],
    [
      '1',
      `「${dataSheetName}」表列出未通过检查的记录。红色单元格是错误，黄色是警告；鼠标停在单元格上可以看到问题说明和建议值。`,
    ],
    [
      '2',
      `请直接在「${dataSheetName}」表中改正单元格的值。不要改动「${recordIdHeader}」列（这一列和来源列已锁定），不要增删列，不要改工作表的名称。`,
    ],
    [
      '',
      '代码字段（如性别、民族）后面的「（名称）」列写出每个代码的名称，只供对照，已锁定；要改请改代码列，合并时不读名称列。',
    ],
    ['3', '所有单元格都是文本格式。身份证号码等长数字请照原样输入，不要转换成数字或科学计数法。'],
    ['4', `「${issueSheetName}」表逐条列出问题、当前值和建议值，供核对。`],
    [
      '5',
      '改好后保存（xlsx、xls、et 或 ods 格式均可），发回数据管理员。数据管理员用“合并修改”（steward merge）按记录编号把修改合并回项目；同一单元格在项目中也被改过的，会列为冲突，不会被覆盖。',
    ],
  ];
  if (m.isMasked) {
    lines.push(
      [],
      ['注意', '本表来自开放（公开）数据包，敏感字段已脱敏或删除，只供查看，不能用于合并修改。'],
    );
  }
  return lines;
}

/** Writes the error workbook and returns its bytes. */
export async function writeErrorWorkbook(input: ErrorWorkbookInput): Promise<Buffer> {
  return normalizeWorkbook(await writeStoredErrorWorkbook(input), input.created);
}

/**
 * The workbook as ExcelJS writes it, its parts stored rather than deflated: `normalizeWorkbook`
 * re-zips them anyway, so deflating them here (and inflating them there) was work thrown away,
 * some 16 MB of sheet XML each way at 300,000 rows. The workbook's bytes are the same: they
 * depend only on the parts, which the re-zip deflates once.
 */
export async function writeStoredErrorWorkbook(input: ErrorWorkbookInput): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const { stream } = await loadExcelJs();
  const workbook = new stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
    zip: { store: true },
  });
  workbook.creator = '数据归集工作台';
  workbook.lastModifiedBy = '数据归集工作台';
  workbook.created = input.created;
  workbook.modified = input.created;

  const fieldIndex = new Map(input.fields.map((f, i) => [f.name, i]));
  const fieldTitle = new Map(input.fields.map((f) => [f.name, f.title]));
  const headerFill: ExcelJS.Fill = {
    type: 'pattern',
    pattern: 'solid',
    fgColor: { argb: 'FFDDE4EE' },
  };

  const codeNames = input.codeNames ?? new Map<string, ReadonlyMap<string, string>>();
  // Names are grey, not filled: a fill marks a cell with an issue.
  const nameFont: Partial<ExcelJS.Font> = { color: { argb: 'FF6B7785' } };
  const styles = createCellStyles(nameFont);
  const data = workbook.addWorksheet(dataSheetName, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: printSetup(true),
  });
  // The sheet's column (1-based) of each field, and of its name column when it has codes.
  const fieldColumn: number[] = [];
  const nameColumn = new Map<number, ReadonlyMap<string, string>>();
  const columns: Partial<ExcelJS.Column>[] = provenanceHeaders.map((header) => ({
    header,
    width: header === '来源文件' ? 24 : 12,
  }));
  for (const f of input.fields) {
    columns.push({ header: f.title, width: Math.max(12, Math.min(40, f.title.length * 2 + 4)) });
    fieldColumn.push(columns.length);
    const names = codeNames.get(f.name);
    if (names !== undefined) {
      columns.push({ header: codeNameHeader(f.title), width: 16 });
      nameColumn.set(columns.length, names);
    }
  }
  data.columns = columns;
  data.getRow(1).eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = headerFill;
  });
  data.getRow(1).getCell(1).note = recordIdNote;
  data.getRow(1).commit();
  // The sheet is protected without a password: the header and the provenance columns (记录编号
  // first) are locked, the field cells are not, so the department edits the values and cannot
  // change a record id by accident; sorting, filtering and formatting stay allowed.
  await data.protect('', sheetProtection);
  for (const row of input.rows) {
    const cells = [String(row.rid), row.source.file, row.source.sheet, String(row.source.row)];
    row.values.forEach((value, index) => {
      cells.push(value);
      const names = nameColumn.get((fieldColumn[index] ?? 0) + 1);
      if (names !== undefined) cells.push(names.get(value) ?? '');
    });
    const excelRow = data.addRow(cells);
    for (let c = 1; c <= cells.length; c += 1) {
      // The field cells are the department's to edit; provenance and code names stay locked.
      excelRow.getCell(c).style = nameColumn.has(c)
        ? styles.name
        : c > provenanceHeaders.length
          ? styles.field
          : styles.text;
    }
    const byField = new Map<number, WorkbookIssue[]>();
    for (const issue of row.issues) {
      const index = fieldIndex.get(issue.field);
      if (index === undefined) continue;
      const list = byField.get(index) ?? [];
      list.push(issue);
      byField.set(index, list);
    }
    for (const [index, issues] of byField) {
      const cell = excelRow.getCell(fieldColumn[index] ?? 0);
      const severity: Severity = issues.some((i) => i.severity === 'error') ? 'error' : 'warning';
      cell.style = styles.issue[severity];
      cell.note = issues
        .map((i) => {
          const level = i.severity === 'error' ? '错误' : '警告';
          const suggested =
            i.suggestion === undefined ? undefined : codeNames.get(i.field)?.get(i.suggestion);
          const fix =
            i.suggestion === undefined
              ? ''
              : `\n建议改为：${i.suggestion}${suggested === undefined ? '' : `（${suggested}）`}`;
          return `【${level}】${i.message.zh}${fix}`;
        })
        .join('\n');
    }
    excelRow.commit();
  }
  data.commit();

  const list = workbook.addWorksheet(issueSheetName, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: printSetup(true),
  });
  list.columns = [
    { header: recordIdHeader, width: 10 },
    { header: '来源文件', width: 24 },
    { header: '工作表', width: 12 },
    { header: '原表行号', width: 10 },
    { header: '字段名称', width: 18 },
    { header: '字段标识', width: 12 },
    { header: '级别', width: 8 },
    { header: '问题说明', width: 60 },
    { header: '当前值', width: 24 },
    { header: '建议值', width: 24 },
  ];
  list.getRow(1).eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = headerFill;
  });
  list.getRow(1).commit();
  for (const row of input.rows) {
    for (const issue of row.issues) {
      const line = list.addRow([
        String(row.rid),
        row.source.file,
        row.source.sheet,
        String(row.source.row),
        fieldTitle.get(issue.field) ?? issue.field,
        issue.field,
        issue.severity === 'error' ? '错误' : '警告',
        issue.message.zh,
        issue.value ?? '（不公开）',
        issue.suggestion ?? '',
      ]);
      for (let c = 1; c <= 10; c += 1) line.getCell(c).style = styles.text;
      line.commit();
    }
  }
  list.commit();

  const help = workbook.addWorksheet(helpSheetName, { pageSetup: printSetup(false) });
  help.columns = [{ width: 14 }, { width: 100 }];
  for (const line of helpLines(input)) {
    const row = help.addRow(line);
    if (line.length === 1) row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
  help.commit();

  const merge = workbook.addWorksheet(mergeSheetName, { state: 'veryHidden' });
  const meta: ErrorWorkbookMeta = {
    format: errorWorkbookFormat,
    ...input.meta,
    fields: input.fields.map((f) => f.name),
  };
  merge.addRow([JSON.stringify(meta)]).commit();
  if (!input.meta.isMasked) {
    for (const row of input.rows) {
      const line = merge.addRow([String(row.rid), ...row.values]);
      for (let c = 1; c <= row.values.length + 1; c += 1) line.getCell(c).style = styles.text;
      line.commit();
    }
  }
  merge.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

/**
 * Re-zips a workbook with fixed entry times and order ([Content_Types].xml first, then by
 * name), so that its bytes depend only on its content.
 */
async function normalizeWorkbook(bytes: Buffer, created: Date): Promise<Buffer> {
  const zip = await openZipBuffer(bytes);
  try {
    const entries: { path: string; bytes: Buffer }[] = [];
    for (const entry of zip.entries)
      entries.push({ path: entry.name, bytes: await zip.read(entry) });
    entries.sort((a, b) => {
      const rank = (p: string): number => (p === '[Content_Types].xml' ? 0 : 1);
      return rank(a.path) - rank(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    });
    return await writeZipToBuffer(entries, created);
  } finally {
    zip.close();
  }
}
