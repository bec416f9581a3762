/**
 * A map from text keys to the first row that held each, kept in typed arrays instead of a `Map`
 * of strings (issue #11). The unique rule remembers every resident ID of a register: at
 * 1,000,000 rows a `Map` held a million strings on the garbage-collected heap, which every full
 * collection walked again, and inserting took 1.6 s of `steward package`'s main thread. Here the
 * keys' characters are copied into blocks of `Uint16Array` (filled in turn, never copied again)
 * and the table is open addressing over `Int32Array`s: nothing in it is an object the collector
 * has to trace.
 *
 * Written by hand: the map libraries on npm (mnemonist, hashmap, immutable) keep their keys as
 * JavaScript strings, which is the cost this removes.
 */

/** Entries per slot at most before the slots double (a load factor of 1/2 keeps probes short). */
const maxLoad = 0.5;

/**
 * Characters per block of keys: the first block is small (a table of a few rows stays small),
 * each next one twice the last up to 2 MB; a longer key gets a block of its own.
 */
const firstBlockChars = 1 << 12;
const blockChars = 1 << 20;

export class KeyTable {
  /**
   * Two numbers per slot: the key's hash and its entry's index + 1 (0: the slot is empty). A
   * probe compares hashes in the slots it passes without reading the entries. The number of
   * slots is a power of two.
   */
  private slots = new Int32Array(2 * 1024);
  /** Per entry: the block holding the key's characters, where they start, how many, its row. */
  private blockOf = new Int32Array(512);
  private starts = new Int32Array(512);
  private lengths = new Int32Array(512);
  private rows = new Int32Array(512);
  /** The keys' characters; the last block is being filled, up to `used`. */
  private readonly blocks: Uint16Array[] = [new Uint16Array(0)];
  private used = 0;
  private count = 0;

  /** How many keys are held. */
  get size(): number {
    return this.count;
  }

  /**
   * The row stored for `key`; when it has none yet, stores `row` for it and returns that.
   * `row` is a record number (a positive 32-bit integer).
   */
  firstRow(key: string, row: number): number {
    const hash = hashKey(key);
    const length = key.length;
    let slots = this.slots;
    let mask = (slots.length >> 1) - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[2 * slot + 1] as number;
      if (entry === 0) break;
      if (slots[2 * slot] === hash) {
        const index = entry - 1;
        if (this.lengths[index] === length && this.holds(index, key)) {
          return this.rows[index] as number;
        }
      }
      slot = (slot + 1) & mask;
    }
    if (this.count + 1 > (slots.length >> 1) * maxLoad) {
      this.growSlots();
      slots = this.slots;
      mask = (slots.length >> 1) - 1;
      slot = hash & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    }
    const index = this.count;
    if (index === this.rows.length) this.growEntries();
    let block = this.blocks[this.blocks.length - 1] as Uint16Array;
    if (this.used + length > block.length) {
      const next = Math.min(blockChars, Math.max(firstBlockChars, 2 * block.length));
      block = new Uint16Array(Math.max(next, length));
      this.blocks.push(block);
      this.used = 0;
    }
    const start = this.used;
    for (let i = 0; i < length; i += 1) block[start + i] = key.charCodeAt(i);
    this.used += length;
    this.blockOf[index] = this.blocks.length - 1;
    this.starts[index] = start;
    this.lengths[index] = length;
    this.rows[index] = row;
    this.count += 1;
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = index + 1;
    return row;
  }

  /** Whether entry `index` holds the characters of `key` (its length already matched). */
  private holds(index: number, key: string): boolean {
    const chars = this.blocks[this.blockOf[index] as number] as Uint16Array;
    const start = this.starts[index] as number;
    for (let i = 0; i < key.length; i += 1) {
      if (chars[start + i] !== key.charCodeAt(i)) return false;
    }
    return true;
  }

  private growSlots(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let from = 0; from < old.length; from += 2) {
      const entry = old[from + 1] as number;
      if (entry === 0) continue;
      const hash = old[from] as number;
      let slot = hash & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = entry;
    }
    this.slots = slots;
  }

  private growEntries(): void {
    const grow = (from: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const to = new Int32Array(from.length * 2);
      to.set(from);
      return to;
    };
    this.blockOf = grow(this.blockOf);
    this.starts = grow(this.starts);
    this.lengths = grow(this.lengths);
    this.rows = grow(this.rows);
  }
}

/** FNV-1a over the UTF-16 code units, then mixed (murmur3's finaliser) for linear probing. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x7fffffff;
}
