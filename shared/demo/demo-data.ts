/**
 * Demo data for trainers, tests and the benchmark: realistic county records with injected,
 * listed problems. A ground truth says which issue each injection must produce, so a test can
 * check both directions: every injected problem found, and nothing else.
 */
import type { Dataset, Pack } from '../pack/pack-schema.ts';
import type { Severity } from '../issue.ts';

/** Options shared by every pack's generator. */
export interface DemoOptions {
  readonly rows: number;
  readonly seed: number;
  /** Fraction of records that get one injected problem, 0..1. */
  readonly errorRate: number;
  /** Today as `YYYY-MM-DD`: no birth date or decision date after it. */
  readonly today: string;
}

/** One injected problem, and the issue validation must report for it. */
export interface Injection {
  /** 1-based record index. */
  readonly row: number;
  /** Standard field identifier the issue is reported on. */
  readonly field: string;
  /** Rule id the issue carries. */
  readonly rule: string;
  readonly severity: Severity;
  /** What was done to the record (e.g. `bad-checksum`). */
  readonly kind: string;
  /** The clean value before the injection. */
  readonly original: string;
  /** The value written. */
  readonly value: string;
}

/** A demo dataset being generated: its header, then its rows one by one. */
export interface DemoGenerator {
  readonly pack: Pack;
  readonly dataset: Dataset;
  /** Column headers (the fields' Chinese titles), in dataset order. */
  readonly header: readonly string[];
  /** Yields each record's cells; records the injections as it goes. */
  rows(): Iterable<string[]>;
  /** The injections made so far (complete once rows() is exhausted). */
  readonly injections: readonly Injection[];
}

/** Finds a field by identifier; a demo generator built for a pack that lacks it is a bug. */
export function requireField(dataset: Dataset, name: string): number {
  const index = dataset.fields.findIndex((field) => field.name === name);
  if (index < 0) throw new Error(`demo data: dataset ${dataset.name} has no field ${name}`);
  return index;
}

/** Finds the id and severity of the dataset's declared rule of a type; a missing one is a bug. */
export function requireRule(
  dataset: Dataset,
  type: string,
): { readonly id: string; readonly severity: Severity } {
  const rule = dataset.rules?.find((r) => r.type === type);
  if (rule === undefined)
    throw new Error(`demo data: dataset ${dataset.name} declares no ${type} rule`);
  return { id: rule.id, severity: rule.severity ?? 'error' };
}
