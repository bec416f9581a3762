import type { Field } from '../pack/pack-schema.ts';
import { createRuleIssue, type RuleIssue } from './rule-issue.ts';

/** `whitespace`: spaces, tabs or line breaks before or after a value (a warning; trimming fixes it). */
export function checkWhitespace(field: Field, value: string): RuleIssue | undefined {
  const trimmed = value.trim();
  if (trimmed === value) return undefined;
  return createRuleIssue(
    'whitespace',
    'warning',
    field,
    value,
    { zh: '首尾有多余的空格或换行', en: 'has stray spaces or line breaks around the value' },
    trimmed,
  );
}
