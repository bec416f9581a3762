import type { LocalizedText } from '../i18n/localized-text.ts';
import type { Issue, Severity } from '../issue.ts';
import type { Field } from '../pack/pack-schema.ts';

/** An issue as a rule reports it; the validator adds the row. */
export type RuleIssue = Omit<Issue, 'row'>;

/** What every rule knows besides the value: today's date, so that no rule reads the clock. */
export interface RuleContext {
  /** Today as `YYYY-MM-DD`, in the user's time zone. */
  readonly today: string;
}

/** Names a field for a message: `「公民身份号码」` / `"公民身份号码" (GMSFHM)`. */
export function fieldLabel(field: Pick<Field, 'name' | 'title'>): LocalizedText {
  return { zh: `「${field.title}」`, en: `"${field.title}" (${field.name})` };
}

/** Builds a RuleIssue; the message is composed from the field label and the two texts. */
export function createRuleIssue(
  rule: string,
  severity: Severity,
  field: Pick<Field, 'name' | 'title'>,
  value: string,
  message: LocalizedText,
  suggestion?: string,
): RuleIssue {
  const label = fieldLabel(field);
  const composed = { zh: `${label.zh}${message.zh}`, en: `${label.en}: ${message.en}` };
  return suggestion === undefined
    ? { rule, severity, field: field.name, value, message: composed }
    : { rule, severity, field: field.name, value, message: composed, suggestion };
}
