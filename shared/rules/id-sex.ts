import type { DatasetRule } from '../pack/pack-schema.ts';
import { parseResidentId } from '../validators/resident-id.ts';
import type { RecordCheck, RecordRuleScope } from './record-rule.ts';
import { createRuleIssue } from './rule-issue.ts';

type Rule = Extract<DatasetRule, { type: 'id-sex' }>;

/** GB/T 2261.1 codes for the two sexes a resident ID can encode. */
const sexCode = { male: '1', female: '2' } as const;

/**
 * `id-sex`: the sex agrees with the resident ID (17th digit odd = male). The sex field is
 * compared by its code, so 男, 男性 and 1 all count as male; 0 and 9 (unknown) are not compared.
 */
export function createIdSexCheck(rule: Rule, scope: RecordRuleScope): RecordCheck {
  const idIndex = scope.indexOf(rule.idField);
  const sexIndex = scope.indexOf(rule.sexField);
  const sexField = scope.fields[sexIndex];
  if (sexField === undefined) throw new Error(`rule ${rule.id}: no field ${rule.sexField}`);
  return (record) => {
    const id = record.normalized[idIndex];
    const sex = record.normalized[sexIndex];
    if (id === undefined || (sex !== sexCode.male && sex !== sexCode.female)) return [];
    const parsed = parseResidentId(id);
    if (parsed === undefined || sexCode[parsed.sex] === sex) return [];
    const expected = parsed.sex === 'male' ? { zh: '男', en: 'male' } : { zh: '女', en: 'female' };
    return [
      createRuleIssue(rule.id, rule.severity ?? 'error', sexField, record.texts[sexIndex] ?? '', {
        zh: `与身份证号码不一致（号码第17位表示${expected.zh}）`,
        en: `does not match the resident ID (its 17th digit says ${expected.en})`,
      }),
    ];
  };
}
