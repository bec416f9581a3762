import type { Dataset, Field, Pack } from '../pack/pack-schema.ts';
import type { FieldMapping, Mapping, Transform, ValueMap } from './mapping-schema.ts';
import { confidentSuggestion, type MappingSuggestion } from './suggest-mapping.ts';
import type { ValueMapSuggestion } from './suggest-value-map.ts';

/** Where the table sits in its file, recorded with the mapping. */
export interface TablePlace {
  readonly sheet?: string;
  readonly headerRow?: number;
}

/**
 * The transforms a field gets when nobody chose any: a date field reads the forms departments
 * write (2021年3月5日, 2021/3/5, 20210305) to ISO, because the rules accept those forms without
 * a word and the standard stores ISO. Nothing else: spaces, full-width forms, a lowercase `x`
 * and 15-digit IDs are slips the rules report with a certain fix, and the clerk should see them
 * (谁提供谁负责: the department learns what its export does wrong, and the fix is an operation
 * in the history). A clerk who decides otherwise adds `trim` or `half-width` to the template.
 */
export function defaultTransforms(
  field: Pick<Field, 'type'> | { readonly type: string },
): Transform[] {
  return field.type === 'date' ? [{ kind: 'date' }] : [];
}

/**
 * The mapping the confident suggestions make (confidence >= 0.8): each such column feeds its
 * field with the default transforms and the transforms its header implies (元 -> 万元). Value
 * maps keep the standard spellings and the common forms (M -> 1); slips and guesses are left
 * out, for the rules to report and the clerk to decide.
 */
export function createSuggestedMapping(
  pack: Pack,
  dataset: Dataset,
  suggestion: MappingSuggestion,
  valueMaps: readonly ValueMapSuggestion[] = [],
  place: TablePlace = {},
): Mapping {
  const fields: Record<string, FieldMapping> = {};
  for (const column of suggestion.columns) {
    if (column.field === null || column.confidence < confidentSuggestion) continue;
    const field = dataset.fields.find((f) => f.name === column.field);
    if (field === undefined) continue;
    fields[field.name] = {
      source: { kind: 'column', column: column.column },
      transforms: [...defaultTransforms(field), ...column.transforms],
    };
  }
  const maps: Record<string, ValueMap> = {};
  for (const valueMap of valueMaps) {
    if (fields[valueMap.field] === undefined) continue;
    const map: ValueMap = {};
    for (const value of valueMap.values) {
      if (value.code !== null && ['standard', 'common', 'template'].includes(value.match)) {
        map[value.value] = value.code;
      }
    }
    if (Object.keys(map).length > 0) maps[valueMap.field] = map;
  }
  return {
    pack: { id: pack.id, version: pack.version },
    dataset: dataset.name,
    ...(place.sheet === undefined ? {} : { sheet: place.sheet }),
    ...(place.headerRow === undefined ? {} : { headerRow: place.headerRow }),
    fields,
    ...(Object.keys(maps).length > 0 ? { valueMaps: maps } : {}),
  };
}
