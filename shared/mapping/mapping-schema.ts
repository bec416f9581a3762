/**
 * The mapping model (DESIGN.md section 2, step 3): how each standard field of a dataset is fed
 * from a source table, as plain data. A field's value comes from a source (a column by its
 * header, a constant, a project fact such as the department, a join of columns or a part of a
 * split column), then passes its transforms in order, then its value map (code fields). A
 * template is a mapping saved under a department and the source layout's fingerprint. Template
 * files are a trust boundary (a clerk imports them), so every type here is derived from a zod
 * schema.
 */
import { z } from 'zod';
import { assertNever } from '../result.ts';

/** The units a `unit` transform converts between, with the power of ten of each in 元. */
export const moneyUnits = {
  分: -2,
  角: -1,
  元: 0,
  百元: 2,
  千元: 3,
  万元: 4,
  十万元: 5,
  百万元: 6,
  千万元: 7,
  亿元: 8,
} as const;

/** A unit name a `unit` transform accepts (`元`, `万元`, ...). */
export type MoneyUnit = keyof typeof moneyUnits;

const moneyUnit = z.enum(Object.keys(moneyUnits) as [MoneyUnit, ...MoneyUnit[]]);

const fieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'field name must be an identifier');

/**
 * One step applied to a value, declared as data. Steps run in the order listed:
 * - `trim`: spaces and line breaks around the value removed;
 * - `half-width`: full-width letters, digits and signs made half-width (`３７１７` -> `3717`);
 * - `case`: ASCII letters upper- or lower-cased (`x` -> `X` in an ID);
 * - `date`: a date the way departments write it (2021年3月5日, 2021/3/5, 20210305) to ISO
 *   `YYYY-MM-DD`; an Excel serial number only with `excelSerial` (the clerk says the column
 *   holds serials); what cannot be read with certainty (two-digit years, 3/5/2021) is left as
 *   it is, for the rules to report;
 * - `resident-id-18`: a 15-digit resident ID (GB 11643-1989) to its 18-digit form;
 * - `unit`: an amount from one money unit to another (`元` -> `万元`), in exact decimal
 *   arithmetic; a value that is not a plain number is left as it is.
 */
export const transformSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trim') }).strict(),
  z.object({ kind: z.literal('half-width') }).strict(),
  z.object({ kind: z.literal('case'), to: z.enum(['upper', 'lower']) }).strict(),
  z
    .object({
      kind: z.literal('date'),
      excelSerial: z.boolean().optional(),
      date1904: z.boolean().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('resident-id-18') }).strict(),
  z.object({ kind: z.literal('unit'), from: moneyUnit, to: moneyUnit }).strict(),
]);

/** Project facts a `context` source can name (the values come with the project, not the file). */
export const contextNames = ['department', 'period'] as const;

/**
 * Where a field's value comes from: a column (by its header as the importer names it); a
 * constant; a project fact (`department`, `period`), so that one template serves every period;
 * a join of columns (blank parts skipped) with a separator; or one part of a column split by a
 * separator (`part` 0 is the first, -1 the last).
 */
export const fieldSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('column'), column: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('constant'), value: z.string() }).strict(),
  z.object({ kind: z.literal('context'), name: z.enum(contextNames) }).strict(),
  z
    .object({
      kind: z.literal('join'),
      columns: z.array(z.string().min(1)).min(2),
      separator: z.string(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('split'),
      column: z.string().min(1),
      separator: z.string().min(1),
      part: z.number().int(),
    })
    .strict(),
]);

/** How one standard field is fed: its source and the transforms applied, in order. */
export const fieldMappingSchema = z
  .object({
    source: fieldSourceSchema,
    transforms: z.array(transformSchema).optional(),
  })
  .strict();

/**
 * A value map of one code field: source value (after the field's transforms) -> standard code,
 * or null for a value seen but not yet decided (left as it is; the rules report it).
 */
export const valueMapSchema = z.record(z.string(), z.string().min(1).nullable());

/** A whole mapping: which pack and dataset, where the table sits, and every mapped field. */
export const mappingSchema = z
  .object({
    pack: z.object({ id: z.string().min(1), version: z.string().min(1) }).strict(),
    dataset: z.string().min(1),
    /** The sheet the table was read from, when the source is a workbook. */
    sheet: z.string().optional(),
    /** The header row as a spreadsheet shows it (1-based; 0 for a table without a header). */
    headerRow: z.number().int().nonnegative().optional(),
    /** Standard field identifier -> how it is fed. A field not listed is not mapped. */
    fields: z.record(fieldName, fieldMappingSchema),
    /** Standard field identifier -> its value map. */
    valueMaps: z.record(fieldName, valueMapSchema).optional(),
  })
  .strict();

/** The version of the template file format this code writes. */
export const templateVersion = 1;

/** A saved mapping: the department's, for one source layout (its fingerprint and headers). */
export const templateSchema = z
  .object({
    version: z.literal(templateVersion),
    name: z.string().min(1),
    /** The providing department (提供部门); '' when not given. */
    department: z.string(),
    /** layoutFingerprint(headers): how a file of the same layout is recognised. */
    fingerprint: z.string().regex(/^[0-9a-f]{16}$/, 'fingerprint must be 16 hex digits'),
    /** The source headers the mapping was made for, in source order. */
    headers: z.array(z.string()),
    mapping: mappingSchema,
    /** When the template was made, ISO 8601. */
    createdAt: z.string().min(1),
  })
  .strict();

/** One transform step. */
export type Transform = z.infer<typeof transformSchema>;
/** Where a field's value comes from. */
export type FieldSource = z.infer<typeof fieldSourceSchema>;
/** How one standard field is fed. */
export type FieldMapping = z.infer<typeof fieldMappingSchema>;
/** One code field's value map. */
export type ValueMap = z.infer<typeof valueMapSchema>;
/** A mapping from a source layout to a dataset. */
export type Mapping = z.infer<typeof mappingSchema>;
/** A mapping saved for a department and a source layout. */
export type Template = z.infer<typeof templateSchema>;
/** A project fact a `context` source names. */
export type ContextName = (typeof contextNames)[number];

/** The columns a field source reads. */
export function sourceColumns(source: FieldSource): readonly string[] {
  switch (source.kind) {
    case 'column':
    case 'split':
      return [source.column];
    case 'join':
      return source.columns;
    case 'constant':
    case 'context':
      return [];
    default:
      return assertNever(source);
  }
}
