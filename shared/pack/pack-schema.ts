/**
 * The standard-pack file format (DESIGN.md section 4): Frictionless Table Schema where it can,
 * extended with code tables, synonyms, value aliases, classification and declared cross-field
 * rules. Every type of the pack model is derived from these schemas.
 */
import { z } from 'zod';

/** 更新周期: how often a dataset must be packaged again (the start page says when it is overdue). */
export const updateCycles = ['实时', '每日', '每周', '每月', '每季度', '每年'] as const;

const localizedText = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();

/** Field identifiers are upper-case initials of the Chinese name (GB/T 19488), e.g. `GMSFHM`. */
const fieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'field name must be an identifier');

/** Built-in validators a field can name in `format`. */
export const fieldFormats = [
  'gb11643', // 公民身份号码
  'gb32100', // 统一社会信用代码
  'gb11714', // 组织机构代码
  'gb2260', // 行政区划代码
  'mobile', // 手机号码
  'phone', // 手机或固定电话
  'postal-code', // 邮政编码
] as const;

/** Names of the code tables that ship with the app (built from ../shared/reference). */
export const builtinCodeTables = [
  'sex',
  'marital-status',
  'ethnic-group',
  'household-relationship',
  'education',
  'political-affiliation',
  'division',
] as const;

const codeEntry = z
  .object({
    code: z.string().min(1),
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).optional(),
  })
  .strict();

const codeTable = z
  .object({
    title: z.string().min(1),
    source: z.string().optional(),
    /** A built-in table, or the codes inline. */
    builtin: z.enum(builtinCodeTables).optional(),
    codes: z.array(codeEntry).optional(),
  })
  .strict()
  .refine((t) => (t.builtin === undefined) !== (t.codes === undefined), {
    message: 'a code table has either "builtin" or "codes", not both',
  });

const classification = z
  .object({
    /** 共享属性 */
    sharing: z.enum(['无条件共享', '有条件共享', '不予共享']),
    /** 开放属性 */
    opening: z.enum(['开放', '有条件开放', '不予开放']),
    /** 个人信息敏感程度 */
    personal: z.enum(['一般', '敏感']),
    /** The mask applied in a 开放 package when the field is not plainly 开放. */
    mask: z.enum(['none', 'name', 'id', 'phone', 'address', 'drop']),
  })
  .strict();

const constraints = z
  .object({
    required: z.boolean().optional(),
    unique: z.boolean().optional(),
    minLength: z.number().int().nonnegative().optional(),
    maxLength: z.number().int().positive().optional(),
    pattern: z.string().optional(),
    enum: z.array(z.string()).optional(),
    codeTable: z.string().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    /** Most digits after the decimal point, for numbers. */
    maxDecimals: z.number().int().nonnegative().optional(),
  })
  .strict();

const field = z
  .object({
    name: fieldName,
    title: z.string().min(1),
    description: z.string().optional(),
    type: z.enum(['string', 'integer', 'number', 'date']),
    format: z.enum(fieldFormats).optional(),
    /**
     * Sentinel values the standard accepts although they fail `format`, e.g. `00000000000000000X`
     * for an individual business with no credit code (双公示 R2).
     */
    formatExceptions: z.array(z.string().min(1)).min(1).optional(),
    /** Unit of a number, e.g. `万元`. */
    unit: z.string().optional(),
    constraints: constraints.optional(),
    synonyms: z.array(z.string().min(1)).optional(),
    /** Source spellings of each code, e.g. `{"1": ["男", "M"]}`. */
    valueAliases: z.record(z.string(), z.array(z.string())).optional(),
    classification,
    /** True when a fact of this field is recalled rather than confirmed by a source. */
    recalled: z.boolean().optional(),
    notes: z.string().optional(),
  })
  .strict();

const condition = z
  .object({
    field: fieldName,
    /** The value (after trimming) is one of these. */
    in: z.array(z.string()).optional(),
    /** The value contains one of these substrings. */
    contains: z.array(z.string()).optional(),
    /** The value is not blank. */
    present: z.boolean().optional(),
  })
  .strict();

const severity = z.enum(['error', 'warning']);

const ruleBase = {
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'rule id must be a simple identifier'),
  severity: severity.optional(),
  description: localizedText.optional(),
  recalled: z.boolean().optional(),
};

