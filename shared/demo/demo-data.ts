/**
 * Demo data for trainers, tests and the benchmark: realistic county records with injected,
 * listed problems. A ground truth says which issue each injection must produce, so a test can
 * check both directions: every injected problem found, and nothing else.
 */
import type { Dataset, DatasetRule, Pack } from '../pack/pack-schema.ts';
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

/** The id and severity of a declared rule, as the issues it reports carry them. */
export interface DeclaredRule {
  readonly id: string;
  readonly severity: Severity;
}

/** The severity a declared rule reports with: its own, else its type's default. */
function declaredSeverity(rule: DatasetRule): Severity {
  return (
    rule.severity ??
    (rule.type === 'code-prefix-matches' || rule.type === 'update-age' ? 'warning' : 'error')
  );
}

/** The fields a declared rule reports its issues on. */
function reportedFields(rule: DatasetRule): readonly string[] {
  switch (rule.type) {
    case 'id-birth-date':
      return [rule.dateField];
    case 'id-sex':
      return [rule.sexField];
    case 'conditional-required':
      return rule.require;
    case 'conditional-empty':
      return rule.empty;
    case 'conditional-format':
    case 'date-not-future':
    case 'update-age':
      return [rule.field];
    case 'date-order':
      return [rule.end];
    case 'code-prefix-matches':
      return [rule.typeField];
  }
}

/** Finds the id and severity of the dataset's declared rule of a type; a missing one is a bug. */
export function requireRule(dataset: Dataset, type: string): DeclaredRule {
  const rule = dataset.rules?.find((r) => r.type === type);
  if (rule === undefined)
    throw new Error(`demo data: dataset ${dataset.name} declares no ${type} rule`);
  return { id: rule.id, severity: declaredSeverity(rule) };
}

/**
 * Finds the declared rule of a type that reports on a field (the conditional-required rule
 * that needs XK_FRDB, the date-order rule that ends at XK_YXQZI); a missing one is a bug.
 */
export function requireRuleOn(
  dataset: Dataset,
  type: DatasetRule['type'],
  field: string,
): DeclaredRule {
  const rule = dataset.rules?.find((r) => r.type === type && reportedFields(r).includes(field));
  if (rule === undefined)
    throw new Error(`demo data: dataset ${dataset.name} declares no ${type} rule on ${field}`);
  return { id: rule.id, severity: declaredSeverity(rule) };
}
