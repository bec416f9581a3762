/**
 * The Excel template a county clerk fills in to make a new standard-pack version (DESIGN.md
 * section 2, step 1): a 标准包 sheet of key/value rows, a 字段 sheet with one row per field and
 * a 代码 sheet with the codes of the pack's own code tables. The reader and the template writer
 * both follow this one description, so what the template offers is what the reader accepts.
 */
import type { BuiltinCodeTable, Classification, Field, FieldFormat } from './pack-schema.ts';

/** The sheet of key/value rows about the pack and its dataset. */
export const packSheetName = '标准包';
/** The sheet with one row per field. */
export const fieldSheetName = '字段';
/** The sheet with the codes of the pack's own code tables. */
export const codeSheetName = '代码';
/** The sheet that explains the template (the reader ignores it). */
export const helpSheetName = '填写说明';

/** One row of the 标准包 sheet: its key (column A) and what it sets. */
export interface PackKey {
  readonly key: string;
  readonly isRequired: boolean;
  readonly hint: string;
}

/** The keys of the 标准包 sheet, in template order. */
export const packKeys = [
  {
    key: '标识',
    isRequired: true,
    hint: '小写字母、数字和连字符，如 pop-base；与已有标准包相同即为其新版本',
  },
  { key: '名称', isRequired: true, hint: '如 人口基础信息' },
  { key: '版本', isRequired: true, hint: '形如 1.1 或 1.1.0；同一标识的各版本并存' },
  { key: '说明', isRequired: false, hint: '这个标准包是什么' },
  { key: '数据集标识', isRequired: true, hint: '小写字母、数字和连字符，如 population' },
  { key: '数据集名称', isRequired: true, hint: '如 人口基础信息' },
  { key: '数据集说明', isRequired: false, hint: '如 一行一人，以公民身份号码为主键。' },
  { key: '主键', isRequired: false, hint: '字段标识，多个用 、 分隔；主键字段须为必填' },
  {
    key: '更新周期',
    isRequired: false,
    hint: '实时、每日、每周、每月、每季度或每年；首页和打包步骤据此提示是否逾期未报',
  },
  {
    key: '更新时间字段',
    isRequired: false,
    hint: '记录最后更新时间所在的日期字段标识，如 GXSJ；校验报告据此写明数据截至日期',
  },
  { key: '来源', isRequired: false, hint: '依据的标准或文件，每行一条（单元格内换行）' },
] as const satisfies readonly PackKey[];

/** A key of the 标准包 sheet. */
export type PackKeyName = (typeof packKeys)[number]['key'];

/** One column of the 字段 or 代码 sheet. */
export interface SheetColumn {
  readonly header: string;
  readonly isRequired: boolean;
  readonly hint: string;
}

/** The columns of the 字段 sheet, in template order. */
export const fieldColumns = [
  { header: '字段标识', isRequired: true, hint: '字母开头，字母、数字、下划线，如 GMSFHM' },
  { header: '字段名称', isRequired: true, hint: '如 公民身份号码' },
  { header: '类型', isRequired: true, hint: '字符、整数、数值或日期' },
  {
    header: '格式',
    isRequired: false,
    hint: 'gb11643（公民身份号码）、gb32100（统一社会信用代码）、gb11714（组织机构代码）、gb2260（行政区划代码）、mobile（手机号码）、phone（电话号码）、postal-code（邮政编码）',
  },
  { header: '必填', isRequired: false, hint: '是或否（空为否）' },
  { header: '唯一', isRequired: false, hint: '是或否（空为否）' },
  { header: '最大长度', isRequired: false, hint: '字符数，正整数；只用于字符型' },
  {
    header: '代码表',
    isRequired: false,
    hint: '「代码」表中的代码表，或内置代码表：sex（人的性别代码）、marital-status、ethnic-group、household-relationship、education、political-affiliation、division',
  },
  { header: '取值范围', isRequired: false, hint: '可选的全部取值，用 、 分隔（不用代码表时）' },
  { header: '同义词', isRequired: false, hint: '部门表格里的其他列名，用 、 或 ; 分隔' },
  { header: '共享属性', isRequired: true, hint: '无条件共享、有条件共享或不予共享' },
  { header: '开放属性', isRequired: true, hint: '开放、有条件开放或不予开放' },
  { header: '个人信息', isRequired: true, hint: '一般或敏感' },
  {
    header: '脱敏方式',
    isRequired: false,
    hint: '不脱敏、姓名、证件号、电话、地址或不提供（空为不脱敏）；不予开放的字段必须脱敏',
  },
  { header: '说明', isRequired: false, hint: '字段含义' },
  { header: '备注', isRequired: false, hint: '依据、待确认事项等' },
] as const satisfies readonly SheetColumn[];

