import type { Dataset } from '../pack/pack-schema.ts';
import { normalizeHeader } from './normalize-header.ts';

/** Which field each source column feeds, found by the exact (normalised) header. */
export interface ExactColumnMatch {
  /** For each source column, the index of its field in the dataset, or undefined. */
  readonly fieldOfColumn: readonly (number | undefined)[];
  /** Source headers that match no field. */
  readonly unmatchedColumns: readonly string[];
  /** Required fields that no column feeds (identifiers). */
  readonly missingRequired: readonly string[];
  /** Columns that matched a field an earlier column already feeds. */
  readonly duplicateColumns: readonly string[];
}

/**
 * Matches source headers to a dataset's fields by title, identifier or synonym after
 * normalisation. No guessing: a header either names the field or it does not (the mapping
 * suggestions of the map step do the guessing, with a confidence).
 */
export function matchColumnsExactly(
  dataset: Dataset,
  headers: readonly string[],
): ExactColumnMatch {
  const byName = new Map<string, number>();
  dataset.fields.forEach((field, index) => {
    for (const name of [field.title, field.name, ...(field.synonyms ?? [])]) {
      const key = normalizeHeader(name);
      if (!byName.has(key)) byName.set(key, index);
    }
  });
  const taken = new Set<number>();
  const unmatchedColumns: string[] = [];
  const duplicateColumns: string[] = [];
  const fieldOfColumn = headers.map((header) => {
    const index = byName.get(normalizeHeader(header));
    if (index === undefined) {
      unmatchedColumns.push(header);
      return undefined;
    }
    if (taken.has(index)) {
      duplicateColumns.push(header);
      return undefined;
    }
    taken.add(index);
    return index;
  });
  const missingRequired = dataset.fields
    .filter((field, index) => field.constraints?.required === true && !taken.has(index))
    .map((field) => field.name);
  return { fieldOfColumn, unmatchedColumns, missingRequired, duplicateColumns };
}
