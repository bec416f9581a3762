import type { Issue } from '../issue.ts';

/** Counts of issues, as the reports and the quality chart show them. */
export interface ValidationSummary {
  rows: number;
  errors: number;
  warnings: number;
  /** Records with at least one error-severity issue. */
  rowsWithErrors: number;
  /** Issues per rule id. */
  byRule: Record<string, { errors: number; warnings: number }>;
  /** Issues per field identifier. */
  byField: Record<string, { errors: number; warnings: number }>;
}

/** Starts an empty summary. */
export function createValidationSummary(): ValidationSummary {
  return { rows: 0, errors: 0, warnings: 0, rowsWithErrors: 0, byRule: {}, byField: {} };
}

/** Counts one record and its issues into the summary. */
export function countRecord(summary: ValidationSummary, issues: readonly Issue[]): void {
  summary.rows += 1;
  let hasError = false;
  for (const issue of issues) {
    const isError = issue.severity === 'error';
    hasError ||= isError;
    if (isError) summary.errors += 1;
    else summary.warnings += 1;
    const rule = (summary.byRule[issue.rule] ??= { errors: 0, warnings: 0 });
    const field = (summary.byField[issue.field] ??= { errors: 0, warnings: 0 });
    if (isError) {
      rule.errors += 1;
      field.errors += 1;
    } else {
      rule.warnings += 1;
      field.warnings += 1;
    }
  }
  if (hasError) summary.rowsWithErrors += 1;
}
