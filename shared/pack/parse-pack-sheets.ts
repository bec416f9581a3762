/**
 * Turns the sheets of a filled-in pack template (pack-workbook-layout.ts) into a pack, checked
 * by the same loader as a JSON pack. Every problem, the template's own (a type it cannot read,
 * a missing 标识) and the loader's (a bad identifier, an undeclared primary key), is told by
 * sheet, row and column, in the clerk's words: 「字段」表第 7 行「类型」：无法识别「文本型」.
 */
import type { RawRow } from '../import/raw-row.ts';
import { err, ok, type Result } from '../result.ts';
import { checkPackJson, type PackProblem } from './load-pack.ts';
import {
  builtinCodeTableNames,
  codeColumns,
  codeSheetName,
  fieldColumns,
  fieldSheetName,
  formatTitles,
  maskSpellings,
  noSpellings,
  packKeys,
  packSheetName,
  parseListCell,
  typeSpellings,
  yesSpellings,
  type CodeColumnName,
  type FieldColumnName,
  type PackKeyName,
} from './pack-workbook-layout.ts';
import {
  builtinCodeTables,
  fieldFormats,
  type BuiltinCodeTable,
  type Classification,
  type Field,
  type FieldFormat,
  type Pack,
} from './pack-schema.ts';

/** One sheet of the workbook as read: its name and its rows (numbered as Excel shows them). */
export interface PackSheet {
  readonly name: string;
  readonly rows: readonly RawRow[];
}

/** Where a problem is: a sheet, and in it a row and a column (or a 标准包 item) when known. */
interface Location {
  readonly sheet: string;
  readonly row?: number;
  readonly column?: string;
}

interface SheetProblem {
  readonly at: Location | undefined;
  readonly zh: string;
}

/** A report lists this many problems; the count in the message is always the full count. */
const maxDetails = 200;

const sheetOrder = [packSheetName, fieldSheetName, codeSheetName];

const sharingValues: readonly Classification['sharing'][] = [
  '无条件共享',
  '有条件共享',
  '不予共享',
];
const openingValues: readonly Classification['opening'][] = ['开放', '有条件开放', '不予开放'];
const personalValues: readonly Classification['personal'][] = ['一般', '敏感'];

/** Which 字段 column a field property is read from, to place the loader's problems. */
const fieldPropertyColumns: Readonly<Record<string, FieldColumnName>> = {
  name: '字段标识',
  title: '字段名称',
  type: '类型',
  format: '格式',
  description: '说明',
  notes: '备注',
  synonyms: '同义词',
  'constraints.required': '必填',
  'constraints.unique': '唯一',
  'constraints.maxLength': '最大长度',
  'constraints.codeTable': '代码表',
  'constraints.enum': '取值范围',
  'classification.sharing': '共享属性',
  'classification.opening': '开放属性',
  'classification.personal': '个人信息',
  'classification.mask': '脱敏方式',
};

/** Which 标准包 item a pack or dataset property is read from. */
const packPropertyKeys: Readonly<Record<string, PackKeyName>> = {
  id: '标识',
  title: '名称',
  version: '版本',
  description: '说明',
  provenance: '来源',
  'datasets.name': '数据集标识',
  'datasets.title': '数据集名称',
  'datasets.description': '数据集说明',
  'datasets.primaryKey': '主键',
  'datasets.updateCycle': '更新周期',
  'datasets.updateTimeField': '更新时间字段',
};

const codePropertyColumns: Readonly<Record<string, CodeColumnName>> = {
  code: '代码',
  name: '名称',
  aliases: '别名',
};

/** A header or key as written, without spaces or the `*` that marks a required column. */
function cleanLabel(text: string | undefined): string {
  return (text ?? '').replace(/[\s\u3000]+/g, '').replace(/^\*+|\*+$/g, '');
}

function cellText(row: RawRow, column: number): string {
  return (row.texts[column] ?? '').trim();
}

