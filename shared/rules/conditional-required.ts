import type { DatasetRule } from '../pack/pack-schema.ts';
import { compileCondition, describeCondition } from './condition.ts';
import type { RecordCheck, RecordRuleScope } from './record-rule.ts';
import { createRuleIssue, type RuleIssue } from './rule-issue.ts';

type Rule = Extract<DatasetRule, { type: 'conditional-required' }>;

/** `conditional-required`: when the condition holds, the listed fields must be filled in. */
export function createConditionalRequiredCheck(rule: Rule, scope: RecordRuleScope): RecordCheck {
  const holds = compileCondition(rule.when, scope);
  const when = describeCondition(rule.when, scope);
  const targets = rule.require.map((name) => scope.indexOf(name));
  return (record) => {
    if (!holds(record)) return [];
    const issues: RuleIssue[] = [];
    for (const index of targets) {
      const field = scope.fields[index];
      if (field === undefined || (record.texts[index] ?? '') !== '') continue;
      issues.push(
        createRuleIssue(rule.id, rule.severity ?? 'error', field, '', {
          zh: `不能为空（${when.zh}时必填）`,
          en: `must be filled in when ${when.en}`,
        }),
      );
    }
    return issues;
  };
}
