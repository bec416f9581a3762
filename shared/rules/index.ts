/**
 * The one list of rules. Cell rules run on each cell in the order of `cellRules`; record rules
 * are the cross-field rules a pack declares, built by type.
 */
import type { LocalizedText } from '../i18n/localized-text.ts';
import type { DatasetRule } from '../pack/pack-schema.ts';
import { createCodePrefixMatchesCheck } from './code-prefix-matches.ts';
import { createConditionalEmptyCheck } from './conditional-empty.ts';
import { createConditionalFormatCheck } from './conditional-format.ts';
import { createConditionalRequiredCheck } from './conditional-required.ts';
import { createDateNotFutureCheck } from './date-not-future.ts';
import { createDateOrderCheck } from './date-order.ts';
import { createIdBirthDateCheck } from './id-birth-date.ts';
import { createIdSexCheck } from './id-sex.ts';
import type { RecordCheck, RecordRuleScope } from './record-rule.ts';
import { createUpdateAgeCheck } from './update-age.ts';

/** Cell rules by id, in the order they run, with the name a clerk sees. */
export const cellRules: Readonly<Record<string, LocalizedText>> = {
  required: { zh: '必填项为空', en: 'Required value missing' },
  whitespace: { zh: '多余空格', en: 'Stray white space' },
  'full-width': { zh: '全角字符', en: 'Full-width characters' },
  type: { zh: '数值格式', en: 'Number format' },
  date: { zh: '日期格式', en: 'Date format' },
  length: { zh: '长度超限', en: 'Length' },
  pattern: { zh: '格式不符', en: 'Pattern' },
  'resident-id': { zh: '公民身份号码', en: 'Resident ID (GB 11643)' },
  'credit-code': { zh: '统一社会信用代码', en: 'Unified social credit code (GB 32100)' },
  'org-code': { zh: '组织机构代码', en: 'Organization code (GB 11714)' },
  'division-code': { zh: '行政区划代码', en: 'Division code (GB/T 2260)' },
  mobile: { zh: '手机号码', en: 'Mobile number' },
  phone: { zh: '电话号码', en: 'Phone number' },
  'postal-code': { zh: '邮政编码', en: 'Postal code' },
  enum: { zh: '取值不在允许范围', en: 'Value not allowed' },
  'code-table': { zh: '代码不在代码表中', en: 'Not in the code table' },
  unique: { zh: '重复值', en: 'Duplicate value' },
  'primary-key': { zh: '主键重复', en: 'Duplicate primary key' },
};

/** Cross-field rule types with the name a clerk sees. */
export const recordRuleTypes: Readonly<Record<DatasetRule['type'], LocalizedText>> = {
  'id-birth-date': { zh: '出生日期与身份证号码不一致', en: 'Birth date disagrees with the ID' },
  'id-sex': { zh: '性别与身份证号码不一致', en: 'Sex disagrees with the ID' },
  'conditional-required': { zh: '条件必填', en: 'Conditionally required' },
  'conditional-empty': { zh: '条件不填', en: 'Conditionally empty' },
  'conditional-format': { zh: '条件格式', en: 'Conditional format' },
  'date-order': { zh: '日期先后', en: 'Date order' },
  'date-not-future': { zh: '日期晚于今天', en: 'Date in the future' },
  'code-prefix-matches': { zh: '代码与类别不符', en: 'Code disagrees with the type' },
  'update-age': { zh: '超过更新时限', en: 'Not updated in time' },
};

/** Builds the check for one declared cross-field rule. */
export function createRecordCheck(rule: DatasetRule, scope: RecordRuleScope): RecordCheck {
  switch (rule.type) {
    case 'id-birth-date':
      return createIdBirthDateCheck(rule, scope);
    case 'id-sex':
      return createIdSexCheck(rule, scope);
    case 'conditional-required':
      return createConditionalRequiredCheck(rule, scope);
    case 'conditional-empty':
      return createConditionalEmptyCheck(rule, scope);
    case 'conditional-format':
      return createConditionalFormatCheck(rule, scope);
    case 'date-order':
      return createDateOrderCheck(rule, scope);
    case 'date-not-future':
      return createDateNotFutureCheck(rule, scope);
    case 'code-prefix-matches':
      return createCodePrefixMatchesCheck(rule, scope);
    case 'update-age':
      return createUpdateAgeCheck(rule, scope);
  }
}
