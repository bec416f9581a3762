import { normalizeCodeValue, type CodeEntry } from './code-table.ts';

/**
 * The entries of a code table a typed text finds, best first: the code itself, then codes
 * starting with it, then names and aliases starting with it, then names and aliases containing
 * it (type 汉 to find 01 汉族, 2 to find 2 女). An empty text finds every entry in table order.
 * Written by hand: a fuzzy-search library would rank 汉 inside 哈尼族's pinyin-free text oddly
 * and the tables are at most a few thousand entries, so a linear scan per keystroke is enough.
 */
export function searchCodeEntries(
  entries: readonly CodeEntry[],
  text: string,
  limit = 50,
): CodeEntry[] {
  const query = normalizeCodeValue(text);
  if (query === '') return entries.slice(0, limit);
  const ranked: { entry: CodeEntry; rank: number; index: number }[] = [];
  entries.forEach((entry, index) => {
    const code = normalizeCodeValue(entry.code);
    const spellings = [entry.name, ...entry.aliases].map(normalizeCodeValue);
    const rank =
      code === query
        ? 0
        : code.startsWith(query)
          ? 1
          : spellings.some((s) => s === query)
            ? 2
            : spellings.some((s) => s.startsWith(query))
              ? 3
              : spellings.some((s) => s.includes(query))
                ? 4
                : -1;
    if (rank >= 0) ranked.push({ entry, rank, index });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.slice(0, limit).map((r) => r.entry);
}

/** The name of the entry whose code a value is exactly (`01` -> 汉族), else undefined. */
export function codeNameOf(
  names: ReadonlyMap<string, string>,
  value: string | null,
): string | undefined {
  return value === null || value === '' ? undefined : names.get(value);
}
