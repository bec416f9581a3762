/** Validates a source table against a pack's dataset, streaming its rows through the rules. */
import type { Issue } from '../../../shared/issue.ts';
import {
  matchColumnsExactly,
  type ExactColumnMatch,
} from '../../../shared/mapping/match-columns-exactly.ts';
import type { Dataset, Pack } from '../../../shared/pack/pack-schema.ts';
import type { RuleContext } from '../../../shared/rules/rule-issue.ts';
import { createDatasetValidator } from '../../../shared/validate/dataset-validator.ts';
import {
  countRecord,
  createValidationSummary,
  type ValidationSummary,
} from '../../../shared/validate/validation-summary.ts';
import type { SourceTable } from '../import/source-table.ts';

/** An issue with where the clerk finds it: the source row and column. */
export interface LocatedIssue extends Issue {
  /** Row number in the file as a spreadsheet shows it. */
  readonly sourceRow: number;
  /** The source column's header ('' when the issue is about a field no column feeds). */
  readonly column: string;
}

/** What a validation run found. */
export interface TableValidation {
  readonly match: ExactColumnMatch;
  readonly issues: LocatedIssue[];
  readonly summary: ValidationSummary;
}

/** Runs every rule of `dataset` over every row of `table`. */
export async function validateTable(
  table: SourceTable,
  pack: Pack,
  dataset: Dataset,
  context: RuleContext,
): Promise<TableValidation> {
  const match = matchColumnsExactly(dataset, table.columns);
  const validator = createDatasetValidator(pack, dataset, context);
  const columnOfField = new Map<string, string>();
  match.fieldOfColumn.forEach((fieldIndex, column) => {
    const field = fieldIndex === undefined ? undefined : dataset.fields[fieldIndex];
    if (field !== undefined) columnOfField.set(field.name, table.columns[column] ?? '');
  });
  const summary = createValidationSummary();
  const issues: LocatedIssue[] = [];
  const width = dataset.fields.length;
  let row = 0;
  for await (const record of table.rows()) {
    row += 1;
    const values: (string | undefined)[] = new Array<string | undefined>(width).fill(undefined);
    match.fieldOfColumn.forEach((fieldIndex, column) => {
      if (fieldIndex !== undefined) values[fieldIndex] = record.cells[column] ?? '';
    });
    const found = validator.validateRecord(row, values);
    countRecord(summary, found);
    for (const issue of found) {
      issues.push({
        ...issue,
        sourceRow: record.sourceRow,
        column: columnOfField.get(issue.field) ?? '',
      });
    }
  }
  return { match, issues, summary };
}
