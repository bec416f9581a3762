import type { Field } from '../pack/pack-schema.ts';
import { createRuleIssue, type RuleIssue } from './rule-issue.ts';

const integerPattern = /^[+-]?\d+$/;
const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const thousandsPattern = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * `type`: an integer or number field holds a plain decimal number. Thousands separators get a
 * certain suggestion; anything else (units, words, scientific notation) is an error.
 */
export function checkNumberType(field: Field, value: string): RuleIssue | undefined {
  if (field.type !== 'integer' && field.type !== 'number') return undefined;
  const pattern = field.type === 'integer' ? integerPattern : numberPattern;
  if (pattern.test(value)) return rangeIssue(field, value);
  if (thousandsPattern.test(value)) {
    const plain = value.replaceAll(',', '');
    if (pattern.test(plain)) {
      return createRuleIssue(
        'type',
        'error',
        field,
        value,
        { zh: '数字中含有千位分隔符', en: 'has thousands separators' },
        plain,
      );
    }
  }
  const expected =
    field.type === 'integer'
      ? { zh: '整数', en: 'a whole number' }
      : { zh: '数字', en: 'a number' };
  const unit = field.unit === undefined ? '' : `（单位：${field.unit}，只填数字）`;
  const unitEn = field.unit === undefined ? '' : ` (in ${field.unit}, digits only)`;
  return createRuleIssue('type', 'error', field, value, {
    zh: `应为${expected.zh}${unit}`,
    en: `must be ${expected.en}${unitEn}`,
  });
}

function rangeIssue(field: Field, value: string): RuleIssue | undefined {
  const constraints = field.constraints;
  if (constraints === undefined) return undefined;
  const number = Number(value);
  if (constraints.minimum !== undefined && number < constraints.minimum) {
    return createRuleIssue('type', 'error', field, value, {
      zh: `不能小于 ${constraints.minimum}`,
      en: `must be at least ${constraints.minimum}`,
    });
  }
  if (constraints.maximum !== undefined && number > constraints.maximum) {
    return createRuleIssue('type', 'error', field, value, {
      zh: `不能大于 ${constraints.maximum}`,
      en: `must be at most ${constraints.maximum}`,
    });
  }
  if (constraints.maxDecimals !== undefined) {
    const decimals = value.includes('.') ? value.length - value.indexOf('.') - 1 : 0;
    if (decimals > constraints.maxDecimals) {
      return createRuleIssue('type', 'error', field, value, {
        zh: `小数位不能超过 ${constraints.maxDecimals} 位`,
        en: `must have at most ${constraints.maxDecimals} decimal places`,
      });
    }
  }
  return undefined;
}
