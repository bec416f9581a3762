import type { Field } from '../pack/pack-schema.ts';
import type { FirstRowIndex } from './first-row-index.ts';
import { createRuleIssue, type RuleIssue } from './rule-issue.ts';

/** A `primary-key` check over the rows, given the key fields' values. */
export type PrimaryKeyCheck = (row: number, values: readonly string[]) => RuleIssue | undefined;

/** The scope name under which a composite key is indexed. */
export function primaryKeyScope(keyFields: readonly Pick<Field, 'name'>[]): string {
  return keyFields.map((f) => f.name).join('+');
}

/**
 * `primary-key`: the combination of the key fields identifies one record. A single-field key
 * that is also `unique` is left to the unique rule, so a duplicate is reported once.
 */
export function createPrimaryKeyCheck(
  keyFields: readonly Field[],
  index: FirstRowIndex,
): PrimaryKeyCheck | undefined {
  const [first] = keyFields;
  if (first === undefined) return undefined;
  if (keyFields.length === 1 && first.constraints?.unique === true) return undefined;
  const scope = primaryKeyScope(keyFields);
  const titles = keyFields.map((f) => f.title).join('+');
  return (row, values) => {
    if (values.some((v) => v === '')) return undefined;
    const earlier = index.firstRow(scope, values.join('\u0000'), row);
    if (earlier >= row) return undefined;
    return createRuleIssue('primary-key', 'error', first, values.join(' / '), {
      zh: `主键（${titles}）与第 ${earlier} 条记录重复`,
      en: `the primary key (${keyFields.map((f) => f.name).join('+')}) repeats record ${earlier}`,
    });
  };
}
