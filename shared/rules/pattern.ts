import type { Field } from '../pack/pack-schema.ts';
import { createRuleIssue, type RuleIssue } from './rule-issue.ts';

/** A compiled `pattern` check for one field, or undefined when the field has no pattern. */
export type PatternCheck = (value: string) => RuleIssue | undefined;

/** `pattern`: the whole value matches the field's regular expression (compiled once). */
export function createPatternCheck(field: Field): PatternCheck | undefined {
  const source = field.constraints?.pattern;
  if (source === undefined) return undefined;
  const pattern = new RegExp(`^(?:${source})$`, 'u');
  return (value) =>
    pattern.test(value)
      ? undefined
      : createRuleIssue('pattern', 'error', field, value, {
          zh: '格式不符合标准要求',
          en: `does not match the required pattern ${source}`,
        });
}
