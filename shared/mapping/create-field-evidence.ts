import { createCodeLookup } from '../code-tables/code-table.ts';
import type { LocalizedText } from '../i18n/localized-text.ts';
import type { Dataset, Field, FieldFormat, Pack } from '../pack/pack-schema.ts';
import { assertNever } from '../result.ts';
import { toHalfWidth } from '../text/half-width.ts';
import { resolveCodeTable } from '../validate/dataset-validator.ts';
import { parseDate } from '../validators/date.ts';
import { formatValidators } from '../validators/index.ts';

/**
 * How much values of a kind say about the field on their own:
 * - `checksum`: a check character proves the kind (resident ID, credit code, organization code);
 *   such a column is that field whatever its header says;
 * - `telling`: the kind is specific (division codes, mobile numbers and landlines with an area
 *   code, the names of a code table), enough to name a column whose header says nothing;
 * - `weak`: many columns look like this (dates, numbers, postal codes): a hint at most.
 */
export type EvidenceStrength = 'checksum' | 'telling' | 'weak';

/** What the values of a field look like, and how to test one value for it. */
export interface FieldEvidence {
  /** Fields with the same key accept the same values (`format:gb11643`, `code:sex`, `date`). */
  readonly key: string;
  readonly strength: EvidenceStrength;
  /** What a passing value is, after "的值": `通过公民身份号码校验`. */
  readonly label: LocalizedText;
  /** Tests one cleaned (trimmed, half-width) non-blank value: does the field accept it? */
  test(value: string): boolean;
  /**
   * For `telling` kinds: is this value specific enough to count as telling (a code table's
   * name, not a bare number that any numeric column holds; a mobile number, not 8 digits)?
   */
  isTelling(value: string): boolean;
}

/** A date far ahead, so that no sample is refused for lying in the future. */
const farFuture = { today: '9999-12-31' };
const plainNumber = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

const formatLabels: Readonly<Record<FieldFormat, LocalizedText>> = {
  gb11643: { zh: '通过公民身份号码（GB 11643）校验', en: 'pass the resident ID check (GB 11643)' },
  gb32100: {
    zh: '通过统一社会信用代码（GB 32100）校验',
    en: 'pass the credit code check (GB 32100)',
  },
  gb11714: {
    zh: '通过组织机构代码（GB 11714）校验',
    en: 'pass the organization code check (GB 11714)',
  },
  gb2260: { zh: '是有效的行政区划代码', en: 'are division codes (GB/T 2260)' },
  mobile: { zh: '是手机号码', en: 'are mobile numbers' },
  phone: { zh: '是电话号码', en: 'are phone numbers' },
  'postal-code': { zh: '是邮政编码', en: 'are postal codes' },
};

function strengthOf(format: FieldFormat): EvidenceStrength {
  switch (format) {
    case 'gb11643':
    case 'gb32100':
    case 'gb11714':
      return 'checksum';
    case 'gb2260':
    case 'mobile':
    case 'phone':
      return 'telling';
    case 'postal-code':
      return 'weak';
    default:
      return assertNever(format);
  }
}

const digitsOnly = /^\d+$/;
/** A mobile number, or a landline with its area code: not any 7 or 8 digits. */
const specificPhone = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\(0\d{2,3}\)\d{7,8})$/;

function formatEvidence(format: FieldFormat, exceptions: readonly string[]): FieldEvidence {
  const check = formatValidators[format];
  const test = (value: string): boolean => {
    if (exceptions.includes(value)) return true;
    const finding = check(value.length === 18 ? value.toUpperCase() : value, farFuture);
    return finding === undefined || finding.severity === 'warning';
  };
  return {
    key: `format:${format}`,
    strength: strengthOf(format),
    label: formatLabels[format],
    test,
    isTelling:
      format === 'phone' || format === 'mobile'
        ? (value) => specificPhone.test(value)
        : (value) => check(value, farFuture) === undefined,
  };
}

/** The format a field's values must pass, declared on the field or by a conditional-format rule. */
function formatOf(dataset: Dataset, field: Field): FieldFormat | undefined {
  if (field.format !== undefined) return field.format;
  const rule = dataset.rules?.find(
    (r) => r.type === 'conditional-format' && r.field === field.name,
  );
  return rule?.type === 'conditional-format' ? rule.format : undefined;
}

function createEvidence(pack: Pack, dataset: Dataset, field: Field): FieldEvidence | undefined {
  const aliasValues = Object.entries(field.valueAliases ?? {}).flatMap(([value, spellings]) => [
    value,
    ...spellings,
  ]);
  const tableName = field.constraints?.codeTable;
  if (tableName !== undefined) {
    const lookup = createCodeLookup(resolveCodeTable(pack, tableName));
    const aliases = new Set(aliasValues);
    const title = pack.codeTables?.[tableName]?.title ?? tableName;
    const test = (value: string): boolean =>
      aliases.has(value) || lookup.resolve(value) !== undefined;
    return {
      key: `code:${tableName}`,
      strength: 'telling',
      label: { zh: `是代码表《${title}》中的代码或名称`, en: `are codes or names of "${title}"` },
      test,
      isTelling: (value) => !digitsOnly.test(value) && test(value),
    };
  }
  const allowed = field.constraints?.enum;
  if (allowed !== undefined) {
    const values = new Set([...allowed, ...aliasValues]);
    return {
      key: `enum:${field.name}`,
      strength: 'telling',
      label: { zh: `是「${field.title}」允许的取值`, en: `are allowed values of "${field.title}"` },
      test: (value) => values.has(value),
      isTelling: (value) => !digitsOnly.test(value) && values.has(value),
    };
  }
  const format = formatOf(dataset, field);
  if (format !== undefined) return formatEvidence(format, field.formatExceptions ?? []);
  switch (field.type) {
    case 'date':
      return {
        key: 'date',
        strength: 'weak',
        label: { zh: '能读作日期', en: 'read as dates' },
        test: (value) => 'iso' in parseDate(value),
        isTelling: () => false,
      };
    case 'number':
    case 'integer':
      return {
        key: 'number',
        strength: 'weak',
        label: { zh: '是数字', en: 'are numbers' },
        test: (value) => plainNumber.test(value),
        isTelling: () => false,
      };
    case 'string':
      return undefined;
    default:
      return assertNever(field.type);
  }
}

/**
 * The value evidence of each field of a dataset, in field order (undefined for free text such
 * as names and addresses, whose values prove nothing). Built once per dataset.
 */
export function createFieldEvidence(
  pack: Pack,
  dataset: Dataset,
): readonly (FieldEvidence | undefined)[] {
  return dataset.fields.map((field) => createEvidence(pack, dataset, field));
}

/** Cleans a sample for testing: trimmed and half-width, so that slips do not hide the kind. */
export function cleanSample(value: string): string {
  return toHalfWidth(value).trim();
}
