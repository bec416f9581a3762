import { describe, expect, it } from 'vitest';
import { createMemoryFirstRowIndex } from '../../../../shared/rules/first-row-index.ts';
import { hashKey, KeyTable } from '../../../../shared/rules/key-table.ts';

/** A seeded generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('KeyTable', () => {
  it('answers as a Map of first rows does, over keys that repeat, nest and collide', () => {
    const next = random(20261208);
    // Short keys over a small alphabet: many repeats, prefixes of one another, and far more
    // keys than the first table's slots, so probes pass occupied slots and the table grows.
    const alphabet = ['1', '2', 'X', 'x', ' ', '张', '𠮷'];
    const table = new KeyTable();
    const reference = new Map<string, number>();
    for (let row = 1; row <= 60_000; row += 1) {
      let key = '';
      const length = Math.floor(next() * 7);
      for (let i = 0; i < length; i += 1) key += alphabet[Math.floor(next() * alphabet.length)];
      const expected = reference.get(key) ?? row;
      if (!reference.has(key)) reference.set(key, row);
      expect(table.firstRow(key, row)).toBe(expected);
    }
    expect(table.size).toBe(reference.size);
    for (const [key, row] of reference) expect(table.firstRow(key, 1_000_000)).toBe(row);
  });

  it('keeps a million resident IDs apart, as the unique rule sees them in a register', () => {
    const table = new KeyTable();
    const id = (i: number): string => `3717021990${String(i).padStart(8, '0')}`;
    for (let i = 0; i < 1_000_000; i += 1) expect(table.firstRow(id(i), i + 1)).toBe(i + 1);
    expect(table.size).toBe(1_000_000);
    expect(table.firstRow(id(0), 2_000_000)).toBe(1);
    expect(table.firstRow(id(999_999), 2_000_000)).toBe(1_000_000);
    expect(table.firstRow(id(1_000_000), 2_000_000)).toBe(2_000_000);
  });

  it('holds keys longer than a block of characters, and keys on either side of them', () => {
    const table = new KeyTable();
    const long = 'a'.repeat((1 << 20) + 5);
    const longer = `${long}b`;
    expect(table.firstRow('before', 1)).toBe(1);
    expect(table.firstRow(long, 2)).toBe(2);
    expect(table.firstRow(longer, 3)).toBe(3);
    expect(table.firstRow('after', 4)).toBe(4);
    expect(table.firstRow(long, 5)).toBe(2);
    expect(table.firstRow(longer, 6)).toBe(3);
    expect(table.firstRow('before', 7)).toBe(1);
    expect(table.firstRow('after', 8)).toBe(4);
    expect(table.firstRow('', 9)).toBe(9);
    expect(table.firstRow('', 10)).toBe(9);
  });

  it('tells apart keys whose hashes are equal', () => {
    // Two keys of one 31-bit hash turn up among some 50,000 (the birthday bound): the table
    // must compare their characters.
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; pair === undefined && i < 1_000_000; i += 1) {
      const key = `k${i}`;
      const other = seen.get(hashKey(key));
      if (other === undefined) seen.set(hashKey(key), key);
      else pair = [other, key];
    }
    if (pair === undefined) throw new Error('no two keys of one hash among a million');
    expect(hashKey(pair[0])).toBe(hashKey(pair[1]));
    const table = new KeyTable();
    expect(table.firstRow(pair[0], 1)).toBe(1);
    expect(table.firstRow(pair[1], 2)).toBe(2);
    expect(table.firstRow(pair[0], 3)).toBe(1);
    expect(table.firstRow(pair[1], 4)).toBe(2);
  });
});

describe('createMemoryFirstRowIndex', () => {
  it('keeps each scope to itself', () => {
    const index = createMemoryFirstRowIndex();
    expect(index.firstRow('GMSFHM', 'a', 1)).toBe(1);
    expect(index.firstRow('XM', 'a', 2)).toBe(2);
    expect(index.firstRow('GMSFHM', 'a', 3)).toBe(1);
    expect(index.firstRow('XM', 'a', 4)).toBe(2);
  });
});
