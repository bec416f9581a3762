/**
 * Where the unique and primary-key rules look up the first record that holds a key. During a
 * full pass it is an in-memory map; when a few edited records are checked again, the workspace
 * answers from the stored records instead.
 */
import { KeyTable } from './key-table.ts';

/** The first row of each key, by scope. */
export interface FirstRowIndex {
  /** The first row holding `key` in `scope` (a field or key name), counting `row` itself. */
  firstRow(scope: string, key: string, row: number): number;
}

/**
 * An index filled as the rows pass in order: the first row seen with a key is its first row.
 * The keys are held in typed arrays (key-table.ts), not as strings the collector walks.
 */
export function createMemoryFirstRowIndex(): FirstRowIndex {
  const seen = new Map<string, KeyTable>();
  return {
    firstRow(scope, key, row) {
      let keys = seen.get(scope);
      if (keys === undefined) {
        keys = new KeyTable();
        seen.set(scope, keys);
      }
      return keys.firstRow(key, row);
    },
  };
}
