/** The one list of field-format validators: a pack field's `format` names one of these. */
import type { FieldFormat } from '../pack/pack-schema.ts';
import { checkCreditCode } from './credit-code.ts';
import { checkDivisionCode } from './division-code.ts';
import type { Finding } from './finding.ts';
import { checkOrgCode } from './org-code.ts';
import { checkMobile, checkPhone } from './phone.ts';
import { checkPostalCode } from './postal-code.ts';
import { checkResidentId } from './resident-id.ts';

/** What every format validator may use besides the value. */
export interface FormatContext {
  /** Today as `YYYY-MM-DD`, so that no validator reads the clock. */
  readonly today: string;
}

/** A format validator: a trimmed value in, a finding out (undefined = fine). */
export type FormatCheck = (value: string, context: FormatContext) => Finding | undefined;

/** The validator of each field format (`gb11643` -> checkResidentId, ...). */
export const formatValidators: Readonly<Record<FieldFormat, FormatCheck>> = {
  gb11643: checkResidentId,
  gb32100: (value) => checkCreditCode(value),
  gb11714: (value) => checkOrgCode(value),
  gb2260: (value) => checkDivisionCode(value),
  mobile: (value) => checkMobile(value),
  phone: (value) => checkPhone(value),
  'postal-code': (value) => checkPostalCode(value),
};
