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
