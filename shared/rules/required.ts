import type { Field } from '../pack/pack-schema.ts';
import { createRuleIssue, type RuleIssue } from './rule-issue.ts';

/** True when a cell holds nothing but white space. */
export function isBlank(value: string): boolean {
  return value.trim() === '';
}

/** `required`: a required field must not be blank. */
export function checkRequired(field: Field, value: string): RuleIssue | undefined {
  if (field.constraints?.required !== true || !isBlank(value)) return undefined;
  return createRuleIssue('required', 'error', field, value, {
    zh: '为必填项，不能为空',
    en: 'is required and must not be blank',
  });
}

/**
 * `required`, for a field no source column is mapped to: the field is empty in every record, so
 * each record gets the error at once (in the check step, the quality chart and the pre-package
 * check), not only when the package is written.
 */
export function checkRequiredMapped(field: Field): RuleIssue | undefined {
  if (field.constraints?.required !== true) return undefined;
  return createRuleIssue('required', 'error', field, '', {
    zh: '是必填字段，但没有列对应到它：请在映射步骤为它选一列，或在原表中补上这一列',
    en: 'is required, but no column is mapped to it: choose a column for it in the mapping step, or add the column to the file',
  });
}
