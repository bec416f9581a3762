import type { DatasetRule } from '../pack/pack-schema.ts';
import { formatValidators } from '../validators/index.ts';
import { compileCondition, describeCondition } from './condition.ts';
import type { RecordCheck, RecordRuleScope } from './record-rule.ts';
import { createRuleIssue } from './rule-issue.ts';

type Rule = Extract<DatasetRule, { type: 'conditional-format' }>;

/** `conditional-format`: when the condition holds, the field passes a format (证件类型 身份证 -> GB 11643). */
export function createConditionalFormatCheck(rule: Rule, scope: RecordRuleScope): RecordCheck {
  const holds = compileCondition(rule.when, scope);
  const when = describeCondition(rule.when, scope);
  const index = scope.indexOf(rule.field);
  const field = scope.fields[index];
  if (field === undefined) throw new Error(`rule ${rule.id}: no field ${rule.field}`);
  const validate = formatValidators[rule.format];
  return (record) => {
    const value = record.normalized[index];
    if (value === undefined || !holds(record)) return [];
    const finding = validate(value, scope.context);
    if (finding === undefined) return [];
    return [
      createRuleIssue(
        rule.id,
        finding.severity === 'warning' ? 'warning' : (rule.severity ?? 'error'),
        field,
        record.texts[index] ?? '',
        {
          zh: `${finding.message.zh}（${when.zh}时须符合标准）`,
          en: `${finding.message.en} (checked when ${when.en})`,
        },
        finding.suggestion,
      ),
    ];
  };
}
