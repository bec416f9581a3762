import type { Pack } from '../pack/pack-schema.ts';
import { getBuiltinCodeTable } from './builtin-code-tables.ts';
import type { CodeTable } from './code-table.ts';

/** Resolves the code table a pack declares under `name` to its entries. */
export function resolveCodeTable(pack: Pack, name: string): CodeTable {
  const spec = pack.codeTables?.[name];
  if (spec === undefined) throw new Error(`pack ${pack.id}: no code table ${name}`);
  if (spec.builtin !== undefined) return getBuiltinCodeTable(spec.builtin);
  return {
    id: name,
    title: spec.title,
    source: spec.source ?? pack.title,
    entries: (spec.codes ?? []).map((c) => ({
      code: c.code,
      name: c.name,
      aliases: c.aliases ?? [],
    })),
  };
}
