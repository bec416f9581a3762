import type { LocalizedText } from '../i18n/localized-text.ts';
import type { Dataset } from '../pack/pack-schema.ts';
import { sourceColumns, type Mapping } from './mapping-schema.ts';
import { normalizeHeader } from './normalize-header.ts';
import type { ColumnSuggestion, MappingSuggestion } from './suggest-mapping.ts';

/**
 * Describes a chosen mapping (a template's) column by column, in the shape of the suggestions:
 * each column that feeds a field gets confidence 1 and the given reason; a column that feeds two
 * fields (split into parts) is shown with the first and names the other; columns the mapping does
 * not read are unmapped. Required fields the mapping does not feed, or whose columns the source
 * lacks, are listed.
 */
export function describeMapping(
  dataset: Dataset,
  mapping: Mapping,
  headers: readonly string[],
  reason: LocalizedText,
): MappingSuggestion {
  const fieldsOfColumn = new Map<string, string[]>();
  const present = new Set(headers.map(normalizeHeader));
  const fed = new Set<string>();
  for (const field of dataset.fields) {
    const fieldMapping = mapping.fields[field.name];
    if (fieldMapping === undefined) continue;
    const columns = sourceColumns(fieldMapping.source);
    if (columns.some((column) => !present.has(normalizeHeader(column)))) continue;
    fed.add(field.name);
    for (const column of columns) {
      const key = normalizeHeader(column);
      const list = fieldsOfColumn.get(key);
      if (list === undefined) fieldsOfColumn.set(key, [field.name]);
      else list.push(field.name);
    }
  }
  const columns = headers.map((header): ColumnSuggestion => {
    const [field, ...others] = fieldsOfColumn.get(normalizeHeader(header)) ?? [];
    if (field === undefined) {
      return {
        column: header,
        field: null,
        confidence: 0,
        reason: { zh: `${reason.zh}：不使用此列`, en: `${reason.en}: this column is not used` },
        transforms: [],
      };
    }
    const also =
      others.length === 0
        ? { zh: '', en: '' }
        : {
            zh: `；此列也用于 ${others.join('、')}`,
            en: `; the column also feeds ${others.join(', ')}`,
          };
    return {
      column: header,
      field,
      confidence: 1,
      reason: { zh: reason.zh + also.zh, en: reason.en + also.en },
      transforms: mapping.fields[field]?.transforms ?? [],
    };
  });
  const unmappedRequired = dataset.fields
    .filter((f) => f.constraints?.required === true && !fed.has(f.name))
    .map((f) => f.name);
  return { columns, unmappedRequired, ties: [] };
}
