/**
 * The mapping step's edits of a mapping, as pure functions over the data the engine imports
 * with: a source column moved to a field (or to none), a value-map entry set, a field's
 * transforms replaced. Columns are matched the way the importer matches them (normalised
 * headers), so a template made for `身份证号码 ` still finds `身份证号码`.
 */
import { defaultTransforms } from './create-suggested-mapping.ts';
import type { FieldMapping, Mapping, Transform, ValueMap } from './mapping-schema.ts';
import { normalizeHeader } from './normalize-header.ts';

/** The field a column feeds directly (a `column` source), or null when it feeds none. */
export function fieldOfColumn(mapping: Mapping, column: string): string | null {
  const key = normalizeHeader(column);
  for (const [name, fieldMapping] of Object.entries(mapping.fields)) {
    const { source } = fieldMapping;
    if (source.kind === 'column' && normalizeHeader(source.column) === key) return name;
  }
  return null;
}

/**
 * The mapping with `column` feeding `field` (null: the column is not imported). The column
 * leaves the field it fed; the field's previous column is let go; a field that gets a new column
 * starts with its default transforms and those the header implies (元 -> 万元). Fields fed by
 * constants, joins or project facts are left as they are.
 */
export function applyColumnChoice(
  mapping: Mapping,
  fieldTypes: ReadonlyMap<string, string>,
  column: string,
  field: string | null,
  headerTransforms: readonly Transform[] = [],
): Mapping {
  const current = fieldOfColumn(mapping, column);
  if (current === field) return mapping;
  const fields: Record<string, FieldMapping> = { ...mapping.fields };
  if (current !== null) delete fields[current];
  if (field !== null) {
    const type = fieldTypes.get(field);
    if (type === undefined) return mapping;
    fields[field] = {
      source: { kind: 'column', column },
      transforms: [...defaultTransforms({ type }), ...headerTransforms],
    };
  }
  return { ...mapping, fields };
}

/** The mapping with a field's transforms replaced (the field must be mapped). */
export function applyFieldTransforms(
  mapping: Mapping,
  field: string,
  transforms: readonly Transform[],
): Mapping {
  const fieldMapping = mapping.fields[field];
  if (fieldMapping === undefined) return mapping;
  return {
    ...mapping,
    fields: { ...mapping.fields, [field]: { ...fieldMapping, transforms: [...transforms] } },
  };
}

/**
 * The mapping with one value-map entry set: a source value (after the field's transforms) to a
 * code, or removed (undefined) so the value is left as it is and the rules report it.
 */
export function applyValueMapEntry(
  mapping: Mapping,
  field: string,
  value: string,
  code: string | undefined,
): Mapping {
  const map: ValueMap = { ...mapping.valueMaps?.[field] };
  if (code === undefined) delete map[value];
  else map[value] = code;
  const valueMaps: Record<string, ValueMap> = { ...mapping.valueMaps };
  if (Object.keys(map).length === 0) delete valueMaps[field];
  else valueMaps[field] = map;
  const next: Mapping = { ...mapping, valueMaps };
  if (Object.keys(valueMaps).length === 0) delete next.valueMaps;
  return next;
}
