import type { Field } from '../pack/pack-schema.ts';
import { hasFullWidth, toHalfWidth } from '../text/half-width.ts';
import { createRuleIssue, type RuleIssue } from './rule-issue.ts';

/**
 * True for fields whose values are codes, numbers or dates, where a full-width character is
 * always a typing slip. Free text (names, addresses) may rightly hold full-width brackets.
 */
export function expectsHalfWidth(field: Field): boolean {
  return (
    field.format !== undefined ||
    field.type !== 'string' ||
    field.constraints?.codeTable !== undefined ||
    field.constraints?.pattern !== undefined
  );
}

/** `full-width`: full-width digits or letters in a code, number or date (`３７１７` -> `3717`). */
export function checkFullWidth(field: Field, value: string): RuleIssue | undefined {
  if (!expectsHalfWidth(field) || !hasFullWidth(value)) return undefined;
  return createRuleIssue(
    'full-width',
    'error',
    field,
    value,
    { zh: '含有全角字符，应为半角', en: 'contains full-width characters; use half-width' },
    toHalfWidth(value).trim(),
  );
}
