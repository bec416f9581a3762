import type { Field, Pack } from '../pack/pack-schema.ts';
import { resolveCodeTable } from '../validate/dataset-validator.ts';

/** Field name -> (code -> name), for the fields that have a code table (性别, 民族, 文化程度 …). */
export type FieldCodeNames = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** The names of the codes of every field of `fields` that has a code table in `pack`. */
export function createFieldCodeNames(pack: Pack, fields: readonly Field[]): FieldCodeNames {
  const byTable = new Map<string, ReadonlyMap<string, string>>();
  const byField = new Map<string, ReadonlyMap<string, string>>();
  for (const field of fields) {
    const table = field.constraints?.codeTable;
    if (table === undefined || pack.codeTables?.[table] === undefined) continue;
    let names = byTable.get(table);
    if (names === undefined) {
      names = new Map(resolveCodeTable(pack, table).entries.map((e) => [e.code, e.name]));
      byTable.set(table, names);
    }
    byField.set(field.name, names);
  }
  return byField;
}

/** A value as a clerk reads it: a code with its name (`2 女性`), any other value as it is. */
export function describeCodeValue(names: FieldCodeNames, field: string, value: string): string {
  const name = value === '' ? undefined : names.get(field)?.get(value);
  return name === undefined ? value : `${value} ${name}`;
}
