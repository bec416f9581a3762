import type { RuleCondition } from '../pack/pack-schema.ts';
import type { RecordRuleScope, RecordView } from './record-rule.ts';

/** A compiled rule condition. */
export type ConditionTest = (record: RecordView) => boolean;

/** Compiles a condition: `in` compares the normalised value (aliases resolved), `contains` the text. */
export function compileCondition(condition: RuleCondition, scope: RecordRuleScope): ConditionTest {
  const index = scope.indexOf(condition.field);
  const values = condition.in === undefined ? undefined : new Set(condition.in);
  const parts = condition.contains;
  const present = condition.present;
  return (record) => {
    const text = record.texts[index] ?? '';
    if (present !== undefined && (text !== '') !== present) return false;
    if (values !== undefined) {
      const value = record.normalized[index] ?? text;
      if (!values.has(value) && !values.has(text)) return false;
    }
    if (parts !== undefined && !parts.some((part) => text.includes(part))) return false;
    return true;
  };
}

/** Describes a condition for a message: `「行政相对人类别」为 自然人`. */
export function describeCondition(
  condition: RuleCondition,
  scope: RecordRuleScope,
): { zh: string; en: string } {
  const field = scope.fields[scope.indexOf(condition.field)];
  const title = field?.title ?? condition.field;
  if (condition.in !== undefined) {
    return {
      zh: `「${title}」为${condition.in.join('或')}`,
      en: `"${title}" is ${condition.in.join(' or ')}`,
    };
  }
  if (condition.contains !== undefined) {
    return {
      zh: `「${title}」含有${condition.contains.join('或')}`,
      en: `"${title}" contains ${condition.contains.join(' or ')}`,
    };
  }
  return { zh: `「${title}」已填写`, en: `"${title}" is filled in` };
}
