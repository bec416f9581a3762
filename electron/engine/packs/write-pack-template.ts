/**
 * Writes the standard-pack Excel template (pack-workbook-layout.ts) so a clerk starts from the
 * right layout: the 标准包, 字段 and 代码 sheets with their headers (required ones marked `*`),
 * drop-down lists where a column takes fixed values, every cell formatted as text (a version
 * `1.10` or a code `01` stays as typed), and a 填写说明 sheet. Empty, it holds one example row
 * per sheet; from a pack, it holds that pack's dataset, ready to be edited into a new version.
 */
import type ExcelJS from 'exceljs';
import {
  codeColumns,
  codeSheetName,
  fieldColumns,
  fieldSheetName,
  formatTitles,
  helpSheetName,
  maskSpellings,
  packKeys,
  packSheetName,
  serializeListCell,
  typeSpellings,
  type CodeColumnName,
  type FieldColumnName,
  type PackKeyName,
  type SheetColumn,
} from '../../../shared/pack/pack-workbook-layout.ts';
import type { Field, Pack } from '../../../shared/pack/pack-schema.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { loadExcelJs } from '../load-exceljs.ts';
import { isWriteRefused, writeRefusedError } from '../write-refused.ts';

/** What a template written from a pack could not carry (the layout has no place for it). */
export interface PackTemplateOutcome {
  /** One line per property left out, e.g. `XM: recalled`, `rules: POP-R2-sex`. */
  readonly omitted: readonly string[];
}

/** Rows that get the drop-down lists and the text format. */
const editableRows = 500;

const headerFill: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDDEBF7' },
};

const exampleField: Readonly<Partial<Record<FieldColumnName, string>>> = {
  字段标识: 'GMSFHM',
  字段名称: '公民身份号码',
  类型: '字符',
  格式: 'gb11643',
  必填: '是',
  唯一: '是',
  同义词: '身份证号、身份证号码、证件号码',
  共享属性: '有条件共享',
  开放属性: '不予开放',
  个人信息: '敏感',
  脱敏方式: '证件号',
  说明: '示例行：请改为本标准的字段，或删除',
};

const exampleCode: Readonly<Partial<Record<CodeColumnName, string>>> = {
  代码表: 'entity-status',
  代码: '1',
  名称: '存续',
  别名: '在业、开业',
  代码表名称: '登记状态代码（示例行：请改为本标准的代码，或删除）',
};

const examplePack: Readonly<Partial<Record<PackKeyName, string>>> = {
  标识: 'example-pack',
  名称: '示例标准包',
  版本: '1.0',
  说明: '示例：请改为本标准包的说明',
  数据集标识: 'example',
  数据集名称: '示例数据集',
  主键: 'GMSFHM',
  来源: '依据的标准，如 GA/T 543.1-2011 公安数据元(1)',
};

/** Drop-down lists of the 字段 columns that take fixed values. */
const fieldChoices: Readonly<Partial<Record<FieldColumnName, readonly string[]>>> = {
  类型: Object.values(typeSpellings).map((spellings) => spellings[0] ?? ''),
  必填: ['是', '否'],
  唯一: ['是', '否'],
  共享属性: ['无条件共享', '有条件共享', '不予共享'],
  开放属性: ['开放', '有条件开放', '不予开放'],
  个人信息: ['一般', '敏感'],
  脱敏方式: Object.values(maskSpellings).map((spellings) => spellings[0] ?? ''),
};

function fieldCells(field: Field): Partial<Record<FieldColumnName, string>> {
  const c = field.constraints;
  const list = (values: readonly string[] | undefined) =>
    values === undefined ? undefined : serializeListCell(values);
  const cells: Partial<Record<FieldColumnName, string | undefined>> = {
    字段标识: field.name,
    字段名称: field.title,
    类型: typeSpellings[field.type][0],
    格式: field.format,
    必填: c?.required === true ? '是' : undefined,
    唯一: c?.unique === true ? '是' : undefined,
    最大长度: c?.maxLength?.toString(),
    代码表: c?.codeTable,
    取值范围: list(c?.enum),
    同义词: list(field.synonyms),
    共享属性: field.classification.sharing,
    开放属性: field.classification.opening,
    个人信息: field.classification.personal,
    脱敏方式: maskSpellings[field.classification.mask][0],
    说明: field.description,
    备注: field.notes,
  };
  return Object.fromEntries(
    Object.entries(cells).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** The properties of a field that the template has no column for. */
function omittedOf(field: Field): string[] {
  const c = field.constraints ?? {};
  const left = [
    ...(['minLength', 'pattern', 'minimum', 'maximum', 'maxDecimals'] as const).filter(
      (key) => c[key] !== undefined,
    ),
    ...(['unit', 'formatExceptions', 'valueAliases', 'recalled'] as const).filter(
      (key) => field[key] !== undefined,
    ),
  ];
  return left.map((key) => `${field.name}: ${key}`);
}

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly SheetColumn[],
  rows: readonly Partial<Record<string, string>>[],
  choices: Readonly<Partial<Record<string, readonly string[]>>> = {},
): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: `${column.isRequired ? '*' : ''}${column.header}`,
    width: Math.min(40, Math.max(10, column.header.length * 3 + 4)),
    style: { numFmt: '@' },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.fill = headerFill;
    cell.note = column.hint;
  });
  for (const row of rows) {
    sheet.addRow(columns.map((column) => row[column.header] ?? ''));
  }
  columns.forEach((column, index) => {
    const values = choices[column.header];
    if (values === undefined) return;
    const letter = sheet.getColumn(index + 1).letter;
    for (let r = 2; r <= editableRows; r += 1) {
      sheet.getCell(`${letter}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${values.join(',')}"`],
      };
    }
  });
}

