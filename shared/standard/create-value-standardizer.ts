/**
 * The one standardisation of a value (issue #11): what the import stores, what the rules judge
 * and what a package carries. A field's value in standard form is the value with its typing
 * slips fixed (spaces around it, full-width digits and letters), a date in ISO form
 * (2021/3/5, 2021年3月5日 -> 2021-03-05), and a spelling the standard accepts without a word
 * (an allowed value, a value alias, a code table's name or alias) as its code (男 -> 1,
 * 汉族 -> 01), and a 公民身份号码's check character X in upper case (GB 11643 writes it so). It
 * changes only how a value is written, never what it says: a value the rules cannot read is
 * passed on with its slips fixed, for the rules to report.
 */
import { createCodeLookup, type CodeLookup } from '../code-tables/code-table.ts';
import { resolveCodeTable } from '../code-tables/resolve-code-table.ts';
import type { Field, Pack } from '../pack/pack-schema.ts';
import { checkFullWidth } from '../rules/full-width.ts';
import { checkWhitespace } from '../rules/whitespace.ts';
import { hasFullWidth } from '../text/half-width.ts';
import { parseDate } from '../validators/date.ts';

/** One field's values in standard form. */
export type ValueStandardizer = (value: string) => string;

/** 17 digits and a lower-case check character: the one spelling of an 18-digit ID GB 11643 writes with `X`. */
const lowerXResidentId = /^\d{17}x$/;

/** The ID with its lower-case check character `x` made `X`; any other value as it is. */
function upperResidentIdX(value: string): string {
  return lowerXResidentId.test(value) ? `${value.slice(0, 17)}X` : value;
}

/**
 * True when the value has a typing slip that the rules of `field` report (spaces around it,
 * full-width forms, an ID's check character written `x`):
 * the import keeps such a value as read, so that the clerk sees the slip and its certain fix
 * in 检查与修正 (and the audit trail records the fix); the package writes it fixed.
 */
export function hasSlip(field: Field, value: string): boolean {
  if (value !== value.trim()) return true;
  if (field.format === 'gb11643' && lowerXResidentId.test(value)) return true;
  return hasFullWidth(value) && checkFullWidth(field, value) !== undefined;
}

/**
 * True when the standard form of `field`'s values can differ from a value without slips: a
 * date, an allowed-value or code-table field, or a field with value aliases.
 */
export function hasStandardForm(field: Field): boolean {
  return (
    field.type === 'date' ||
    field.constraints?.enum !== undefined ||
    field.constraints?.codeTable !== undefined ||
    field.valueAliases !== undefined
  );
}

/**
 * Compiles the standard form of `field`'s values (a field of `pack`). Code lookups are built
 * once per code table when `lookups` is shared between the fields of a dataset.
 */
export function createValueStandardizer(
  pack: Pack,
  field: Field,
  lookups: Map<string, CodeLookup> = new Map(),
): ValueStandardizer {
  const spellings = new Map<string, string>();
  for (const value of field.constraints?.enum ?? []) spellings.set(value, value);
  for (const [value, aliases] of Object.entries(field.valueAliases ?? {})) {
    for (const alias of aliases) if (!spellings.has(alias)) spellings.set(alias, value);
  }
  const tableName = field.constraints?.codeTable;
  let lookup: CodeLookup | undefined;
  if (tableName !== undefined) {
    lookup = lookups.get(tableName);
    if (lookup === undefined) {
      lookup = createCodeLookup(resolveCodeTable(pack, tableName));
      lookups.set(tableName, lookup);
    }
  }
  const isDate = field.type === 'date';
  const isResidentId = field.format === 'gb11643';
  return (raw) => {
    let value = raw;
    value = checkWhitespace(field, value)?.suggestion ?? value;
    value = checkFullWidth(field, value)?.suggestion ?? value;
    if (value === '') return value;
    if (isResidentId) return upperResidentIdX(value);
    if (isDate) {
      const parsed = parseDate(value);
      return 'iso' in parsed ? parsed.iso : value;
    }
    const spelled = spellings.get(value);
    if (spelled !== undefined) return spelled;
    return lookup?.resolve(value)?.code ?? value;
  };
}
