/**
 * What the package writer reads: the records in record order and the facts a package names
 * (pack, dataset, department, period, exemptions, exclusions, provenance, audit trail). Two
 * sources feed the one writer: an open project (`createProjectPackageSource`) and a file read
 * once, mapped as it streams (`createFilePackageSource`), so a file and a project give one
 * package format, written by one piece of code.
 */
import type { Dataset, Pack } from '../../../shared/pack/pack-schema.ts';
import type { Exemption } from '../../../shared/package/find-exemption.ts';
import type { Workspace } from '../workspace/workspace.ts';

/** One record as the writer reads it. */
export interface PackageRecord {
  readonly rid: number;
  readonly sourceId: number;
  readonly sourceRow: number;
  /** Standardised values in field order (null: no source column feeds the field). */
  readonly values: readonly (string | null)[];
}

/** One cell change in force, with its operation: a line of the audit trail. */
export interface AuditChange {
  readonly operationId: number;
  readonly kind: string;
  readonly who: string;
  readonly at: string;
  readonly why: string;
  readonly rid: number;
  readonly field: string;
  readonly old: string | null;
  readonly new: string | null;
}

/** The records of a package and the facts it names. */
export interface PackageSource {
  readonly pack: Pack;
  readonly dataset: Dataset;
  /** SHA-256 of the pack the records were checked against. */
  readonly packSha256: string;
  readonly department: string;
  readonly period: string;
  /** When the project was made; '' for a file packaged directly (no project to merge into). */
  readonly projectCreatedAt: string;
  readonly exemptions: readonly Exemption[];
  /** Records the user left out of packages. */
  readonly excludedRecords: ReadonlySet<number>;
  /** File and sheet of each source, by id. */
  readonly sources: ReadonlyMap<number, { readonly file: string; readonly sheet: string }>;
  readonly auditTrail: readonly AuditChange[];
  /** How many records `records()` yields, when known before reading (for progress). */
  readonly total: number | undefined;
  /** The records in record order; iterate once. */
  records(): AsyncIterable<PackageRecord> | Iterable<PackageRecord>;
}

/** The package source of an open project: its active records and what the project records. */
export function createProjectPackageSource(workspace: Workspace): PackageSource {
  const { info } = workspace;
  return {
    pack: workspace.pack,
    dataset: workspace.dataset,
    packSha256: info.packSha256,
    department: info.department,
    period: info.period,
    projectCreatedAt: info.createdAt,
    exemptions: workspace.exemptions(),
    excludedRecords: workspace.excludedRecords(),
    sources: new Map(workspace.sources().map((s) => [s.id, s])),
    auditTrail: workspace.auditTrail(),
    total: workspace.countRecords(),
    records: () => workspace.iterateRecords(),
  };
}