function addPackSheet(workbook: ExcelJS.Workbook, values: Partial<Record<PackKeyName, string>>) {
  const sheet = workbook.addWorksheet(packSheetName);
  sheet.columns = [
    { header: '项目', width: 14, style: { numFmt: '@' } },
    { header: '内容', width: 60, style: { numFmt: '@', alignment: { wrapText: true } } },
    { header: '填写说明', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const { key, isRequired, hint } of packKeys) {
    sheet.addRow([`${isRequired ? '*' : ''}${key}`, values[key] ?? '', hint]);
  }
}

function addHelpSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet(helpSheetName);
  sheet.columns = [
    { header: '工作表', width: 10 },
    { header: '项目或列', width: 14 },
    { header: '必填', width: 6 },
    { header: '怎么填', width: 90 },
  ];
  sheet.getRow(1).font = { bold: true };
  const line = (sheetName: string, rows: readonly SheetColumn[]) => {
    for (const row of rows) {
      sheet.addRow([sheetName, row.header, row.isRequired ? '是' : '', row.hint]);
    }
  };
  line(
    packSheetName,
    packKeys.map((k) => ({ header: k.key, isRequired: k.isRequired, hint: k.hint })),
  );
  line(fieldSheetName, fieldColumns);
  line(codeSheetName, codeColumns);
  sheet.addRow([]);
  sheet.addRow([
    '',
    '',
    '',
    `格式的中文名也可以填写：${Object.entries(formatTitles)
      .map(([format, title]) => `${title}（${format}）`)
      .join('、')}`,
  ]);
  sheet.addRow([
    '',
    '',
    '',
    '跨字段规则（如出生日期与公民身份号码一致）不能在模板中填写，需要时请在标准包 JSON 文件中声明。',
  ]);
  sheet.addRow([
    '',
    '',
    '',
    '填好后：在「标准」步骤点「导入标准包」，或运行 steward packs --import 文件名.xlsx。有错误时会逐条列出所在的表、行和列。',
  ]);
}

/**
 * Writes the template to `path`: empty (one example row per sheet), or filled from one dataset
 * of a pack (its first, unless `datasetName` says), listing what the layout could not carry.
 */
export async function writePackTemplate(
  path: string,
  from?: { pack: Pack; datasetName?: string },
): Promise<Result<PackTemplateOutcome>> {
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  workbook.creator = 'Data Steward Workbench';
  const omitted: string[] = [];
  if (from === undefined) {
    addPackSheet(workbook, examplePack);
    addSheet(workbook, fieldSheetName, fieldColumns, [exampleField], fieldChoices);
    addSheet(workbook, codeSheetName, codeColumns, [exampleCode]);
  } else {
    const { pack } = from;
    const dataset =
      from.datasetName === undefined
        ? pack.datasets[0]
        : pack.datasets.find((d) => d.name === from.datasetName);
    if (dataset === undefined) {
      return err(
        'dataset-not-found',
        `标准包 ${pack.id} 中没有数据集「${from.datasetName ?? ''}」`,
        `The pack ${pack.id} has no dataset "${from.datasetName ?? ''}"`,
      );
    }
    addPackSheet(workbook, {
      标识: pack.id,
      名称: pack.title,
      版本: pack.version,
      ...(pack.description !== undefined && { 说明: pack.description }),
      数据集标识: dataset.name,
      数据集名称: dataset.title,
      ...(dataset.description !== undefined && { 数据集说明: dataset.description }),
      ...(dataset.primaryKey !== undefined && { 主键: serializeListCell(dataset.primaryKey) }),
      ...(dataset.updateCycle !== undefined && { 更新周期: dataset.updateCycle }),
      ...(dataset.updateTimeField !== undefined && { 更新时间字段: dataset.updateTimeField }),
      来源: pack.provenance.sources.join('\n'),
    });
    addSheet(
      workbook,
      fieldSheetName,
      fieldColumns,
      dataset.fields.map((field) => fieldCells(field)),
      fieldChoices,
    );
    const codeRows: Partial<Record<CodeColumnName, string>>[] = [];
    for (const [name, table] of Object.entries(pack.codeTables ?? {})) {
      if (table.builtin !== undefined) {
        omitted.push(`codeTables.${name}: title, source (a built-in table is named by its id)`);
        continue;
      }
      (table.codes ?? []).forEach((code, index) => {
        codeRows.push({
          代码表: name,
          代码: code.code,
          名称: code.name,
          ...(code.aliases !== undefined && { 别名: serializeListCell(code.aliases) }),
          ...(index === 0 && { 代码表名称: table.title }),
          ...(index === 0 && table.source !== undefined && { 代码表来源: table.source }),
        });
      });
    }
    addSheet(workbook, codeSheetName, codeColumns, codeRows);
    for (const field of dataset.fields) omitted.push(...omittedOf(field));
    for (const rule of dataset.rules ?? []) omitted.push(`rules: ${rule.id}`);
    if (pack.provenance.recalled !== undefined) omitted.push('provenance.recalled');
    if (pack.provenance.notes !== undefined) omitted.push('provenance.notes');
    if (pack.datasets.length > 1) {
      omitted.push(...pack.datasets.filter((d) => d !== dataset).map((d) => `datasets: ${d.name}`));
    }
  }
  addHelpSheet(workbook);
  try {
    await workbook.xlsx.writeFile(path);
  } catch (error) {
    if (isWriteRefused(error)) return writeRefusedError(error);
    const reason = error instanceof Error ? error.message : String(error);
    return err(
      'template-unwritable',
      `无法写入模板文件：${path}（${reason}）`,
      `Cannot write the template file ${path} (${reason})`,
    );
  }
  return ok({ omitted });
}