function isBlank(row: RawRow): boolean {
  return row.texts.every((text) => text === undefined || text.trim() === '');
}

/** Formats a location the way a clerk reads it: 「字段」表第 7 行「类型」. */
function describeLocation(at: Location): string {
  const row = at.row === undefined ? '' : `第 ${at.row} 行`;
  const column = at.column === undefined ? '' : `「${at.column}」`;
  return `「${at.sheet}」表${row}${column}`;
}

function locationKey(at: Location): string {
  return `${at.sheet}|${at.row ?? ''}|${at.column ?? ''}`;
}

/** Reads the rows of a sheet of the template; collects the problems as it goes. */
class TemplateReader {
  readonly problems: SheetProblem[] = [];
  /** `sheet|column` of each required column the sheet lacks (said once, not on every row). */
  readonly missingColumns = new Set<string>();
  /** The required sheets the workbook lacks (said once, not for every value they would hold). */
  readonly missingSheets = new Set<string>();

  report(at: Location | undefined, zh: string): void {
    this.problems.push({ at, zh });
  }

  /** Finds the header row (the first row holding `anchor`) and each known column's index. */
  readColumns<Name extends string>(
    sheet: PackSheet,
    columns: readonly { header: Name; isRequired: boolean }[],
    anchor: Name,
  ): { headerRow: number; indexes: Map<Name, number> } | undefined {
    const header = sheet.rows.find((row) => row.texts.some((t) => cleanLabel(t) === anchor));
    const names = new Set<string>(columns.map((c) => c.header));
    if (header === undefined) {
      this.report(
        { sheet: sheet.name },
        `找不到表头行（应有 ${columns
          .filter((c) => c.isRequired)
          .map((c) => `「${c.header}」`)
          .join('')} 等列）`,
      );
      return undefined;
    }
    const indexes = new Map<Name, number>();
    header.texts.forEach((text, index) => {
      const label = cleanLabel(text);
      if (label === '') return;
      if (!names.has(label)) {
        this.report(
          { sheet: sheet.name, row: header.row },
          `无法识别的列「${label}」（可用的列：${columns.map((c) => c.header).join('、')}）`,
        );
        return;
      }
      const name = label as Name;
      if (indexes.has(name)) {
        this.report({ sheet: sheet.name, row: header.row }, `「${label}」列出现了两次`);
        return;
      }
      indexes.set(name, index);
    });
    for (const column of columns) {
      if (column.isRequired && !indexes.has(column.header)) {
        this.report({ sheet: sheet.name, row: header.row }, `缺少「${column.header}」列`);
        this.missingColumns.add(`${sheet.name}|${column.header}`);
      }
    }
    return { headerRow: header.row, indexes };
  }

  /** A cell that must be one of the given spellings; undefined (and a problem) otherwise. */
  readChoice<T>(
    at: Location,
    text: string,
    choices: readonly (readonly [T, readonly string[]])[],
    allowed: string,
  ): T | undefined {
    const key = text.replace(/\s+/g, '').toLowerCase();
    for (const [value, spellings] of choices) {
      if (spellings.some((s) => s.toLowerCase() === key)) return value;
    }
    this.report(at, `无法识别「${text}」（可填：${allowed}）`);
    return undefined;
  }
}

