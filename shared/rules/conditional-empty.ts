import type { DatasetRule } from '../pack/pack-schema.ts';
import { compileCondition, describeCondition } from './condition.ts';
import type { RecordCheck, RecordRuleScope } from './record-rule.ts';
import { createRuleIssue, type RuleIssue } from './rule-issue.ts';

type Rule = Extract<DatasetRule, { type: 'conditional-empty' }>;

/** `conditional-empty`: when the condition holds, the listed fields must stay empty. */
export function createConditionalEmptyCheck(rule: Rule, scope: RecordRuleScope): RecordCheck {
  const holds = compileCondition(rule.when, scope);
  const when = describeCondition(rule.when, scope);
  const targets = rule.empty.map((name) => scope.indexOf(name));
  return (record) => {
    if (!holds(record)) return [];
    const issues: RuleIssue[] = [];
    for (const index of targets) {
      const field = scope.fields[index];
      const text = record.texts[index] ?? '';
      if (field === undefined || text === '') continue;
      issues.push(
        createRuleIssue(rule.id, rule.severity ?? 'error', field, text, {
          zh: `应为空（${when.zh}时不填）`,
          en: `must be empty when ${when.en}`,
        }),
      );
    }
    return issues;
  };
}
