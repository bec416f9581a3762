import type { Field } from '../pack/pack-schema.ts';
import { createRuleIssue, type RuleIssue } from './rule-issue.ts';

/** A stateful `unique` check over one pass of the rows. */
export type UniqueCheck = (row: number, value: string) => RuleIssue | undefined;

/**
 * `unique`: a value of a unique field appears once. The first occurrence is kept; each later
 * one is reported with the row it repeats.
 */
export function createUniqueCheck(field: Field): UniqueCheck | undefined {
  if (field.constraints?.unique !== true) return undefined;
  const firstRow = new Map<string, number>();
  return (row, value) => {
    const first = firstRow.get(value);
    if (first === undefined) {
      firstRow.set(value, row);
      return undefined;
    }
    return createRuleIssue('unique', 'error', field, value, {
      zh: `与第 ${first} 条记录重复`,
      en: `repeats record ${first}`,
    });
  };
}
