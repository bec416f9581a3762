import { headerSynonyms } from './header-synonyms.ts';
import { normalizeHeader } from './normalize-header.ts';

/**
 * The index of the source column that most likely fed a field: a header that is the field's
 * title, its name or a known synonym of the title (性别代码 for 性别), compared normalised; -1
 * when none is. The workspace keeps each row's cells as read but not the mapping that read
 * them, so 详情 points at the column by its header and shows the whole row beside it.
 */
export function findSourceColumn(
  columns: readonly string[],
  field: { readonly name: string; readonly title: string },
): number {
  const wanted = [field.title, field.name, ...(headerSynonyms[field.title] ?? [])].map(
    normalizeHeader,
  );
  for (const header of wanted) {
    const index = columns.findIndex((c) => normalizeHeader(c) === header);
    if (index >= 0) return index;
  }
  return -1;
}
