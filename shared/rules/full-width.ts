import type { Field } from '../pack/pack-schema.ts';
import { hasFullWidth, toHalfWidth } from '../text/half-width.ts';
import { createRuleIssue, type RuleIssue } from './rule-issue.ts';

/** Full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ). */
const fullWidthAlphanumeric = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;

/**
 * How strictly a field wants half-width characters: `all` for standard codes, numbers and
 * dates (any full-width character is a typing slip); `alphanumeric` for code-table, enum and
 * pattern fields, whose names may rightly hold full-width brackets (机关（内设机构）); `none` for
 * free text (names, addresses).
 */
export function halfWidthStrictness(field: Field): 'all' | 'alphanumeric' | 'none' {
  if (field.format !== undefined || field.type !== 'string') return 'all';
  const constraints = field.constraints;
  if (
    constraints?.codeTable !== undefined ||
    constraints?.enum !== undefined ||
    constraints?.pattern !== undefined
  ) {
    return 'alphanumeric';
  }
  return 'none';
}

/** `full-width`: full-width digits or letters in a code, number or date (`３７１７` -> `3717`). */
export function checkFullWidth(field: Field, value: string): RuleIssue | undefined {
  const strictness = halfWidthStrictness(field);
  if (strictness === 'none' || !hasFullWidth(value)) return undefined;
  let fixed: string;
  if (strictness === 'all') {
    fixed = toHalfWidth(value).trim();
  } else {
    fixed = value.replace(fullWidthAlphanumeric, (char) =>
      String.fromCharCode(char.charCodeAt(0) - 0xfee0),
    );
    if (fixed === value) return undefined;
  }
  return createRuleIssue(
    'full-width',
    'error',
    field,
    value,
    {
      zh: '含有全角字母或数字，应为半角',
      en: 'contains full-width letters or digits; use half-width',
    },
    fixed,
  );
}
