/** Validates a source table against a pack's dataset, streaming its rows through the mapping and the rules. */
import type { Issue } from '../../../shared/issue.ts';
import type { RecordMapper } from '../../../shared/mapping/create-record-mapper.ts';
import type { Dataset, Pack } from '../../../shared/pack/pack-schema.ts';
import type { RuleContext } from '../../../shared/rules/rule-issue.ts';
import { createDatasetValidator } from '../../../shared/validate/dataset-validator.ts';
import {
  countRecord,
  createValidationSummary,
  type ValidationSummary,
} from '../../../shared/validate/validation-summary.ts';
import type { SourceRecord } from '../import/source-table.ts';

/** An issue with where the clerk finds it: the source row and column. */
export interface LocatedIssue extends Issue {
  /** Row number in the file as a spreadsheet shows it. */
  readonly sourceRow: number;
  /** The source column's header ('' when the issue is about a field no column feeds). */
  readonly column: string;
}

/** What a validation run found. */
export interface TableValidation {
  readonly issues: LocatedIssue[];
  readonly summary: ValidationSummary;
}

/**
 * Runs every rule of `dataset` over every row: each row is mapped to a record (transforms and
 * value maps applied), checked, and each issue is tied back to its source row and column with
 * the value as the source holds it.
 */
export async function validateTable(
  rows: AsyncIterable<SourceRecord>,
  mapper: RecordMapper,
  pack: Pack,
  dataset: Dataset,
  context: RuleContext,
): Promise<TableValidation> {
  const validator = createDatasetValidator(pack, dataset, context);
  const positions = new Map(dataset.fields.map((field, index) => [field.name, index]));
  const summary = createValidationSummary();
  const issues: LocatedIssue[] = [];
  let row = 0;
  for await (const record of rows) {
    row += 1;
    const mapped = mapper.map(record.cells);
    const found = validator.validateRecord(row, mapped.values);
    countRecord(summary, found);
    for (const issue of found) {
      const index = positions.get(issue.field);
      const source = index === undefined ? undefined : mapped.sources[index];
      issues.push({
        ...issue,
        value: source ?? issue.value,
        sourceRow: record.sourceRow,
        column: index === undefined ? '' : (mapper.columnOfField[index] ?? ''),
      });
    }
  }
  return { issues, summary };
}
