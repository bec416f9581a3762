import type { Field } from '../pack/pack-schema.ts';
import { createRuleIssue, type RuleIssue } from './rule-issue.ts';

/** Counts characters as people do: a character outside the BMP counts once. */
function characterCount(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff) count += 1;
  }
  return count;
}

/** `length`: the value has no more than `maxLength` and no fewer than `minLength` characters. */
export function checkLength(field: Field, value: string): RuleIssue | undefined {
  const { maxLength, minLength } = field.constraints ?? {};
  if (maxLength === undefined && minLength === undefined) return undefined;
  const count = characterCount(value);
  if (maxLength !== undefined && count > maxLength) {
    return createRuleIssue('length', 'error', field, value, {
      zh: `长度为 ${count} 个字符，超过上限 ${maxLength}`,
      en: `is ${count} characters long; the limit is ${maxLength}`,
    });
  }
  if (minLength !== undefined && count < minLength) {
    return createRuleIssue('length', 'error', field, value, {
      zh: `长度为 ${count} 个字符，少于下限 ${minLength}`,
      en: `is ${count} characters long; at least ${minLength} are needed`,
    });
  }
  return undefined;
}
