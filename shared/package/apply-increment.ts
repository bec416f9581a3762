/**
 * Rebuilds a full data file from a base's rows and an incremental package's rows (what the
 * province does with 增量报送, issue #15). A changed record replaces the base's record in place,
 * a removed one leaves, an added one comes after the rest in the delta's order: a project that
 * keeps its records in place and adds new ones at the end is rebuilt byte for byte.
 */
import type { IncrementColumns } from './increment.ts';
import { recordKey } from './increment.ts';
import { err, ok, type Result } from '../result.ts';

/** The rows of a full data file (without its header) after a delta. */
export function applyIncrement(
  rows: readonly (readonly string[])[],
  delta: readonly (readonly string[])[],
  keyPositions: readonly number[],
  columns: IncrementColumns,
): Result<string[][]> {
  const { added, changed, removed } = columns.operation;
  const byKey = new Map<string, string[] | undefined>();
  for (const row of rows) byKey.set(recordKey(row, keyPositions), [...row]);
  const tail: string[][] = [];
  for (let i = 0; i < delta.length; i += 1) {
    const line = delta[i] as readonly string[];
    const values = line.slice(0, line.length - 2);
    const operation = line[line.length - 2];
    const key = recordKey(values, keyPositions);
    const isKnown = byKey.get(key) !== undefined;
    if (operation === added && !isKnown) {
      byKey.set(key, undefined);
      tail.push(values);
    } else if (operation === changed && isKnown) byKey.set(key, values);
    else if (operation === removed && isKnown) byKey.delete(key);
    else {
      return err(
        'increment-mismatch',
        `增量数据第 ${i + 1} 行（${operation ?? ''} ${(JSON.parse(key) as string[]).join('、')}）与基础数据不符：这份增量不是在这个基础上生成的`,
        `Delta row ${i + 1} (${operation ?? ''} ${key}) does not fit the base: the delta was not made from it`,
      );
    }
  }
  const full: string[][] = [];
  for (const values of byKey.values()) if (values !== undefined) full.push(values);
  full.push(...tail);
  return ok(full);
}
