import type { DatasetRule } from '../pack/pack-schema.ts';
import type { RecordCheck, RecordRuleScope } from './record-rule.ts';
import { createRuleIssue } from './rule-issue.ts';

type Rule = Extract<DatasetRule, { type: 'date-not-future' }>;

/** `date-not-future`: a date (a decision's date, say) is not after today. */
export function createDateNotFutureCheck(rule: Rule, scope: RecordRuleScope): RecordCheck {
  const index = scope.indexOf(rule.field);
  const field = scope.fields[index];
  if (field === undefined) throw new Error(`rule ${rule.id}: no field ${rule.field}`);
  const today = scope.context.today;
  return (record) => {
    const date = record.normalized[index];
    if (date === undefined || date <= today) return [];
    return [
      createRuleIssue(rule.id, rule.severity ?? 'error', field, record.texts[index] ?? '', {
        zh: `${date} 晚于今天（${today}）`,
        en: `${date} is after today (${today})`,
      }),
    ];
  };
}