/** The 标准包 sheet: each item's value and the row it is on. */
function readPackItems(
  sheet: PackSheet,
  reader: TemplateReader,
): Map<PackKeyName, { value: string; row: number }> {
  const known = new Set<string>(packKeys.map((k) => k.key));
  const items = new Map<PackKeyName, { value: string; row: number }>();
  for (const row of sheet.rows) {
    const key = cleanLabel(row.texts[0]);
    if (key === '' || key === '项目') continue;
    if (!known.has(key)) {
      reader.report(
        { sheet: sheet.name, row: row.row, column: key },
        `无法识别的项目（可填：${packKeys.map((k) => k.key).join('、')}）`,
      );
      continue;
    }
    const name = key as PackKeyName;
    const first = items.get(name);
    if (first !== undefined) {
      reader.report(
        { sheet: sheet.name, row: row.row, column: key },
        `重复填写（第 ${first.row} 行已填写）`,
      );
      continue;
    }
    items.set(name, { value: (row.texts[1] ?? '').trim(), row: row.row });
  }
  for (const { key, isRequired } of packKeys) {
    const item = items.get(key);
    if (!isRequired || (item !== undefined && item.value !== '')) continue;
    reader.report({ sheet: sheet.name, ...(item && { row: item.row }), column: key }, '未填写');
  }
  return items;
}

interface InlineTable {
  title?: string;
  source?: string;
  readonly codes: { code: string; name: string; aliases?: string[] }[];
  /** The 代码 row of each code, in order. */
  readonly rows: number[];
}

/** The 代码 sheet: the pack's own code tables, by the name the 代码表 column gives. */
function readCodeTables(sheet: PackSheet, reader: TemplateReader): Map<string, InlineTable> {
  const tables = new Map<string, InlineTable>();
  const columns = reader.readColumns(sheet, codeColumns, '代码');
  if (columns === undefined) return tables;
  const { headerRow, indexes } = columns;
  for (const row of sheet.rows) {
    if (row.row <= headerRow || isBlank(row)) continue;
    const cell = (name: CodeColumnName): string => {
      const index = indexes.get(name);
      return index === undefined ? '' : cellText(row, index);
    };
    const at = (column: CodeColumnName): Location => ({ sheet: sheet.name, row: row.row, column });
    const tableName = cell('代码表');
    const code = cell('代码');
    const name = cell('名称');
    if (tableName === '') reader.report(at('代码表'), '未填写');
    if (code === '') reader.report(at('代码'), '未填写');
    if (name === '') reader.report(at('名称'), '未填写');
    if (tableName === '') continue;
    let table = tables.get(tableName);
    if (table === undefined) {
      table = { codes: [], rows: [] };
      tables.set(tableName, table);
    }
    for (const [column, key] of [
      ['代码表名称', 'title'],
      ['代码表来源', 'source'],
    ] as const) {
      const value = cell(column);
      if (value === '') continue;
      const earlier = table[key];
      if (earlier === undefined) table[key] = value;
      else if (earlier !== value) {
        reader.report(at(column), `与本代码表前面填写的「${earlier}」不一致`);
      }
    }
    if (code === '' || name === '') continue;
    const aliases = parseListCell(cell('别名'));
    table.codes.push({ code, name, ...(aliases.length > 0 && { aliases }) });
    table.rows.push(row.row);
  }
  return tables;
}

/** What the 代码表 cell of a field names: one of the pack's own tables or a built-in one. */
function resolveCodeTable(
  text: string,
  inline: ReadonlyMap<string, InlineTable>,
): { name: string; builtin?: BuiltinCodeTable } | undefined {
  if (inline.has(text)) return { name: text };
  for (const [name, table] of inline) if (table.title === text) return { name };
  const key = text.toLowerCase();
  for (const id of builtinCodeTables) {
    if (id === key || builtinCodeTableNames[id].includes(text)) return { name: id, builtin: id };
  }
  return undefined;
}

interface FieldRows {
  readonly fields: Record<string, unknown>[];
  /** The 字段 row of each field, in order. */
  readonly rows: number[];
  readonly codeTables: Record<string, unknown>;
  /** The first 字段 row naming each built-in table, to place a problem with it. */
  readonly builtinRows: Map<string, number>;
}

