import type { DatasetRule } from '../pack/pack-schema.ts';
import { parseResidentId } from '../validators/resident-id.ts';
import type { RecordCheck, RecordRuleScope } from './record-rule.ts';
import { createRuleIssue } from './rule-issue.ts';

type Rule = Extract<DatasetRule, { type: 'id-birth-date' }>;

/** `id-birth-date`: the birth date equals the one the resident ID encodes. */
export function createIdBirthDateCheck(rule: Rule, scope: RecordRuleScope): RecordCheck {
  const idIndex = scope.indexOf(rule.idField);
  const dateIndex = scope.indexOf(rule.dateField);
  const dateField = scope.fields[dateIndex];
  if (dateField === undefined) throw new Error(`rule ${rule.id}: no field ${rule.dateField}`);
  return (record) => {
    const id = record.normalized[idIndex];
    const date = record.normalized[dateIndex];
    if (id === undefined || date === undefined) return [];
    const parsed = parseResidentId(id);
    if (parsed === undefined || parsed.birthDate === date) return [];
    return [
      createRuleIssue(rule.id, rule.severity ?? 'error', dateField, record.texts[dateIndex] ?? '', {
        zh: `与身份证号码中的出生日期 ${parsed.birthDate} 不一致`,
        en: `does not match the birth date ${parsed.birthDate} in the resident ID`,
      }),
    ];
  };
}
