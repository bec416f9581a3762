import type { Dataset, Pack } from '../pack/pack-schema.ts';
import { createValueTransform } from './apply-transforms.ts';
import { defaultTransforms } from './create-suggested-mapping.ts';
import type { Mapping } from './mapping-schema.ts';
import type { MappingSuggestion } from './suggest-mapping.ts';
import { suggestValueMap, type ValueCount, type ValueMapSuggestion } from './suggest-value-map.ts';

/**
 * The value-map suggestions of every code field a column is suggested for (or, with a chosen
 * mapping, fed from a column): the column's distinct values pass the field's transforms first
 * (the value map reads transformed values), and a value map the mapping already has wins over
 * the suggestion for the values it lists.
 */
export function suggestTableValueMaps(
  pack: Pack,
  dataset: Dataset,
  suggestion: MappingSuggestion,
  distinct: readonly (readonly ValueCount[])[],
  mapping?: Mapping,
): ValueMapSuggestion[] {
  const out: ValueMapSuggestion[] = [];
  suggestion.columns.forEach((column, index) => {
    if (column.field === null) return;
    const field = dataset.fields.find((f) => f.name === column.field);
    if (field === undefined) return;
    const chosen = mapping?.fields[field.name];
    if (chosen !== undefined && chosen.source.kind !== 'column') return;
    const transforms = chosen?.transforms ?? [...defaultTransforms(field), ...column.transforms];
    const transform = createValueTransform(transforms);
    const counts = new Map<string, number>();
    for (const { value, count } of distinct[index] ?? []) {
      const key = transform(value);
      counts.set(key, (counts.get(key) ?? 0) + count);
    }
    const values = [...counts].map(([value, count]) => ({ value, count }));
    const suggested = suggestValueMap(pack, field, values);
    if (suggested === undefined) return;
    const decided = mapping?.valueMaps?.[field.name];
    if (decided === undefined) {
      out.push(suggested);
      return;
    }
    const map: Record<string, string | null> = { ...suggested.map };
    for (const [value, code] of Object.entries(decided)) if (value in map) map[value] = code;
    out.push({
      field: suggested.field,
      values: suggested.values.map((v) => {
        const code = decided[v.value];
        if (code === undefined) return v;
        return {
          ...v,
          code,
          match: code === null ? 'none' : 'template',
          confidence: code === null ? 0 : 1,
          reason: { zh: '按模板的取值对照', en: "by the template's value map" },
        };
      }),
      map,
    });
  });
  return out;
}
