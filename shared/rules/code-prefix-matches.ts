import type { DatasetRule } from '../pack/pack-schema.ts';
import type { RecordCheck, RecordRuleScope } from './record-rule.ts';
import { createRuleIssue } from './rule-issue.ts';

type Rule = Extract<DatasetRule, { type: 'code-prefix-matches' }>;

/**
 * `code-prefix-matches`: a code's prefix implies a type (a credit code starting 92 is a
 * 个体工商户), and the record's type field agrees.
 */
export function createCodePrefixMatchesCheck(rule: Rule, scope: RecordRuleScope): RecordCheck {
  const codeIndex = scope.indexOf(rule.codeField);
  const typeIndex = scope.indexOf(rule.typeField);
  const typeField = scope.fields[typeIndex];
  if (typeField === undefined) throw new Error(`rule ${rule.id}: no field ${rule.typeField}`);
  const prefixes = Object.entries(rule.prefixes);
  return (record) => {
    const code = record.normalized[codeIndex];
    const type = record.normalized[typeIndex] ?? record.texts[typeIndex];
    if (code === undefined || type === undefined || type === '') return [];
    for (const [prefix, types] of prefixes) {
      if (!code.startsWith(prefix) || types.includes(type)) continue;
      return [
        createRuleIssue(
          rule.id,
          rule.severity ?? 'warning',
          typeField,
          record.texts[typeIndex] ?? '',
          {
            zh: `与代码 ${code} 的前缀 ${prefix} 不符（应为${types.join('或')}）`,
            en: `does not agree with the prefix ${prefix} of ${code} (expected ${types.join(' or ')})`,
          },
        ),
      ];
    }
    return [];
  };
}
