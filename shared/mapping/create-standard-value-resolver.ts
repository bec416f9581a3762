import { createCodeLookup } from '../code-tables/code-table.ts';
import type { Field, Pack } from '../pack/pack-schema.ts';
import { hasFullWidth } from '../text/half-width.ts';
import { resolveCodeTable } from '../validate/dataset-validator.ts';

/** The standard code a value spells, or undefined. */
export type StandardValueResolver = (value: string) => string | undefined;

/**
 * Resolves the values a code field's rules accept without a word (a code, a name or an alias of
 * the code table, a value alias or an allowed value of the pack) to the standard code, exactly
 * as the validator does; a value with a slip (spaces around it, full-width forms) resolves to
 * nothing, so that the rules still report the slip. Undefined for a field with no code table and
 * no allowed values.
 */
export function createStandardValueResolver(
  pack: Pack,
  field: Field,
): StandardValueResolver | undefined {
  const tableName = field.constraints?.codeTable;
  const allowed = field.constraints?.enum;
  if (tableName === undefined && allowed === undefined) return undefined;
  const exact = new Map<string, string>();
  for (const value of allowed ?? []) exact.set(value, value);
  for (const [code, spellings] of Object.entries(field.valueAliases ?? {})) {
    for (const spelling of spellings) if (!exact.has(spelling)) exact.set(spelling, code);
  }
  const lookup =
    tableName === undefined ? undefined : createCodeLookup(resolveCodeTable(pack, tableName));
  return (value) => {
    const found = exact.get(value);
    if (found !== undefined || lookup === undefined) return found;
    if (value.length === 0 || value !== value.trim() || hasFullWidth(value)) return undefined;
    return lookup.resolve(value)?.code;
  };
}
