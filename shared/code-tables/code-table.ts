/** One code of a code table, with the spellings that mean it. */
export interface CodeEntry {
  /** The standard code, always text (leading zeros kept: `01`). */
  readonly code: string;
  /** The full name in the standard, e.g. `汉族`. */
  readonly name: string;
  /** Other spellings seen in data (`汉`, `男`, `中共党员`), matched like the name. */
  readonly aliases: readonly string[];
  /** The code this one refines (婚姻状况 21 初婚 -> 20 已婚; a division's parent division). */
  readonly parent?: string;
  /** The group the code belongs to (家庭关系 类别, 学历 类别, a division's level). */
  readonly category?: string;
  /** A caveat about the code, e.g. that a source disputes it. */
  readonly note?: string;
}

/** A code table: the codes of one standard with their names. */
export interface CodeTable {
  readonly id: string;
  readonly title: string;
  /** The standard and the sources the codes were taken from. */
  readonly source: string;
  readonly entries: readonly CodeEntry[];
}

/** Resolves cell values to the entries of one code table, in O(1) per value. */
export interface CodeLookup {
  readonly table: CodeTable;
  /**
   * The entry a value means: its code, full name or an alias, compared after normalisation
   * (see normalizeCodeValue). A spelling shared by two entries resolves to nothing.
   */
  resolve(value: string): CodeEntry | undefined;
  /** Every entry a value may mean: one, none, or several for a shared spelling (朝阳区). */
  candidates(value: string): readonly CodeEntry[];
}

const enumerationComma = 0x3001; // 、
const huo = 0x6216; // 或

function isWhitespace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0xfeff
  );
}

/** The character a code unit becomes in a lookup key, or -1 to drop it. */
function keyChar(code: number): number {
  if (isWhitespace(code)) return -1;
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
  if (code >= 0x61 && code <= 0x7a) return code - 0x20;
  if (code === huo) return enumerationComma;
  return code;
}

/**
 * The form in which code values are compared: whitespace removed, full-width forms made
 * half-width, ASCII letters upper-cased, and 或 read as 、 (GB/T 4761 names are written both
 * ways: 孙子、孙女或外孙子、外孙女 / 孙子、孙女、外孙子、外孙女). Returns the value itself when
 * nothing changes, so that the common case allocates nothing.
 */
export function normalizeCodeValue(value: string): string {
  let i = 0;
  while (i < value.length) {
    const code = value.charCodeAt(i);
    if (keyChar(code) !== code) break;
    i++;
  }
  if (i === value.length) return value;
  let out = value.slice(0, i);
  for (; i < value.length; i++) {
    const char = keyChar(value.charCodeAt(i));
    if (char >= 0) out += String.fromCharCode(char);
  }
  return out;
}

/**
 * How strongly a spelling names an entry (lower wins): a code beats a name, a name beats an
 * alias, and an alias beats a code written without its leading zeros (`1` for `01`).
 */
const tier = { code: 0, name: 1, alias: 2, unpaddedCode: 3 } as const;

type Tier = (typeof tier)[keyof typeof tier];

interface Slot {
  tier: Tier;
  entries: CodeEntry[];
}

/** The width shared by every code when all are digits, else 0. */
function uniformDigitWidth(entries: readonly CodeEntry[]): number {
  const first = entries[0];
  if (first === undefined) return 0;
  const width = first.code.length;
  for (const entry of entries) {
    if (entry.code.length !== width) return 0;
    for (let i = 0; i < width; i++) {
      const c = entry.code.charCodeAt(i);
      if (c < 0x30 || c > 0x39) return 0;
    }
  }
  return width;
}

/**
 * Builds the lookup of a code table once; each resolve is then one or two Map reads. A code
 * without its leading zeros (`1` for 汉族 `01`) also resolves when every code has the same
 * number of digits, because spreadsheets store such codes as numbers.
 */
export function createCodeLookup(table: CodeTable): CodeLookup {
  const slots = new Map<string, Slot>();
  const add = (spelling: string, entry: CodeEntry, strength: Tier): void => {
    const key = normalizeCodeValue(spelling);
    if (key === '') return;
    const slot = slots.get(key);
    if (slot === undefined || strength < slot.tier) {
      slots.set(key, { tier: strength, entries: [entry] });
    } else if (strength === slot.tier && !slot.entries.includes(entry)) {
      slot.entries.push(entry);
    }
  };
  const width = uniformDigitWidth(table.entries);
  for (const entry of table.entries) {
    add(entry.code, entry, tier.code);
    add(entry.name, entry, tier.name);
    for (const alias of entry.aliases) add(alias, entry, tier.alias);
    if (width > 1) {
      let start = 0;
      while (start < width - 1 && entry.code.charCodeAt(start) === 0x30) start++;
      if (start > 0) add(entry.code.slice(start), entry, tier.unpaddedCode);
    }
  }
  const unique = new Map<string, CodeEntry>();
  const all = new Map<string, readonly CodeEntry[]>();
  for (const [key, slot] of slots) {
    all.set(key, slot.entries);
    const [only] = slot.entries;
    if (slot.entries.length === 1 && only !== undefined) unique.set(key, only);
  }
  return {
    table,
    resolve: (value) => unique.get(value) ?? unique.get(normalizeCodeValue(value)),
    candidates: (value) => all.get(value) ?? all.get(normalizeCodeValue(value)) ?? [],
  };
}
