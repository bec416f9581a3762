/**
 * The standard form of a record, as a package carries it: each value through the one
 * standardisation of a value (createValueStandardizer: codes rather than names, ISO dates,
 * typing slips fixed), the same function the import and the rules use.
 */
import type { CodeLookup } from '../code-tables/code-table.ts';
import type { Dataset, Pack } from '../pack/pack-schema.ts';
import {
  createValueStandardizer,
  type ValueStandardizer,
} from '../standard/create-value-standardizer.ts';

/** Turns a record's values (field order; null when no source feeds a field) into standard text. */
export type RecordStandardizer = (values: readonly (string | null | undefined)[]) => string[];

/** Compiles the standardizer of a pack's dataset (code lookups are built once). */
export function createRecordStandardizer(pack: Pack, dataset: Dataset): RecordStandardizer {
  const lookups = new Map<string, CodeLookup>();
  const fields: ValueStandardizer[] = dataset.fields.map((field) =>
    createValueStandardizer(pack, field, lookups),
  );
  return (values) => {
    const out = new Array<string>(fields.length);
    for (let i = 0; i < fields.length; i += 1) {
      const raw = values[i];
      out[i] = raw === null || raw === undefined ? '' : (fields[i] as ValueStandardizer)(raw);
    }
    return out;
  };
}
