/**
 * `reports/validation.json`: the issues of the packaged records as data, each with the row of
 * the data file, the record's id in the project and where the clerk finds it in the source
 * (file, sheet, the row number Excel shows), plus completeness and validity per field. The
 * HTML report is rendered from it; `verify` reads it back (hence the schema).
 */
import { z } from 'zod';
import { updateCycles } from '../pack/pack-schema.ts';

/** The version of validation.json this build writes and reads. */
export const validationFormat = 'steward-validation/1';

const localized = z.object({ zh: z.string(), en: z.string() }).strict();

/** One issue as the report lists it. */
export const reportIssueSchema = z
  .object({
    /** 1-based row of the record in the data file. */
    row: z.number().int().positive(),
    /** The record's id in the project (the error workbook's 记录编号). */
    rid: z.number().int(),
    source: z.object({ file: z.string(), sheet: z.string(), row: z.number().int() }).strict(),
    field: z.string(),
    rule: z.string(),
    severity: z.enum(['error', 'warning']),
    /** The value as the project holds it; left out where a 开放 package may not show it. */
    value: z.string().optional(),
    message: localized,
    suggestion: z.string().optional(),
    /** The exemption (its operation id) that lets this error into the package. */
    exemption: z.number().int().optional(),
  })
  .strict();

/** Completeness and validity of one field over the packaged records. */
export const fieldQualitySchema = z
  .object({
    name: z.string(),
    title: z.string(),
    action: z.enum(['keep', 'mask', 'drop']),
    /** Records with a value. */
    filled: z.number().int(),
    /** Records whose value has an error. */
    invalid: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
  })
  .strict();

/** How many example rows the report gives per field with formula-like values. */
export const formulaLikeExampleRows = 5;

/**
 * A field whose packaged values a spreadsheet may run as a formula (see is-formula-like.ts):
 * the data keeps them exact, the report warns whoever opens the CSV in Excel.
 */
export const formulaLikeFieldSchema = z
  .object({
    name: z.string(),
    title: z.string(),
    /** Values in the data file that are formula-like. */
    count: z.number().int().positive(),
    /** The first few rows of the data file (1-based) that hold one. */
    rows: z.array(z.number().int().positive()).max(formulaLikeExampleRows),
  })
  .strict();

/**
 * How fresh the packaged data is: its as-of date (数据截至: the latest update time when the pack
 * names an update-time field and a packaged record has one, else the package's created date, both
 * Beijing dates) and the oldest update time.
 */
export const freshnessFactsSchema = z
  .object({
    asOf: z.string(),
    asOfSource: z.enum(['update-time', 'created']),
    /** The pack's 更新周期, when it declares one. */
    updateCycle: z.enum(updateCycles).optional(),
    /** The pack's 更新时间字段, when it names one. */
    updateTimeField: z.string().optional(),
    /** The oldest update time among the packaged records. */
    oldestUpdate: z.string().optional(),
  })
  .strict();

/** The whole validation.json. */
export const validationReportSchema = z
  .object({
    format: z.literal(validationFormat),
    submission: z
      .object({
        standard: z.object({ id: z.string(), title: z.string(), version: z.string() }).strict(),
        dataset: z.object({ name: z.string(), title: z.string() }).strict(),
        division: z.string(),
        department: z.string(),
        provider: z.string(),
        steward: z.string(),
        reviewer: z.string(),
        period: z.string(),
        kind: z.enum(['共享', '开放']),
        created: z.string(),
        today: z.string(),
      })
      .strict(),
    rows: z
      .object({
        project: z.number().int(),
        packaged: z.number().int(),
        excludedByUser: z.number().int(),
        excludedByPolicy: z.number().int(),
      })
      .strict(),
    summary: z
      .object({
        errors: z.number().int(),
        warnings: z.number().int(),
        rowsWithErrors: z.number().int(),
        exemptedErrors: z.number().int(),
      })
      .strict(),
    rules: z.array(
      z
        .object({
          rule: z.string(),
          title: localized,
          errors: z.number().int(),
          warnings: z.number().int(),
        })
        .strict(),
    ),
    fields: z.array(fieldQualitySchema),
    /** Fields with formula-like values, in the dataset's order; absent in older reports. */
    formulaLike: z.array(formulaLikeFieldSchema).optional(),
    /** How fresh the data is; absent in older reports. */
    freshness: freshnessFactsSchema.optional(),
    exemptions: z.array(
      z
        .object({
          operationId: z.number().int(),
          rule: z.string(),
          field: z.string().optional(),
          row: z.number().int().optional(),
          reason: z.string(),
          reviewer: z.string(),
          issues: z.number().int(),
        })
        .strict(),
    ),
    issues: z.array(reportIssueSchema),
  })
  .strict();

/** One issue of the report. */
export type ReportIssue = z.infer<typeof reportIssueSchema>;
/** Quality of one field. */
export type FieldQuality = z.infer<typeof fieldQualitySchema>;
/** A field with formula-like values. */
export type FormulaLikeField = z.infer<typeof formulaLikeFieldSchema>;
/** The freshness facts of a report. */
export type FreshnessFacts = z.infer<typeof freshnessFactsSchema>;
/** validation.json. */
export type ValidationReport = z.infer<typeof validationReportSchema>;
