/**
 * Reads a standard pack from parsed JSON (a trust boundary: packs are files a user imports).
 * The zod schema comes first; then the checks a schema cannot express: names that must exist,
 * be unique or suit their type, and classifications that would let a value out. Every problem
 * is reported with its JSON path, so an author fixes them all in one pass.
 */
import type { z } from 'zod';
import { zhCN } from 'zod/locales';
import { assertNever, err, ok, type Result } from '../result.ts';
import {
  packSchema,
  type CodeTableSpec,
  type Dataset,
  type DatasetRule,
  type Field,
  type Pack,
  type RuleCondition,
} from './pack-schema.ts';

type PathSegment = string | number;
type Path = readonly PathSegment[];

type Problem = PackProblem;

type Report = (path: Path, zh: string, en: string) => void;

/** A report lists this many problems; the count in the message is always the full count. */
const maxDetails = 200;

const datasetSchema = packSchema.shape.datasets.element;
const codeTableSchema = packSchema.shape.codeTables.unwrap().valueType;

/** Chinese for the messages pack-schema.ts writes itself (zod's own messages use its zh-CN locale). */
const customMessagesZh: Readonly<Record<string, string>> = {
  'field name must be an identifier': '字段标识符只能由字母、数字和下划线组成，且以字母开头',
  'a code table has either "builtin" or "codes", not both':
    '代码表须二选一：引用内置代码表（builtin）或列出代码（codes）',
  'rule id must be a simple identifier': '规则编号只能由字母、数字、点、下划线和连字符组成',
  'dataset name must be kebab-case': '数据集名称须为小写字母、数字和连字符（如 population）',
  'pack id must be kebab-case': '标准包编号须为小写字母、数字和连字符（如 pop-base）',
  'version must look like 1.0 or 1.0.0': '版本号须形如 1.0 或 1.0.0',
};

let zhErrorMap: z.core.$ZodErrorMap | undefined;

/** One problem found in a pack: where (its JSON path) and what, in Chinese and English. */
export interface PackProblem {
  readonly path: Path;
  readonly zh: string;
  readonly en: string;
}

/**
 * Checks a pack's JSON and lists every problem with its path; the pack when there are none.
 * For readers that say where a problem is in their own terms (a sheet row, not a JSON path).
 */
export function checkPackJson(json: unknown): { pack?: Pack; problems: PackProblem[] } {
  const problems: Problem[] = [];
  const report: Report = (path, zh, en) => problems.push({ path, zh, en });
  const parsed = packSchema.safeParse(json);
  if (parsed.success) {
    checkPack(parsed.data.codeTables ?? {}, parsed.data.datasets, report);
    if (problems.length === 0) return { pack: parsed.data, problems };
  } else {
    reportSchemaIssues(json, parsed.error.issues, report);
    checkPartsThatParse(json, report);
  }
  return { problems };
}

/**
 * Parses a pack file's JSON into a Pack, or fails with `pack-invalid` and one detail line per
 * problem: `datasets[0].fields[3].format: 中文说明（English explanation）`.
 */
export function parsePack(json: unknown): Result<Pack> {
  const { pack, problems } = checkPackJson(json);
  if (pack !== undefined) return ok(pack);
  const details = problems.slice(0, maxDetails).map(formatProblem);
  if (problems.length > maxDetails) {
    const rest = problems.length - maxDetails;
    details.push(`……另有 ${rest} 处错误未列出（${rest} more not listed）`);
  }
  return err(
    'pack-invalid',
    `标准包文件有 ${problems.length} 处错误`,
    `The pack file has ${problems.length} error${problems.length === 1 ? '' : 's'}`,
    details,
  );
}

function formatProblem(problem: Problem): string {
  return `${formatPath(problem.path)}: ${problem.zh}（${problem.en}）`;
}

function formatPath(path: Path): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment))
      out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function pathSegments(path: readonly PropertyKey[]): Path {
  return path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
}

