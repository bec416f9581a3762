/**
 * Where the unique and primary-key rules look up the first record that holds a key. During a
 * full pass it is an in-memory map; when a few edited records are checked again, the workspace
 * answers from the stored records instead.
 */
export interface FirstRowIndex {
  /** The first row holding `key` in `scope` (a field or key name), counting `row` itself. */
  firstRow(scope: string, key: string, row: number): number;
}

/** An index filled as the rows pass in order: the first row seen with a key is its first row. */
export function createMemoryFirstRowIndex(): FirstRowIndex {
  const seen = new Map<string, Map<string, number>>();
  return {
    firstRow(scope, key, row) {
      let keys = seen.get(scope);
      if (keys === undefined) {
        keys = new Map();
        seen.set(scope, keys);
      }
      const first = keys.get(key);
      if (first !== undefined) return first;
      keys.set(key, row);
      return row;
    },
  };
}