/** The 字段 sheet: one field per row that holds anything below the header. */
function readFields(
  sheet: PackSheet,
  inline: ReadonlyMap<string, InlineTable>,
  reader: TemplateReader,
): FieldRows {
  const result: FieldRows = { fields: [], rows: [], codeTables: {}, builtinRows: new Map() };
  const columns = reader.readColumns(sheet, fieldColumns, '字段标识');
  if (columns === undefined) return result;
  const { headerRow, indexes } = columns;
  for (const row of sheet.rows) {
    if (row.row <= headerRow || isBlank(row)) continue;
    const cell = (name: FieldColumnName): string => {
      const index = indexes.get(name);
      return index === undefined ? '' : cellText(row, index);
    };
    const at = (column: FieldColumnName): Location => ({ sheet: sheet.name, row: row.row, column });
    const required = (column: FieldColumnName): string | undefined => {
      const value = cell(column);
      if (value !== '') return value;
      if (indexes.has(column)) reader.report(at(column), '未填写');
      return undefined;
    };
    const yesNo = (column: FieldColumnName): boolean | undefined => {
      const value = cell(column);
      if (value === '') return undefined;
      const choice = reader.readChoice(
        at(column),
        value,
        [
          [true, yesSpellings],
          [false, noSpellings],
        ],
        '是、否',
      );
      return choice === true ? true : undefined;
    };
    const oneOf = <T extends string>(column: FieldColumnName, values: readonly T[]) => {
      const value = required(column);
      if (value === undefined) return undefined;
      return reader.readChoice(
        at(column),
        value,
        values.map((v) => [v, [v]] as const),
        values.join('、'),
      );
    };

    const field: Record<string, unknown> = {};
    const name = required('字段标识');
    if (name !== undefined) field.name = name;
    const title = required('字段名称');
    if (title !== undefined) field.title = title;
    const description = cell('说明');
    if (description !== '') field.description = description;
    const typeText = required('类型');
    if (typeText !== undefined) {
      const type = reader.readChoice(
        at('类型'),
        typeText,
        Object.entries(typeSpellings) as [Field['type'], readonly string[]][],
        '字符、整数、数值、日期',
      );
      if (type !== undefined) field.type = type;
    }
    const formatText = cell('格式');
    if (formatText !== '') {
      const format = reader.readChoice(
        at('格式'),
        formatText,
        fieldFormats.map((f): [FieldFormat, string[]] => [f, [f, formatTitles[f]]]),
        fieldFormats.map((f) => `${f}（${formatTitles[f]}）`).join('、'),
      );
      if (format !== undefined) field.format = format;
    }

    const constraints: Record<string, unknown> = {};
    if (yesNo('必填') === true) constraints.required = true;
    if (yesNo('唯一') === true) constraints.unique = true;
    const maxLength = cell('最大长度');
    if (maxLength !== '') {
      if (/^[1-9]\d{0,8}$/.test(maxLength)) constraints.maxLength = Number(maxLength);
      else reader.report(at('最大长度'), `「${maxLength}」不是正整数`);
    }
    const codeTableText = cell('代码表');
    if (codeTableText !== '') {
      const table = resolveCodeTable(codeTableText, inline);
      if (table === undefined) {
        reader.report(
          at('代码表'),
          `找不到代码表「${codeTableText}」（「${codeSheetName}」表中没有；内置代码表有：${builtinCodeTables
            .map((id) => `${id}（${builtinCodeTableNames[id][0] ?? id}）`)
            .join('、')}）`,
        );
      } else {
        constraints.codeTable = table.name;
        if (table.builtin !== undefined && !(table.name in result.codeTables)) {
          result.codeTables[table.name] = {
            title: builtinCodeTableNames[table.builtin][0] ?? table.name,
            builtin: table.builtin,
          };
          result.builtinRows.set(table.name, row.row);
        }
      }
    }
    const values = parseListCell(cell('取值范围'));
    if (values.length > 0) constraints.enum = values;
    if (Object.keys(constraints).length > 0) field.constraints = constraints;

    const synonyms = parseListCell(cell('同义词'));
    if (synonyms.length > 0) field.synonyms = synonyms;

    const sharing = oneOf('共享属性', sharingValues);
    const opening = oneOf('开放属性', openingValues);
    const personal = oneOf('个人信息', personalValues);
    const maskText = cell('脱敏方式');
    const mask =
      maskText === ''
        ? 'none'
        : reader.readChoice(
            at('脱敏方式'),
            maskText,
            Object.entries(maskSpellings) as [Classification['mask'], readonly string[]][],
            '不脱敏、姓名、证件号、电话、地址、不提供',
          );
    field.classification = {
      ...(sharing !== undefined && { sharing }),
      ...(opening !== undefined && { opening }),
      ...(personal !== undefined && { personal }),
      ...(mask !== undefined && { mask }),
    };
    const notes = cell('备注');
    if (notes !== '') field.notes = notes;
    result.fields.push(field);
    result.rows.push(row.row);
  }
  if (result.fields.length === 0) {
    reader.report({ sheet: sheet.name }, '没有字段（在表头下方每行填写一个字段）');
  }
  return result;
}