/** Reports zod's issues in English and in Chinese (a second parse with the zh-CN locale). */
function reportSchemaIssues(
  json: unknown,
  issues: readonly z.core.$ZodIssue[],
  report: Report,
): void {
  zhErrorMap ??= zhCN().localeError;
  const zhParsed = packSchema.safeParse(json, { error: zhErrorMap });
  const zhIssues = zhParsed.success ? [] : zhParsed.error.issues;
  issues.forEach((issue, index) => {
    const zhIssue = zhIssues[index];
    let zh = customMessagesZh[issue.message] ?? zhIssue?.message ?? issue.message;
    if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
      zh = `取值无效：应为 ${issue.options.map(String).join(' | ')} 之一`;
    }
    report(pathSegments(issue.path), zh, issue.message);
  });
}

/**
 * When the pack as a whole fails the schema, still checks the datasets and code tables that
 * parse on their own, so one bad field does not hide the other problems.
 */
function checkPartsThatParse(json: unknown, report: Report): void {
  if (!isRecord(json)) return;
  const tables: Record<string, CodeTableSpec | undefined> = {};
  if (isRecord(json.codeTables)) {
    for (const [name, raw] of Object.entries(json.codeTables)) {
      const table = codeTableSchema.safeParse(raw);
      tables[name] = table.success ? table.data : undefined;
    }
  }
  const datasets: (Dataset | undefined)[] = [];
  if (Array.isArray(json.datasets)) {
    for (const raw of json.datasets) {
      const dataset = datasetSchema.safeParse(raw);
      datasets.push(dataset.success ? dataset.data : undefined);
    }
  }
  checkPack(tables, datasets, report);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The checks beyond the schema. `tables` maps each declared code table to its spec (undefined
 * when it did not parse); `datasets` holds undefined where a dataset did not parse.
 */
function checkPack(
  tables: Readonly<Record<string, CodeTableSpec | undefined>>,
  datasets: readonly (Dataset | undefined)[],
  report: Report,
): void {
  for (const [name, table] of Object.entries(tables)) {
    if (table?.codes !== undefined) checkInlineCodes(table.codes, ['codeTables', name], report);
  }
  const datasetNames = new Map<string, number>();
  datasets.forEach((dataset, index) => {
    if (dataset === undefined) return;
    const first = datasetNames.get(dataset.name);
    if (first === undefined) datasetNames.set(dataset.name, index);
    else {
      report(
        ['datasets', index, 'name'],
        `数据集名称「${dataset.name}」与 datasets[${first}] 重复`,
        `dataset name "${dataset.name}" repeats datasets[${first}]`,
      );
    }
    checkDataset(dataset, ['datasets', index], tables, report);
  });
}

function checkInlineCodes(
  codes: NonNullable<CodeTableSpec['codes']>,
  at: Path,
  report: Report,
): void {
  const seenCodes = new Map<string, number>();
  const spellings = new Map<string, string>();
  codes.forEach((entry, index) => {
    const here = [...at, 'codes', index];
    const first = seenCodes.get(entry.code);
    if (first !== undefined) {
      report(
        [...here, 'code'],
        `代码「${entry.code}」与 codes[${first}] 重复`,
        `code "${entry.code}" repeats codes[${first}]`,
      );
      return;
    }
    seenCodes.set(entry.code, index);
    const names: [string, Path][] = [
      [entry.name, [...here, 'name']],
      ...(entry.aliases ?? []).map((alias, k): [string, Path] => [alias, [...here, 'aliases', k]]),
    ];
    for (const [spelling, path] of names) {
      const owner = spellings.get(spelling) ?? (seenCodes.has(spelling) ? spelling : undefined);
      if (owner !== undefined && owner !== entry.code) {
        report(
          path,
          `写法「${spelling}」同时指向代码 ${owner} 和 ${entry.code}`,
          `spelling "${spelling}" points to both code ${owner} and ${entry.code}`,
        );
      } else spellings.set(spelling, entry.code);
    }
  });
}

/** What the checks of one dataset share. */
interface DatasetScope {
  readonly dataset: Dataset;
  readonly at: Path;
  readonly fieldIndex: ReadonlyMap<string, number>;
  readonly tables: Readonly<Record<string, CodeTableSpec | undefined>>;
  readonly report: Report;
}

function checkDataset(
  dataset: Dataset,
  at: Path,
  tables: Readonly<Record<string, CodeTableSpec | undefined>>,
  report: Report,
): void {
  const fieldIndex = new Map<string, number>();
  const lowerNames = new Map<string, number>();
  const titles = new Map<string, number>();
  dataset.fields.forEach((field, index) => {
    const here = [...at, 'fields', index];
    const sameName = lowerNames.get(field.name.toLowerCase());
    if (sameName === undefined) {
      lowerNames.set(field.name.toLowerCase(), index);
      fieldIndex.set(field.name, index);
    } else {
      report(
        [...here, 'name'],
        `字段标识符「${field.name}」与 fields[${sameName}] 重复（不区分大小写）`,
        `field name "${field.name}" repeats fields[${sameName}] (names are case-insensitive)`,
      );
    }
    const sameTitle = titles.get(field.title);
    if (sameTitle === undefined) titles.set(field.title, index);
    else {
      report(
        [...here, 'title'],
        `字段名称「${field.title}」与 fields[${sameTitle}] 重复`,
        `field title "${field.title}" repeats fields[${sameTitle}]`,
      );
    }
  });
  const scope: DatasetScope = { dataset, at, fieldIndex, tables, report };
  dataset.fields.forEach((field, index) => checkField(field, [...at, 'fields', index], scope));
  checkSpellings(scope);
  checkPrimaryKey(scope);
  checkUpdateTimeField(scope);
  const ruleIds = new Map<string, number>();
  (dataset.rules ?? []).forEach((rule, index) => {
    const here = [...at, 'rules', index];
    const first = ruleIds.get(rule.id);
    if (first === undefined) ruleIds.set(rule.id, index);
    else {
      report(
        [...here, 'id'],
        `规则编号「${rule.id}」与 rules[${first}] 重复`,
        `rule id "${rule.id}" repeats rules[${first}]`,
      );
    }
    checkRule(rule, here, scope);
  });
}

const isNumeric = (field: Field): boolean => field.type === 'number' || field.type === 'integer';

function checkField(field: Field, at: Path, scope: DatasetScope): void {
  const { report } = scope;
  if (field.format !== undefined && field.type !== 'string') {
    report(
      [...at, 'format'],
      `格式 ${field.format} 只能用于文本（string）字段，本字段类型为 ${field.type}`,
      `format "${field.format}" needs type "string", not "${field.type}"`,
    );
  }
  if (field.formatExceptions !== undefined && field.format === undefined) {
    report(
      [...at, 'formatExceptions'],
      '未设定格式（format）时不能列出格式例外值',
      'formatExceptions needs a format',
    );
  }
  if (field.unit !== undefined && !isNumeric(field)) {
    report(
      [...at, 'unit'],
      `计量单位只能用于数值字段，本字段类型为 ${field.type}`,
      `a unit needs a number or integer field, not "${field.type}"`,
    );
  }
  checkConstraints(field, at, scope);
  checkValueAliases(field, at, scope);
  checkClassification(field, at, report);
}

function checkConstraints(field: Field, at: Path, scope: DatasetScope): void {
  const c = field.constraints;
  if (c === undefined) return;
  const here = [...at, 'constraints'];
  const { report } = scope;
  const onlyFor = (key: string, allowed: boolean, zhKind: string, enKind: string): void => {
    if (allowed) return;
    report(
      [...here, key],
      `${key} 只能用于${zhKind}字段，本字段类型为 ${field.type}`,
      `${key} needs ${enKind} field, not "${field.type}"`,
    );
  };
  if (c.enum !== undefined && c.codeTable !== undefined) {
    report(here, '不能同时设定 enum 和 codeTable', 'enum and codeTable exclude each other');
  }
  if (c.codeTable !== undefined && !(c.codeTable in scope.tables)) {
    const declared = Object.keys(scope.tables).join(', ') || '—';
    report(
      [...here, 'codeTable'],
      `代码表「${c.codeTable}」未在 codeTables 中声明（已声明：${declared}）`,
      `code table "${c.codeTable}" is not declared in codeTables (declared: ${declared})`,
    );
  }
  const isString = field.type === 'string';
  if (c.enum !== undefined) onlyFor('enum', isString, '文本', 'a string');
  if (c.codeTable !== undefined) onlyFor('codeTable', isString, '文本', 'a string');
  if (c.minLength !== undefined) onlyFor('minLength', isString, '文本', 'a string');
  if (c.maxLength !== undefined) onlyFor('maxLength', isString, '文本', 'a string');
  if (c.pattern !== undefined) onlyFor('pattern', isString, '文本', 'a string');
  if (c.minimum !== undefined) onlyFor('minimum', isNumeric(field), '数值', 'a number or integer');
  if (c.maximum !== undefined) onlyFor('maximum', isNumeric(field), '数值', 'a number or integer');
  if (c.maxDecimals !== undefined) {
    onlyFor('maxDecimals', field.type === 'number', '小数（number）', 'a number');
  }
  if (c.minLength !== undefined && c.maxLength !== undefined && c.minLength > c.maxLength) {
    report(
      [...here, 'minLength'],
      `最小长度 ${c.minLength} 大于最大长度 ${c.maxLength}`,
      `minLength ${c.minLength} exceeds maxLength ${c.maxLength}`,
    );
  }
  if (c.minimum !== undefined && c.maximum !== undefined && c.minimum > c.maximum) {
    report(
      [...here, 'minimum'],
      `最小值 ${c.minimum} 大于最大值 ${c.maximum}`,
      `minimum ${c.minimum} exceeds maximum ${c.maximum}`,
    );
  }
  if (c.pattern !== undefined && compilePattern(c.pattern) === undefined) {
    report(
      [...here, 'pattern'],
      `正则表达式无效：${c.pattern}`,
      `not a valid regular expression: ${c.pattern}`,
    );
  }
  const seen = new Set<string>();
  (c.enum ?? []).forEach((value, index) => {
    if (seen.has(value)) {
      report([...here, 'enum', index], `取值「${value}」重复`, `value "${value}" is listed twice`);
    }
    seen.add(value);
  });
}

/** Compiles a pattern the way the pattern rule does: whole value, Unicode mode. */
function compilePattern(source: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${source})$`, 'u');
  } catch {
    return undefined;
  }
}

/**
 * The values a field may hold, when the pack itself says: its enum or its inline code table.
 * Undefined for a built-in code table or a free field.
 */
function allowedValues(field: Field, scope: DatasetScope): ReadonlySet<string> | undefined {
  const c = field.constraints;
  if (c?.enum !== undefined) return new Set(c.enum);
  if (c?.codeTable !== undefined) {
    const codes = scope.tables[c.codeTable]?.codes;
    if (codes !== undefined) return new Set(codes.map((entry) => entry.code));
  }
  return undefined;
}

/** Whether a value can be a standard value of the field; undefined when the pack cannot say. */
function acceptsValue(field: Field, value: string, scope: DatasetScope): boolean | undefined {
  const allowed = allowedValues(field, scope);
  if (allowed !== undefined) return allowed.has(value);
  const pattern = field.constraints?.pattern;
  if (pattern !== undefined) return compilePattern(pattern)?.test(value);
  return undefined;
}

function checkValueAliases(field: Field, at: Path, scope: DatasetScope): void {
  if (field.valueAliases === undefined) return;
  const here = [...at, 'valueAliases'];
  const { report } = scope;
  const c = field.constraints;
  if (c?.enum === undefined && c?.codeTable === undefined && c?.pattern === undefined) {
    report(
      here,
      '取值别名需要字段设定 enum、codeTable 或 pattern',
      'valueAliases need an enum, a codeTable or a pattern',
    );
    return;
  }
  const allowed = allowedValues(field, scope);
  const owners = new Map<string, string>();
  for (const [value, spellings] of Object.entries(field.valueAliases)) {
    if (acceptsValue(field, value, scope) === false) {
      report(
        [...here, value],
        `「${value}」不是本字段的标准取值，不能作为别名的目标`,
        `"${value}" is not a standard value of this field`,
      );
    }
    spellings.forEach((spelling, index) => {
      const owner = owners.get(spelling) ?? (allowed?.has(spelling) ? spelling : undefined);
      if (owner !== undefined && owner !== value) {
        report(
          [...here, value, index],
          `别名「${spelling}」同时指向「${owner}」和「${value}」`,
          `alias "${spelling}" points to both "${owner}" and "${value}"`,
        );
      } else owners.set(spelling, value);
    });
  }
}

function checkClassification(field: Field, at: Path, report: Report): void {
  const { opening, personal, mask } = field.classification;
  const here = [...at, 'classification'];
  if (opening === '不予开放' && mask === 'none') {
    report(
      [...here, 'mask'],
      '不予开放的字段必须设定脱敏方式（name、id、phone、address 或 drop），开放数据包不得含其原值',
      'a 不予开放 field needs a mask other than "none": a public package must never carry its value',
    );
  }
  if (personal === '敏感' && opening === '开放') {
    report(
      [...here, 'opening'],
      '敏感个人信息不能设为「开放」',
      'sensitive personal data cannot be 开放',
    );
  }
  if (mask !== 'none' && mask !== 'drop' && field.type !== 'string') {
    report(
      [...here, 'mask'],
      `脱敏方式 ${mask} 只能用于文本字段，本字段类型为 ${field.type}（可改用 drop）`,
      `mask "${mask}" needs a string field, not "${field.type}" (use "drop")`,
    );
  }
}

/** Header normalisation for the spelling check: half-width, no spaces, brackets, unit or case. */
function normalizeSpelling(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/\([^()]*(元|万元|人|个|岁|%|平方米|亩|公斤|吨)\)$/, '')
    .replace(/[()[\]【】]/g, '')
    .toLowerCase();
}

/**
 * Every header spelling (identifier, title, synonym) leads to exactly one field of the dataset,
 * so matching a column by its header is never ambiguous.
 */
function checkSpellings(scope: DatasetScope): void {
  type Kind = 'name' | 'title' | 'synonym';
  const owners = new Map<string, { index: number; kind: Kind; text: string }>();
  scope.dataset.fields.forEach((field, index) => {
    const here = [...scope.at, 'fields', index];
    const spellings: [string, Kind, Path][] = [
      [field.name, 'name', [...here, 'name']],
      [field.title, 'title', [...here, 'title']],
      ...(field.synonyms ?? []).map((s, k): [string, Kind, Path] => [
        s,
        'synonym',
        [...here, 'synonyms', k],
      ]),
    ];
    for (const [text, kind, path] of spellings) {
      const key = normalizeSpelling(text);
      const owner = owners.get(key);
      if (owner === undefined) {
        owners.set(key, { index, kind, text });
        continue;
      }
      if (owner.index === index) continue;
      // Repeated names and titles are already reported as such.
      if (owner.kind === kind && kind !== 'synonym' && (kind === 'name' || owner.text === text))
        continue;
      const other = scope.dataset.fields[owner.index];
      scope.report(
        path,
        `表头写法「${text}」同时指向字段 ${other?.name ?? owner.index} 和 ${field.name}`,
        `header spelling "${text}" leads to both ${other?.name ?? owner.index} and ${field.name}`,
      );
    }
  });
}

function checkPrimaryKey(scope: DatasetScope): void {
  const { dataset, at, report } = scope;
  const seen = new Set<string>();
  (dataset.primaryKey ?? []).forEach((name, index) => {
    const here = [...at, 'primaryKey', index];
    const field = lookupField(name, here, scope);
    if (seen.has(name)) {
      report(here, `主键字段「${name}」重复`, `primary key field "${name}" is listed twice`);
    }
    seen.add(name);
    if (field !== undefined && field.constraints?.required !== true) {
      report(
        here,
        `主键字段「${name}」必须是必填字段（constraints.required）`,
        `primary key field "${name}" must be required`,
      );
    }
  });
}

/** 更新时间字段 names a date field of the dataset. */
function checkUpdateTimeField(scope: DatasetScope): void {
  const { dataset, at, report } = scope;
  if (dataset.updateTimeField === undefined) return;
  const here = [...at, 'updateTimeField'];
  const field = lookupField(dataset.updateTimeField, here, scope);
  if (field !== undefined && field.type !== 'date') {
    report(
      here,
      `更新时间字段「${field.name}」须为日期（date）字段，实际为 ${field.type}`,
      `update time field "${field.name}" must have type "date", not "${field.type}"`,
    );
  }
}

/** The field a rule or key names, or a report that the dataset has none by that name. */
function lookupField(name: string, at: Path, scope: DatasetScope): Field | undefined {
  const index = scope.fieldIndex.get(name);
  const field = index === undefined ? undefined : scope.dataset.fields[index];
  if (field === undefined) {
    scope.report(
      at,
      `数据集 ${scope.dataset.name} 没有字段「${name}」`,
      `dataset ${scope.dataset.name} has no field "${name}"`,
    );
  }
  return field;
}

function checkRule(rule: DatasetRule, at: Path, scope: DatasetScope): void {
  const { report } = scope;
  const expectType = (key: string, name: string, type: Field['type']): void => {
    const field = lookupField(name, [...at, key], scope);
    if (field !== undefined && field.type !== type) {
      report(
        [...at, key],
        `字段「${name}」须为 ${type} 类型，实际为 ${field.type}`,
        `field "${name}" must have type "${type}", not "${field.type}"`,
      );
    }
  };
  const expectResidentId = (name: string): void => {
    const field = lookupField(name, [...at, 'idField'], scope);
    if (field !== undefined && field.format !== 'gb11643') {
      report(
        [...at, 'idField'],
        `字段「${name}」须为公民身份号码字段（format: gb11643）`,
        `field "${name}" must be a resident ID field (format "gb11643")`,
      );
    }
  };
  const expectFields = (key: string, names: readonly string[]): void => {
    names.forEach((name, index) => lookupField(name, [...at, key, index], scope));
  };
  switch (rule.type) {
    case 'id-birth-date':
      expectResidentId(rule.idField);
      expectType('dateField', rule.dateField, 'date');
      return;
    case 'id-sex': {
      expectResidentId(rule.idField);
      const sex = lookupField(rule.sexField, [...at, 'sexField'], scope);
      const tableName = sex?.constraints?.codeTable;
      const table = tableName === undefined ? undefined : scope.tables[tableName];
      const knownOther =
        tableName === undefined || (table !== undefined && table.builtin !== 'sex');
      if (sex !== undefined && knownOther) {
        report(
          [...at, 'sexField'],
          `字段「${rule.sexField}」须使用内置性别代码表（builtin: sex）`,
          `field "${rule.sexField}" must use the built-in sex code table`,
        );
      }
      return;
    }
    case 'conditional-required':
      checkCondition(rule.when, [...at, 'when'], scope);
      expectFields('require', rule.require);
      return;
    case 'conditional-empty':
      checkCondition(rule.when, [...at, 'when'], scope);
      expectFields('empty', rule.empty);
      return;
    case 'conditional-format':
      checkCondition(rule.when, [...at, 'when'], scope);
      expectType('field', rule.field, 'string');
      return;
    case 'date-order':
      expectType('start', rule.start, 'date');
      expectType('end', rule.end, 'date');
      if (rule.start === rule.end) {
        report([...at, 'end'], '起止日期不能是同一字段', 'start and end must be different fields');
      }
      return;
    case 'date-not-future':
    case 'update-age':
      expectType('field', rule.field, 'date');
      return;
    case 'code-prefix-matches': {
      expectType('codeField', rule.codeField, 'string');
      const typeField = lookupField(rule.typeField, [...at, 'typeField'], scope);
      if (typeField === undefined) return;
      for (const [prefix, values] of Object.entries(rule.prefixes)) {
        values.forEach((value, index) => {
          if (acceptsValue(typeField, value, scope) === false) {
            report(
              [...at, 'prefixes', prefix, index],
              `「${value}」不是字段「${rule.typeField}」的标准取值`,
              `"${value}" is not a standard value of field "${rule.typeField}"`,
            );
          }
        });
      }
      return;
    }
    default:
      assertNever(rule);
  }
}

function checkCondition(condition: RuleCondition, at: Path, scope: DatasetScope): void {
  const field = lookupField(condition.field, [...at, 'field'], scope);
  if (
    condition.in === undefined &&
    condition.contains === undefined &&
    condition.present === undefined
  ) {
    scope.report(
      at,
      '条件须至少设定 in、contains 或 present 之一',
      'a condition needs "in", "contains" or "present"',
    );
  }
  if (field === undefined) return;
  (condition.in ?? []).forEach((value, index) => {
    if (acceptsValue(field, value, scope) === false) {
      scope.report(
        [...at, 'in', index],
        `「${value}」不是字段「${condition.field}」的标准取值`,
        `"${value}" is not a standard value of field "${condition.field}"`,
      );
    }
  });
}
