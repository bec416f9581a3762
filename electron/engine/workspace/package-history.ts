/**
 * The packages a project wrote (issue #15): each package's manifest SHA-256, kind, mode and
 * time, and the key and fingerprint of every record it brought the province to, so that the next
 * package can be incremental (增量) against it.
 */
import type { Database } from 'sql.js';
import type { PackageKind } from '../../../shared/package/package-kind.ts';
import type { PackageMode } from '../../../shared/package/increment.ts';
import type { PackageBase } from '../package/record-fingerprint.ts';

/** One package the project wrote. */
export interface PackageHistoryEntry {
  readonly id: number;
  /** SHA-256 of the package's manifest. */
  readonly sha256: string;
  readonly kind: PackageKind;
  readonly mode: PackageMode;
  /** The manifest SHA-256 of the package an increment follows. */
  readonly baseSha256?: string;
  /** The package's created time (ISO). */
  readonly created: string;
  /** The zip's file name. */
  readonly file: string;
  /** How many records the package's fingerprints hold. */
  readonly records: number;
}

/** Schema 3: the tables (see workspace-schema.ts); IF NOT EXISTS, so a file made older by hand (a test drops a later column and lowers user_version) still migrates. */
export const packageHistorySql = `
CREATE TABLE IF NOT EXISTS packages (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL,
  kind        TEXT NOT NULL,
  mode        TEXT NOT NULL,
  base_sha256 TEXT,
  created     TEXT NOT NULL,
  file        TEXT NOT NULL
);
-- Every record a package brought the province to: its key (JSON array of the key values as
-- written) and the SHA-256 of its CSV line as written.
CREATE TABLE IF NOT EXISTS package_records (
  package_id INTEGER NOT NULL,
  key        TEXT NOT NULL,
  sha256     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS package_records_package ON package_records (package_id);
`;

/** Records a written package and its records' fingerprints; returns its id. */
export function insertPackage(
  db: Database,
  entry: Omit<PackageHistoryEntry, 'id' | 'records'>,
  records: ReadonlyMap<string, string>,
): number {
  db.run(
    'INSERT INTO packages (sha256, kind, mode, base_sha256, created, file) VALUES (?, ?, ?, ?, ?, ?)',
    [entry.sha256, entry.kind, entry.mode, entry.baseSha256 ?? null, entry.created, entry.file],
  );
  const id = Number(db.exec('SELECT last_insert_rowid()')[0]?.values[0]?.[0]);
  const insert = db.prepare(
    'INSERT INTO package_records (package_id, key, sha256) VALUES (?, ?, ?)',
  );
  try {
    for (const [key, sha256] of records) insert.run([id, key, sha256]);
  } finally {
    insert.free();
  }
  return id;
}

/** The packages the project wrote, oldest first. */
export function listPackages(db: Database): PackageHistoryEntry[] {
  const rows =
    db.exec(
      `SELECT p.id, p.sha256, p.kind, p.mode, p.base_sha256, p.created, p.file,
              (SELECT COUNT(*) FROM package_records r WHERE r.package_id = p.id)
         FROM packages p ORDER BY p.id`,
    )[0]?.values ?? [];
  return rows.map((r) => ({
    id: Number(r[0]),
    sha256: String(r[1]),
    kind: String(r[2]) as PackageKind,
    mode: String(r[3]) as PackageMode,
    ...(r[4] === null ? {} : { baseSha256: String(r[4]) }),
    created: String(r[5]),
    file: String(r[6]),
    records: Number(r[7]),
  }));
}

/** A package's records as the base of an increment, in the order they were written. */
export function loadPackageBase(db: Database, entry: PackageHistoryEntry): PackageBase {
  const records = new Map<string, string>();
  const statement = db.prepare(
    'SELECT key, sha256 FROM package_records WHERE package_id = ? ORDER BY rowid',
  );
  try {
    statement.bind([entry.id]);
    while (statement.step()) {
      const [key, sha256] = statement.get();
      records.set(String(key), String(sha256));
    }
  } finally {
    statement.free();
  }
  return { sha256: entry.sha256, records };
}