/** Places a problem the pack loader found (by JSON path) on the sheet, row and column it came from. */
function locateProblem(
  path: PackProblem['path'],
  items: ReadonlyMap<PackKeyName, { row: number }>,
  fields: FieldRows,
  inline: ReadonlyMap<string, InlineTable>,
): Location | undefined {
  const itemAt = (key: PackKeyName): Location => {
    const row = items.get(key)?.row;
    return { sheet: packSheetName, ...(row !== undefined && { row }), column: key };
  };
  const [first, second, third, fourth] = path;
  if (first === 'codeTables' && typeof second === 'string') {
    const table = inline.get(second);
    if (table !== undefined && third === 'codes' && typeof fourth === 'number') {
      const row = table.rows[fourth];
      const column = codePropertyColumns[String(path[4])];
      return { sheet: codeSheetName, ...(row !== undefined && { row }), ...(column && { column }) };
    }
    if (table !== undefined) {
      return { sheet: codeSheetName, ...(table.rows[0] !== undefined && { row: table.rows[0] }) };
    }
    const row = fields.builtinRows.get(second);
    return { sheet: fieldSheetName, ...(row !== undefined && { row }), column: '代码表' };
  }
  if (first === 'datasets') {
    if (third === 'fields' && typeof fourth === 'number') {
      const row = fields.rows[fourth];
      const property = path
        .slice(4)
        .filter((s) => typeof s === 'string')
        .slice(0, 2)
        .join('.');
      const column =
        fieldPropertyColumns[property] ?? fieldPropertyColumns[String(path[4])] ?? undefined;
      return {
        sheet: fieldSheetName,
        ...(row !== undefined && { row }),
        ...(column && { column }),
      };
    }
    if (third === 'fields') return { sheet: fieldSheetName };
    const key = typeof third === 'string' ? packPropertyKeys[`datasets.${third}`] : undefined;
    return key === undefined ? undefined : itemAt(key);
  }
  const key = typeof first === 'string' ? packPropertyKeys[first] : undefined;
  return key === undefined ? undefined : itemAt(key);
}

