/**
 * What a project stores for a value a clerk typed, pasted, replaced, merged or had mapped
 * (issue #11): the one standardisation of a value (createValueStandardizer), so that the grid,
 * the issues and the package show one value. A value the standardiser cannot make standard (a
 * date it cannot read, a name no code table knows) is stored exactly as typed and gets its
 * issue, as on import.
 */
import { createCodeLookup, type CodeLookup } from '../code-tables/code-table.ts';
import { resolveCodeTable } from '../code-tables/resolve-code-table.ts';
import type { Dataset, Field, Pack } from '../pack/pack-schema.ts';
import { parseDate } from '../validators/date.ts';
import { createValueStandardizer, type ValueStandardizer } from './create-value-standardizer.ts';

/** The value to store for `typed` in field `field` (a field name of the dataset). */
export type TypedValueStandardizer = (field: string, typed: string) => string;

/**
 * True when `value` (already through the standardiser) is in the standard form of `field`: an
 * ISO date for a date, an allowed value or a code of the code table for a code field. A field
 * with neither is standard once its slips are fixed.
 */
function createStandardCheck(
  pack: Pack,
  field: Field,
  lookups: Map<string, CodeLookup>,
): (value: string) => boolean {
  if (field.type === 'date') return (value) => 'iso' in parseDate(value);
  const allowed = field.constraints?.enum;
  const tableName = field.constraints?.codeTable;
  if (allowed === undefined && tableName === undefined) return () => true;
  let lookup: CodeLookup | undefined;
  if (tableName !== undefined) {
    lookup = lookups.get(tableName);
    if (lookup === undefined) {
      lookup = createCodeLookup(resolveCodeTable(pack, tableName));
      lookups.set(tableName, lookup);
    }
  }
  const codes = lookup;
  return (value) =>
    allowed?.includes(value) === true ||
    (codes !== undefined && codes.resolve(value)?.code === value);
}

/**
 * Compiles the stored form of typed values for the fields of `dataset` (a dataset of `pack`);
 * each field's standardiser is built on first use. A blank value is stored as typed.
 */
export function createTypedValueStandardizer(pack: Pack, dataset: Dataset): TypedValueStandardizer {
  const lookups = new Map<string, CodeLookup>();
  const fields = new Map(dataset.fields.map((field) => [field.name, field]));
  const compiled = new Map<
    string,
    { standardize: ValueStandardizer; isStandard: (value: string) => boolean }
  >();
  return (name, typed) => {
    const field = fields.get(name);
    if (field === undefined || typed.trim() === '') return typed;
    let one = compiled.get(name);
    if (one === undefined) {
      one = {
        standardize: createValueStandardizer(pack, field, lookups),
        isStandard: createStandardCheck(pack, field, lookups),
      };
      compiled.set(name, one);
    }
    const standard = one.standardize(typed);
    return one.isStandard(standard) ? standard : typed;
  };
}
