/**
 * What the package writer reads: the records in record order and the facts a package names
 * (pack, dataset, department, period, exemptions, exclusions, provenance, audit trail). Two
 * sources feed the one writer: an open project (`createProjectPackageSource`) and a file read
 * once, mapped as it streams (`createFilePackageSource`), so a file and a project give one
 * package format, written by one piece of code.
 */
import type { Issue } from '../../../shared/issue.ts';
import type { Dataset, Pack } from '../../../shared/pack/pack-schema.ts';
import type { FirstRowIndex } from '../../../shared/rules/first-row-index.ts';
import { checkRequired } from '../../../shared/rules/required.ts';
import type { Exemption } from '../../../shared/package/find-exemption.ts';
import type { Workspace } from '../workspace/workspace.ts';

/** One record as the writer reads it. */
export interface PackageRecord {
  readonly rid: number;
  readonly sourceId: number;
  readonly sourceRow: number;
  /** Standardised values in field order (null: no source column feeds the field). */
  readonly values: readonly (string | null)[];
  /**
   * The record's issues as the source keeps them (a project's stored issues, current after
   * every change), when the source has them: the writer then checks only what answers by the
   * day instead of every rule again.
   */
  readonly issues?: readonly Issue[];
}

/** What a source that keeps its records' issues tells the writer about them. */
export interface CheckedIssues {
  /** The first and last "today" the issues were checked as of (ISO dates). */
  readonly from: string;
  readonly to: string;
  /** Answers the unique and key rules from the source's records, for a record checked again. */
  readonly firstRowIndex: FirstRowIndex;
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
  /**
   * Set when every record comes with its current issues (`PackageRecord.issues`); absent when
   * the writer must check every record (a file read once).
   */
  readonly checked?: CheckedIssues;
  /** The records in record order; iterate once. */
  records(): AsyncIterable<PackageRecord> | Iterable<PackageRecord>;
}

/** The package source of an open project: its active records and what the project records. */
export function createProjectPackageSource(workspace: Workspace): PackageSource {
  const { info, dataset } = workspace;
  const excludedRecords = workspace.excludedRecords();
  const days = workspace.issuesCheckedDays();
  // The stored unique and key issues count a record the clerk left out of packages as a first
  // occurrence; a package does not (it never holds that record). With both in the project, the
  // writer checks every record itself, as before issue #11.
  const hasKeyRules =
    (dataset.primaryKey ?? []).length > 0 ||
    dataset.fields.some((f) => f.constraints?.unique === true);
  const isStoredCurrent = days !== undefined && !(hasKeyRules && excludedRecords.size > 0);
  return {
    pack: workspace.pack,
    dataset: workspace.dataset,
    packSha256: info.packSha256,
    department: info.department,
    period: info.period,
    projectCreatedAt: info.createdAt,
    exemptions: workspace.exemptions(),
    excludedRecords,
    sources: new Map(workspace.sources().map((s) => [s.id, s])),
    auditTrail: workspace.auditTrail(),
    total: workspace.countRecords(),
    ...(isStoredCurrent
      ? {
          checked: { ...days, firstRowIndex: workspace.storedFirstRowIndex() },
          records: () => withStoredIssues(workspace),
        }
      : { records: () => workspace.iterateRecords() }),
  };
}

/**
 * The project's records, each with its stored issues (both streamed in record order, joined
 * by record id). A required field no column feeds is stored as "no column mapped to it" (what
 * the clerk must do in the project); a package reports it as the blank it writes, as it always
 * has (`checkRequired` of '').
 */
function* withStoredIssues(workspace: Workspace): Generator<PackageRecord> {
  const { fields } = workspace.dataset;
  const indexOf = new Map(fields.map((field, index) => [field.name, index]));
  const issues = workspace.iterateIssues();
  let next = issues.next();
  try {
    for (const record of workspace.iterateRecords()) {
      const own: Issue[] = [];
      while (!next.done && next.value.row < record.rid) next = issues.next();
      while (!next.done && next.value.row === record.rid) {
        const issue = next.value;
        const index = indexOf.get(issue.field);
        const field = index === undefined ? undefined : fields[index];
        const blank =
          issue.rule === 'required' && field !== undefined && record.values[index ?? -1] === null
            ? checkRequired(field, '')
            : undefined;
        own.push(blank === undefined ? issue : { ...blank, row: issue.row });
        next = issues.next();
      }
      yield { ...record, issues: own };
    }
  } finally {
    issues.return(undefined);
  }
}