/** A column header of the 字段 sheet. */
export type FieldColumnName = (typeof fieldColumns)[number]['header'];

/** The columns of the 代码 sheet, in template order. */
export const codeColumns = [
  { header: '代码表', isRequired: true, hint: '代码表标识，与「字段」表的「代码表」一致' },
  { header: '代码', isRequired: true, hint: '标准代码，如 10' },
  { header: '名称', isRequired: true, hint: '代码的名称，如 有限责任公司' },
  { header: '别名', isRequired: false, hint: '部门表格里的其他写法，用 、 或 ; 分隔' },
  { header: '代码表名称', isRequired: false, hint: '代码表的中文名（每个代码表填一次即可）' },
  { header: '代码表来源', isRequired: false, hint: '代码表依据的标准（每个代码表填一次即可）' },
] as const satisfies readonly SheetColumn[];

/** A column header of the 代码 sheet. */
export type CodeColumnName = (typeof codeColumns)[number]['header'];

/** The spellings of each field type a cell may hold (Chinese first; English accepted). */
export const typeSpellings: Readonly<Record<Field['type'], readonly string[]>> = {
  string: ['字符', '字符型', 'string'],
  integer: ['整数', '整数型', 'integer'],
  number: ['数值', '数值型', 'number'],
  date: ['日期', '日期型', 'date'],
};

/** The Chinese name of each format, accepted in the 格式 column beside the format's own name. */
export const formatTitles: Readonly<Record<FieldFormat, string>> = {
  gb11643: '公民身份号码',
  gb32100: '统一社会信用代码',
  gb11714: '组织机构代码',
  gb2260: '行政区划代码',
  mobile: '手机号码',
  phone: '电话号码',
  'postal-code': '邮政编码',
};

/** The spellings of each mask (the template writes the Chinese one, the first). */
export const maskSpellings: Readonly<Record<Classification['mask'], readonly string[]>> = {
  none: ['不脱敏', 'none'],
  name: ['姓名', 'name'],
  id: ['证件号', 'id'],
  phone: ['电话', 'phone'],
  address: ['地址', 'address'],
  drop: ['不提供', '不予提供', 'drop'],
};

/** Yes and no as a clerk may write them in 必填 and 唯一. */
export const yesSpellings = ['是', 'y', 'yes', 'true', '√', '✓', '✔', '1'] as const;
/** No as a clerk may write it (an empty cell is no, too). */
export const noSpellings = ['否', 'n', 'no', 'false', '×', '0'] as const;

/**
 * The Chinese names of the built-in code tables a 代码表 cell may give instead of the id: the
 * table's title (as getBuiltinCodeTable gives it) and the short name a clerk would write.
 */
export const builtinCodeTableNames: Readonly<Record<BuiltinCodeTable, readonly string[]>> = {
  sex: ['人的性别代码', '性别代码', '性别'],
  'marital-status': ['婚姻状况代码', '婚姻状况'],
  'ethnic-group': ['民族代码', '民族'],
  'household-relationship': ['家庭关系代码', '家庭关系', '与户主关系'],
  education: ['学历代码', '学历', '文化程度'],
  'political-affiliation': ['政治面貌代码', '政治面貌'],
  division: ['行政区划代码', '行政区划'],
};

/**
 * Splits a list cell (同义词, 别名, 主键, 取值范围): at line breaks when the cell has any (so an
 * item may itself hold 、, as 存续（在营、开业）), else at 、 ; and ；.
 */
export function parseListCell(text: string): string[] {
  return text
    .split(/[\r\n]/.test(text) ? /[\r\n]+/ : /[、;；]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Writes a list cell that parseListCell reads back: 、 between items, line breaks if one holds a separator. */
export function serializeListCell(items: readonly string[]): string {
  return items.some((item) => /[、;；]/.test(item)) ? items.join('\n') : items.join('、');
}
