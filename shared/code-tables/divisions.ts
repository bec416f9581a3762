/**
 * GB/T 2260 administrative division codes: the current MCA list (2024-12-31) merged with every
 * abolished, renamed and summary code since 1980, because a resident ID and a credit code keep
 * the code they were issued under. Built from data/divisions.json (scripts/build-code-tables.ts).
 */
import divisionData from './data/divisions.json' with { type: 'json' };

/** The level of a division; `summary` is a 市辖区/县 summary code of the old standard editions. */
export type DivisionLevel = 'province' | 'prefecture' | 'county' | 'summary';

/** One GB/T 2260 code with what is known about it. */
export interface Division {
  readonly code: string;
  readonly name: string;
  readonly level: DivisionLevel;
  /** The parent division's code; absent for provinces. */
  readonly parent?: string;
  /** `current`: in the MCA list of 2024-12-31; `historical`: abolished, renamed or a summary code. */
  readonly status: 'current' | 'historical';
  /**
   * True when the only source is mumuy/data_location, the least reliable one: a code known
   * only there deserves a warning, not silent acceptance.
   */
  readonly isWeakSource: boolean;
  /** For a historical code, the codes that took its place (may be empty). */
  readonly successors: readonly string[];
}

interface DivisionIndex {
  readonly byNumber: ReadonlyMap<number, Division>;
  readonly all: readonly Division[];
}

let index: DivisionIndex | undefined;

function invalidData(row: unknown): never {
  throw new Error(`divisions.json: malformed row ${JSON.stringify(row)}`);
}

function buildIndex(): DivisionIndex {
  const levels = divisionData.levels as readonly string[];
  const byNumber = new Map<number, Division>();
  const all: Division[] = [];
  for (const row of divisionData.rows as readonly (readonly unknown[])[]) {
    const [code, name, levelIndex, parent, status, successors] = row;
    const level = levels[typeof levelIndex === 'number' ? levelIndex : -1];
    if (
      typeof code !== 'string' ||
      !/^\d{6}$/.test(code) ||
      typeof name !== 'string' ||
      (level !== 'province' &&
        level !== 'prefecture' &&
        level !== 'county' &&
        level !== 'summary') ||
      typeof parent !== 'string' ||
      (status !== 0 && status !== 1 && status !== 2) ||
      (successors !== undefined && typeof successors !== 'string')
    ) {
      return invalidData(row);
    }
    const division: Division = {
      code,
      name,
      level,
      ...(parent === '' ? {} : { parent }),
      status: status === 0 ? 'current' : 'historical',
      isWeakSource: status === 2,
      successors: successors === undefined ? [] : successors.split(';'),
    };
    byNumber.set(Number(code), division);
    all.push(division);
  }
  return { byNumber, all };
}

/** Whether the index is built (it is built once, on first use: tens of milliseconds). */
export function isDivisionIndexBuilt(): boolean {
  return index !== undefined;
}

function divisionIndex(): DivisionIndex {
  index ??= buildIndex();
  return index;
}

/**
 * The division of a 6-digit code given as a number (371702), for hot loops that read the code
 * from a longer value without cutting a substring.
 */
export function lookupDivisionByNumber(code: number): Division | undefined {
  return divisionIndex().byNumber.get(code);
}

/** The division of a 6-digit GB/T 2260 code, current or historical; undefined when unknown. */
export function lookupDivision(code: string): Division | undefined {
  if (code.length !== 6) return undefined;
  let value = 0;
  for (let i = 0; i < 6; i++) {
    const digit = code.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return lookupDivisionByNumber(value);
}

/** Every known division, current and historical, in code order. */
export function listDivisions(): readonly Division[] {
  return divisionIndex().all;
}