const rule = z.discriminatedUnion('type', [
  z
    .object({
      ...ruleBase,
      type: z.literal('id-birth-date'),
      idField: fieldName,
      dateField: fieldName,
    })
    .strict(),
  z
    .object({ ...ruleBase, type: z.literal('id-sex'), idField: fieldName, sexField: fieldName })
    .strict(),
  z
    .object({
      ...ruleBase,
      type: z.literal('conditional-required'),
      when: condition,
      require: z.array(fieldName).min(1),
    })
    .strict(),
  z
    .object({
      ...ruleBase,
      type: z.literal('conditional-empty'),
      when: condition,
      empty: z.array(fieldName).min(1),
    })
    .strict(),
  z
    .object({
      ...ruleBase,
      type: z.literal('date-order'),
      start: fieldName,
      end: fieldName,
      allowEqual: z.boolean().optional(),
    })
    .strict(),
  z.object({ ...ruleBase, type: z.literal('date-not-future'), field: fieldName }).strict(),
  /** When the condition holds, the field's value passes the format (证件类型 身份证 -> GB 11643). */
  z
    .object({
      ...ruleBase,
      type: z.literal('conditional-format'),
      when: condition,
      field: fieldName,
      format: z.enum(fieldFormats),
    })
    .strict(),
  z
    .object({
      ...ruleBase,
      type: z.literal('code-prefix-matches'),
      codeField: fieldName,
      typeField: fieldName,
      /** Code prefix -> the type values it implies, e.g. `{"92": ["个体工商户"]}`. */
      prefixes: z.record(z.string(), z.array(z.string()).min(1)),
    })
    .strict(),
  /** 更新时限: the record's update time (a date field) is at most `maxAgeDays` before today. */
  z
    .object({
      ...ruleBase,
      type: z.literal('update-age'),
      field: fieldName,
      maxAgeDays: z.number().int().positive(),
    })
    .strict(),
]);

const dataset = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'dataset name must be kebab-case'),
    title: z.string().min(1),
    description: z.string().optional(),
    fields: z.array(field).min(1),
    primaryKey: z.array(fieldName).optional(),
    /** 更新周期: the dataset is packaged once per cycle; absent when the pack says nothing. */
    updateCycle: z.enum(updateCycles).optional(),
    /** 更新时间字段: the date field that holds when each record was last updated. */
    updateTimeField: fieldName.optional(),
    rules: z.array(rule).optional(),
  })
  .strict();

/** The schema of a standard-pack JSON file. */
export const packSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'pack id must be kebab-case'),
    title: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'version must look like 1.0 or 1.0.0'),
    description: z.string().optional(),
    /** Where the pack's facts come from, and which are recalled rather than confirmed. */
    provenance: z
      .object({
        sources: z.array(z.string()).min(1),
        recalled: z.array(z.string()).optional(),
        notes: z.string().optional(),
      })
      .strict(),
    codeTables: z.record(z.string(), codeTable).optional(),
    datasets: z.array(dataset).min(1),
    /**
     * How an incremental package (增量报送) marks its records, following the province's
     * convention; the defaults are `CZLX` 操作类型 with 新增/变更/删除 and `GXSJ` 更新时间.
     */
    increment: z
      .object({
        operation: z
          .object({
            name: fieldName,
            title: z.string().min(1),
            added: z.string().min(1),
            changed: z.string().min(1),
            removed: z.string().min(1),
          })
          .strict()
          .optional(),
        updated: z
          .object({ name: fieldName, title: z.string().min(1) })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** A standard pack, as read from its JSON file. */
export type Pack = z.infer<typeof packSchema>;
/** One dataset (table) of a pack. */
export type Dataset = Pack['datasets'][number];
/** One standard field of a dataset. */
export type Field = Dataset['fields'][number];
/** A declared cross-field rule. */
export type DatasetRule = NonNullable<Dataset['rules']>[number];
/** A condition in a conditional rule. */
export type RuleCondition = z.infer<typeof condition>;
/** A code table declared by a pack. */
export type CodeTableSpec = z.infer<typeof codeTable>;
/** Field classification for sharing and opening. */
export type Classification = z.infer<typeof classification>;
/** Names of the field formats with a built-in validator. */
export type FieldFormat = (typeof fieldFormats)[number];
/** An update cycle (更新周期). */
export type UpdateCycle = (typeof updateCycles)[number];
/** Names of the built-in code tables. */
export type BuiltinCodeTable = (typeof builtinCodeTables)[number];
