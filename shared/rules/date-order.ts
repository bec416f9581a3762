import type { DatasetRule } from '../pack/pack-schema.ts';
import type { RecordCheck, RecordRuleScope } from './record-rule.ts';
import { createRuleIssue } from './rule-issue.ts';

type Rule = Extract<DatasetRule, { type: 'date-order' }>;

/** `date-order`: the start date is not after the end date (nor equal, unless allowed). */
export function createDateOrderCheck(rule: Rule, scope: RecordRuleScope): RecordCheck {
  const startIndex = scope.indexOf(rule.start);
  const endIndex = scope.indexOf(rule.end);
  const start = scope.fields[startIndex];
  const end = scope.fields[endIndex];
  if (start === undefined || end === undefined) throw new Error(`rule ${rule.id}: unknown field`);
  const allowEqual = rule.allowEqual ?? true;
  return (record) => {
    const from = record.normalized[startIndex];
    const to = record.normalized[endIndex];
    if (from === undefined || to === undefined) return [];
    if (from < to || (allowEqual && from === to)) return [];
    return [
      createRuleIssue(rule.id, rule.severity ?? 'error', end, record.texts[endIndex] ?? '', {
        zh: `${to} 早于${allowEqual ? '' : '或等于'}「${start.title}」${from}`,
        en: `${to} is ${allowEqual ? 'before' : 'not after'} "${start.title}" ${from}`,
      }),
    ];
  };
}
