import type { Field, FieldFormat } from '../pack/pack-schema.ts';
import { assertNever } from '../result.ts';
import { formatValidators } from '../validators/index.ts';
import { createRuleIssue, type RuleContext, type RuleIssue } from './rule-issue.ts';

/** The rule id an issue carries for each field format. */
export function formatRuleId(format: FieldFormat): string {
  switch (format) {
    case 'gb11643':
      return 'resident-id';
    case 'gb32100':
      return 'credit-code';
    case 'gb11714':
      return 'org-code';
    case 'gb2260':
      return 'division-code';
    case 'mobile':
      return 'mobile';
    case 'phone':
      return 'phone';
    case 'postal-code':
      return 'postal-code';
    default:
      return assertNever(format);
  }
}

/**
 * Format rules (`resident-id`, `credit-code`, ...): the value passes the standard's own check,
 * or is one of the field's declared sentinels (`00000000000000000X` for no credit code).
 */
export function checkFormat(
  field: Field,
  value: string,
  context: RuleContext,
): RuleIssue | undefined {
  if (field.format === undefined || field.formatExceptions?.includes(value) === true)
    return undefined;
  const finding = formatValidators[field.format](value, context);
  if (finding === undefined) return undefined;
  return createRuleIssue(
    formatRuleId(field.format),
    finding.severity,
    field,
    value,
    finding.message,
    finding.suggestion,
  );
}
