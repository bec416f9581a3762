/**
 * The submitting division, read from the data when the user does not name it: the county-level
 * GB/T 2260 code that most records carry (in division fields, in resident IDs' first six digits
 * and in credit codes' digits 3 to 8). Undefined when no record carries one.
 */
import { lookupDivision } from '../../../shared/code-tables/divisions.ts';
import type { Dataset } from '../../../shared/pack/pack-schema.ts';
import type { Workspace } from '../workspace/workspace.ts';

/** Looks at this many records at most: enough to see which county a file is from. */
export const divisionSampleSize = 20_000;

/** The most common county-level division code in the project's records. */
export function inferDivision(workspace: Workspace): string | undefined {
  return inferDivisionFrom(workspace.dataset, workspace.iterateRecords());
}

/** The most common county-level division code in the first records of a dataset's records. */
export function inferDivisionFrom(
  dataset: Dataset,
  records: Iterable<{ readonly values: readonly (string | null)[] }>,
): string | undefined {
  const sources = dataset.fields.flatMap((field, index) => {
    if (field.format === 'gb2260' || field.format === 'gb11643') return [{ index, start: 0 }];
    if (field.format === 'gb32100') return [{ index, start: 2 }];
    return [];
  });
  if (sources.length === 0) return undefined;
  const counts = new Map<string, number>();
  let seen = 0;
  for (const record of records) {
    for (const { index, start } of sources) {
      const code = record.values[index]?.trim().slice(start, start + 6);
      if (code === undefined || code.length !== 6) continue;
      const division = lookupDivision(code);
      if (division?.level !== 'county') continue;
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    seen += 1;
    if (seen >= divisionSampleSize) break;
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [code, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (count > bestCount) {
      best = code;
      bestCount = count;
    }
  }
  return best;
}
