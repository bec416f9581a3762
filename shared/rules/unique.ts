import type { Field } from '../pack/pack-schema.ts';
import type { FirstRowIndex } from './first-row-index.ts';
import { createRuleIssue, type RuleIssue } from './rule-issue.ts';

/** A `unique` check over the rows, backed by a first-row index. */
export type UniqueCheck = (row: number, value: string) => RuleIssue | undefined;

/**
 * `unique`: a value of a unique field appears once. The first occurrence is kept; each later
 * one is reported with the row it repeats.
 */
export function createUniqueCheck(field: Field, index: FirstRowIndex): UniqueCheck | undefined {
  if (field.constraints?.unique !== true) return undefined;
  return (row, value) => {
    const first = index.firstRow(field.name, value, row);
    if (first >= row) return undefined;
    return createRuleIssue('unique', 'error', field, value, {
      zh: `与第 ${first} 条记录重复`,
      en: `repeats record ${first}`,
    });
  };
}
