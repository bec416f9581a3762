/**
 * For `steward package <file>`: the file's rows as package records, read once and mapped as they
 * stream, with no project in between (共享不落地: nothing of the data is stored on the way). A
 * record gets the number and provenance a project made from the file would give it (record
 * numbers from 1, one source), so the package's bytes are those of that project's package.
 */
import type { Dataset, Pack } from '../../../shared/pack/pack-schema.ts';
import type { SourceTable } from '../import/source-table.ts';
import { hashPack } from '../workspace/workspace.ts';
import type { PackageRecord, PackageSource } from './package-source.ts';

/** A file's package source, with a look ahead at its first records. */
export interface FilePackageSource extends PackageSource {
  /**
   * Reads up to `count` records ahead (they are still yielded by `records()`): enough to infer
   * the division before the package is named.
   */
  peekRecords(count: number): Promise<readonly PackageRecord[]>;
  /** Releases the file's reader. */
  close(): Promise<void>;
}

/** Turns a table's cells into field values (undefined: no column feeds the field). */
export type RecordValues = (cells: readonly string[]) => readonly (string | undefined)[];

/** The package source of a read table, mapped record by record with `toValues`. */
export function createFilePackageSource(
  table: SourceTable,
  toValues: RecordValues,
  facts: {
    readonly pack: Pack;
    readonly dataset: Dataset;
    readonly department: string;
    readonly period: string;
  },
): FilePackageSource {
  const sourceId = 1;
  const width = facts.dataset.fields.length;
  const rows = table.rows()[Symbol.asyncIterator]();
  const ahead: PackageRecord[] = [];
  let rid = 0;
  let isDone = false;

  const next = async (): Promise<PackageRecord | undefined> => {
    if (isDone) return undefined;
    const read = await rows.next();
    if (read.done === true) {
      isDone = true;
      return undefined;
    }
    const mapped = toValues(read.value.cells);
    // As a project stores them: a field no column feeds is null.
    const values = new Array<string | null>(width);
    for (let i = 0; i < width; i += 1) values[i] = mapped[i] ?? null;
    rid += 1;
    return { rid, sourceId, sourceRow: read.value.sourceRow, values };
  };

  return {
    pack: facts.pack,
    dataset: facts.dataset,
    packSha256: hashPack(facts.pack),
    department: facts.department,
    period: facts.period,
    projectCreatedAt: '',
    exemptions: [],
    excludedRecords: new Set(),
    sources: new Map([[sourceId, { file: table.file, sheet: table.sheet }]]),
    auditTrail: [],
    total: undefined,
    async peekRecords(count) {
      while (ahead.length < count) {
        const record = await next();
        if (record === undefined) break;
        ahead.push(record);
      }
      return ahead.slice(0, count);
    },
    async *records() {
      const peeked = ahead.splice(0);
      for (const record of peeked) yield record;
      for (let record = await next(); record !== undefined; record = await next()) yield record;
    },
    close: () => table.close(),
  };
}
