import type { Field } from '../pack/pack-schema.ts';
import { parseDate } from '../validators/date.ts';
import { createRuleIssue, type RuleIssue } from './rule-issue.ts';

/** The outcome of reading a date cell: its ISO form, or the issue that stops it. */
export type DateCheck =
  | { readonly iso: string; readonly issue?: undefined }
  | { readonly iso?: undefined; readonly issue: RuleIssue };

/**
 * `date`: a date field holds a real calendar date in one of the accepted forms (2021-03-05,
 * 2021/3/5, 2021年3月5日, 20210305, ...). Accepted forms are normalised to ISO without an issue.
 */
export function checkDate(field: Field, value: string): DateCheck | undefined {
  if (field.type !== 'date') return undefined;
  const parsed = parseDate(value);
  if ('iso' in parsed) return { iso: parsed.iso };
  return {
    issue: createRuleIssue(
      'date',
      parsed.severity,
      field,
      value,
      parsed.message,
      parsed.suggestion,
    ),
  };
}