function formatPath(path: PackProblem['path']): string {
  return path
    .map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`))
    .join('')
    .slice(1);
}

/**
 * Reads a filled-in template into a pack: the pack, or `pack-invalid` with one detail line per
 * problem, each saying where: `「字段」表第 7 行「类型」：无法识别「文本型」（可填：…）`.
 */
export function parsePackSheets(sheets: readonly PackSheet[], fileName: string): Result<Pack> {
  const reader = new TemplateReader();
  const byName = new Map(sheets.map((sheet) => [sheet.name.trim(), sheet]));
  const packSheet = byName.get(packSheetName);
  const fieldSheet = byName.get(fieldSheetName);
  for (const [name, sheet] of [
    [packSheetName, packSheet],
    [fieldSheetName, fieldSheet],
  ] as const) {
    if (sheet === undefined) {
      reader.missingSheets.add(name);
      reader.report(
        undefined,
        `工作簿中没有「${name}」表（现有：${sheets.map((s) => s.name).join('、') || '无'}）；请从标准包模板开始填写`,
      );
    }
  }
  const items =
    packSheet === undefined ? new Map<PackKeyName, never>() : readPackItems(packSheet, reader);
  const codeSheet = byName.get(codeSheetName);
  const inline =
    codeSheet === undefined ? new Map<string, InlineTable>() : readCodeTables(codeSheet, reader);
  const fields =
    fieldSheet === undefined
      ? { fields: [], rows: [], codeTables: {}, builtinRows: new Map<string, number>() }
      : readFields(fieldSheet, inline, reader);

  const item = (key: PackKeyName): string | undefined => {
    const value = items.get(key)?.value;
    return value === undefined || value === '' ? undefined : value;
  };
  const codeTables: Record<string, unknown> = { ...fields.codeTables };
  for (const [name, table] of inline) {
    codeTables[name] = {
      title: table.title ?? name,
      ...(table.source !== undefined && { source: table.source }),
      codes: table.codes,
    };
  }
  const sources = (item('来源') ?? '')
    .split(/[\r\n]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const primaryKey = parseListCell(item('主键') ?? '');
  const draft = {
    id: item('标识'),
    title: item('名称'),
    version: item('版本'),
    ...(item('说明') !== undefined && { description: item('说明') }),
    provenance: { sources: sources.length > 0 ? sources : [`Excel 模板：${fileName}`] },
    ...(Object.keys(codeTables).length > 0 && { codeTables }),
    datasets: [
      {
        name: item('数据集标识'),
        title: item('数据集名称'),
        ...(item('数据集说明') !== undefined && { description: item('数据集说明') }),
        fields: fields.fields,
        ...(primaryKey.length > 0 && { primaryKey }),
        ...(item('更新周期') !== undefined && { updateCycle: item('更新周期') }),
        ...(item('更新时间字段') !== undefined && { updateTimeField: item('更新时间字段') }),
      },
    ],
  };

  const checked = checkPackJson(draft);
  if (reader.problems.length === 0 && checked.pack !== undefined) return ok(checked.pack);
  const reported = new Set(reader.problems.flatMap((p) => (p.at ? [locationKey(p.at)] : [])));
  const problems: SheetProblem[] = [...reader.problems];
  for (const problem of checked.problems) {
    const at = locateProblem(problem.path, items, fields, inline);
    // Told already, in the sheet's terms.
    if (at !== undefined && reported.has(locationKey(at))) continue;
    if (at !== undefined && reader.missingSheets.has(at.sheet)) continue;
    if (at !== undefined && reader.missingColumns.has(`${at.sheet}|${at.column ?? ''}`)) continue;
    problems.push({
      at,
      zh: at === undefined ? `${formatPath(problem.path)}：${problem.zh}` : problem.zh,
    });
  }
  const rank = (p: SheetProblem) => {
    const sheet = p.at === undefined ? -1 : sheetOrder.indexOf(p.at.sheet);
    return [sheet, p.at?.row ?? 0] as const;
  };
  problems.sort((a, b) => {
    const [sa, ra] = rank(a);
    const [sb, rb] = rank(b);
    return sa - sb || ra - rb;
  });
  const details = problems
    .slice(0, maxDetails)
    .map((p) => (p.at === undefined ? p.zh : `${describeLocation(p.at)}：${p.zh}`));
  if (problems.length > maxDetails) {
    const rest = problems.length - maxDetails;
    details.push(`……另有 ${rest} 处错误未列出（${rest} more not listed）`);
  }
  return err(
    'pack-invalid',
    `标准包模板有 ${problems.length} 处错误，请改正后重新导入`,
    `The pack template has ${problems.length} error${problems.length === 1 ? '' : 's'}; fix them and import it again`,
    details,
  );
}
