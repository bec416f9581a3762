/**
 * A record's fingerprint for incremental packages (issue #15): the SHA-256 of the record's
 * values as the data file writes them (its CSV line), so the same values give the same print
 * whether they come from a project or are read back from an earlier package's data file.
 */
import { createHash } from 'node:crypto';
import { serializeCsvRow } from '../../../shared/package/serialize-csv-row.ts';

/** SHA-256 (hex) of a record's CSV line as written. */
export function fingerprintRecord(values: readonly string[]): string {
  return createHash('sha256').update(serializeCsvRow(values), 'utf8').digest('hex');
}

/** What an incremental package compares against: a package's records, key -> fingerprint. */
export interface PackageBase {
  /** SHA-256 of the base package's manifest (datapackage.json as written). */
  readonly sha256: string;
  /** Each record's key (shared/package/increment.ts recordKey) and fingerprint, in data order. */
  readonly records: ReadonlyMap<string, string>;
}

/** How a record stands against a base: the same (未变), new to it (新增) or changed (变更). */
export type RecordChange = 'unchanged' | 'added' | 'changed';

/**
 * How the record with this key and fingerprint stands against the base. The package writer and
 * the count before writing (package:changes) both ask here, so they cannot disagree.
 */
export function compareWithBase(base: PackageBase, key: string, print: string): RecordChange {
  const before = base.records.get(key);
  if (before === undefined) return 'added';
  return before === print ? 'unchanged' : 'changed';
}
