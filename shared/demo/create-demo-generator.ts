/**
 * The loop the demo generators of the register-style packs share: make a clean record, write
 * its cells, and at the error rate spoil it with one injection drawn from the kinds that fit it;
 * keep recent clean records as material for duplicates, and the injections as the ground truth.
 */
import type { Severity } from '../issue.ts';
import type { Dataset, Pack } from '../pack/pack-schema.ts';
import type { DemoGenerator, DemoOptions, Injection } from './demo-data.ts';
import type { Random } from './random.ts';

/** A clean record made earlier, with the cells it was written as. */
export interface EarlierRecord<T> {
  readonly record: T;
  readonly cells: readonly string[];
}

/** One record's cells while a problem is put into them, addressed by field identifier. */
export interface InjectionTarget<T> {
  /** 1-based record index. */
  readonly row: number;
  readonly record: T;
  /** Earlier clean records, oldest first (at most 64): what a duplicate repeats. */
  readonly earlier: readonly EarlierRecord<T>[];
  /** The cell text of a field. */
  get(field: string): string;
  /** Changes a cell that goes with the problem without being reported (a shifted end date). */
  set(field: string, value: string): void;
  /** Replaces every cell with an earlier record's: the same row entered twice. */
  copy(cells: readonly string[]): void;
  /** Puts the problem into a cell; returns the one issue validation must report for it. */
  inject(field: string, value: string, rule: string, severity?: Severity): Injection;
}

/** Sets the cell of a field (by identifier) while a record is written. */
export type CellWriter = (field: string, value: string) => void;

/** One kind of problem: its injection, or undefined when it does not fit the record. */
export type Injector<T> = (target: InjectionTarget<T>) => Injection | undefined;

/** What a pack's generator supplies to the shared loop. */
export interface DemoRecipe<T> {
  readonly pack: Pack;
  readonly dataset: Dataset;
  readonly options: DemoOptions;
  readonly random: Random;
  /** Makes the next clean record. */
  next(): T;
  /** Writes a clean record's cells through `put` (fields left out stay blank). */
  write(record: T, put: CellWriter): void;
  /** The problems the generator injects, by kind. */
  readonly injectors: Readonly<Record<string, Injector<T>>>;
  /**
   * How much more often a kind is tried before the others (default 1): a kind that fits few
   * records (a credit code of digits only, a revoked licence) needs more tries to show up.
   */
  readonly weights?: Readonly<Record<string, number>>;
}

/** How many clean records a duplicate may be copied from. */
const earlierLimit = 64;

/** Creates a DemoGenerator from a pack's recipe. */
export function createDemoGenerator<T>(recipe: DemoRecipe<T>): DemoGenerator {
  const { pack, dataset, options, random } = recipe;
  const positions = new Map(dataset.fields.map((field, index) => [field.name, index]));
  const indexOf = (field: string): number => {
    const index = positions.get(field);
    if (index === undefined)
      throw new Error(`demo data: dataset ${dataset.name} has no field ${field}`);
    return index;
  };
  const kinds = Object.keys(recipe.injectors);
  const injections: Injection[] = [];
  const earlier: EarlierRecord<T>[] = [];
  const width = dataset.fields.length;

  const cellsOf = (record: T): string[] => {
    const cells = new Array<string>(width).fill('');
    recipe.write(record, (field, value) => {
      cells[indexOf(field)] = value;
    });
    return cells;
  };

  /**
   * Tries the kinds in a random order drawn by weight (Efraimidis-Spirakis: each kind's key is
   * -ln(u)/weight, smallest first); the first kind that fits the record is the injection.
   */
  const spoil = (row: number, record: T, clean: readonly string[]): string[] | undefined => {
    const order = kinds
      .map((kind) => ({ kind, key: -Math.log(1 - random.next()) / (recipe.weights?.[kind] ?? 1) }))
      .sort((a, b) => a.key - b.key);
    for (const { kind } of order) {
      const cells = [...clean];
      const target: InjectionTarget<T> = {
        row,
        record,
        earlier,
        get: (field) => cells[indexOf(field)] ?? '',
        set: (field, value) => {
          cells[indexOf(field)] = value;
        },
        copy: (source) => {
          for (let i = 0; i < width; i += 1) cells[i] = source[i] ?? '';
        },
        inject: (field, value, rule, severity = 'error') => {
          const index = indexOf(field);
          cells[index] = value;
          return { row, field, rule, severity, kind, original: clean[index] ?? '', value };
        },
      };
      const injection = recipe.injectors[kind]?.(target);
      if (injection !== undefined) {
        injections.push(injection);
        return cells;
      }
    }
    return undefined;
  };

  return {
    pack,
    dataset,
    header: dataset.fields.map((field) => field.title),
    injections,
    *rows() {
      for (let row = 1; row <= options.rows; row += 1) {
        const record = recipe.next();
        const clean = cellsOf(record);
        const spoiled = random.chance(options.errorRate) ? spoil(row, record, clean) : undefined;
        if (spoiled !== undefined) {
          yield spoiled;
          continue;
        }
        earlier.push({ record, cells: clean });
        if (earlier.length > earlierLimit) earlier.shift();
        yield clean;
      }
    },
  };
}
