/**
 * The project's journal (`<project>.dsw-journal`, 修改日志): an append-only file beside the
 * snapshot that makes each operation durable in milliseconds. An operation is acknowledged only
 * after its record is appended and flushed to disk (fdatasync). See docs/DESIGN.md, "Durability:
 * snapshot and journal", for why every acknowledged operation survives a crash at any instant.
 *
 * Layout (little-endian):
 *   header, 16 bytes:  "DSWJ" | u32 version (1) | 8 bytes: the snapshot's journal id
 *   each record:       "DSWR" | u32 crc32 of the rest | u32 payload length | u64 sequence
 *                      number | payload (UTF-8 JSON: the statements the operation ran)
 * The journal id ties a journal to the snapshot it continues: a checkpoint gives the snapshot a
 * new id, so a journal left from before it is known as stale. Sequence numbers rise by one from
 * record to record; the snapshot's meta row `journal_seq` says the last one it contains.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import type { BindParams, ParamsObject, SqlValue } from 'sql.js';
import { writeFileAtomically } from './project-file.ts';
import type { RecordedStatement } from './statement-recorder.ts';

/** The journal that belongs to a project file. */
export function journalPathFor(projectPath: string): string {
  return `${projectPath}-journal`;
}

const fileMagic = Buffer.from('DSWJ', 'latin1');
const recordMagic = Buffer.from('DSWR', 'latin1');
const journalVersion = 1;
/** Bytes of the journal's header. */
export const journalHeaderBytes = 16;
/** Bytes of a record's header, before its payload. */
export const recordHeaderBytes = 20;

/** A new random journal id (16 hex digits). */
export function createJournalId(): string {
  return randomBytes(8).toString('hex');
}

/** The id of a snapshot written before journals existed: all zeros. */
export const noJournalId = '0000000000000000';

/** The journal's header for a snapshot's journal id. */
export function encodeJournalHeader(journalId: string): Buffer {
  const header = Buffer.alloc(journalHeaderBytes);
  fileMagic.copy(header, 0);
  header.writeUInt32LE(journalVersion, 4);
  Buffer.from(journalId, 'hex').copy(header, 8, 0, 8);
  return header;
}

/** A bound value as JSON: bytes become `{ "$bytes": base64 }` (JSON has no byte strings). */
function encodeValue(value: SqlValue): unknown {
  return value instanceof Uint8Array ? { $bytes: Buffer.from(value).toString('base64') } : value;
}

function decodeValue(value: unknown): SqlValue {
  if (typeof value === 'object' && value !== null && '$bytes' in value)
    return new Uint8Array(Buffer.from(String((value as { $bytes: unknown }).$bytes), 'base64'));
  return value as SqlValue;
}

function mapParams(
  params: BindParams | null,
  map: (value: SqlValue) => unknown,
): BindParams | null {
  if (params === null) return null;
  if (Array.isArray(params)) return (params as SqlValue[]).map(map) as SqlValue[];
  return Object.fromEntries(
    Object.entries(params as ParamsObject).map(([key, value]) => [key, map(value)]),
  ) as ParamsObject;
}

/** One operation's record: its sequence number and the statements it ran, as bytes. */
export function encodeJournalRecord(seq: number, statements: readonly RecordedStatement[]): Buffer {
  const payload = Buffer.from(
    JSON.stringify({
      statements: statements.map(([kind, sql, params]) => [
        kind,
        sql,
        mapParams(params, encodeValue),
      ]),
    }),
    'utf8',
  );
  const record = Buffer.alloc(recordHeaderBytes + payload.length);
  recordMagic.copy(record, 0);
  record.writeUInt32LE(payload.length, 8);
  record.writeBigUInt64LE(BigInt(seq), 12);
  payload.copy(record, recordHeaderBytes);
  record.writeUInt32LE(crc32(record.subarray(8)), 4);
  return record;
}

/** A record read back from the journal, with where it lies in the file. */
export interface JournalRecord {
  readonly seq: number;
  readonly statements: readonly RecordedStatement[];
  readonly start: number;
  readonly end: number;
}

/** What a journal file holds. */
export type JournalReading =
  | { readonly kind: 'missing' }
  | {
      readonly kind: 'read';
      readonly journalId: string;
      readonly records: readonly JournalRecord[];
      /** Where the last whole record ends: a torn or damaged last record starts here. */
      readonly goodEnd: number;
      /** Bytes after `goodEnd` (a last record torn by a crash, or damaged): dropped. */
      readonly tornBytes: number;
    }
  | { readonly kind: 'corrupt'; readonly offset: number; readonly reason: string };

/** The record starting at `offset`, or undefined when it is not a whole, intact record. */
function readRecordAt(bytes: Buffer, offset: number): JournalRecord | undefined {
  if (offset + recordHeaderBytes > bytes.length) return undefined;
  if (!bytes.subarray(offset, offset + 4).equals(recordMagic)) return undefined;
  const length = bytes.readUInt32LE(offset + 8);
  const end = offset + recordHeaderBytes + length;
  if (end > bytes.length) return undefined;
  if (crc32(bytes.subarray(offset + 8, end)) !== bytes.readUInt32LE(offset + 4)) return undefined;
  let payload: { statements?: unknown };
  try {
    payload = JSON.parse(bytes.subarray(offset + recordHeaderBytes, end).toString('utf8')) as {
      statements?: unknown;
    };
  } catch {
    return undefined;
  }
  if (!Array.isArray(payload.statements)) return undefined;
  const statements = (
    payload.statements as [RecordedStatement[0], string, BindParams | null][]
  ).map(([kind, sql, params]): RecordedStatement => [kind, sql, mapParams(params, decodeValue)]);
  return { seq: Number(bytes.readBigUInt64LE(offset + 12)), statements, start: offset, end };
}

/**
 * Whether an intact record starts anywhere after `from`: then the damage at `from` is in the
 * middle of the journal (acknowledged work follows it), not a last record torn by a crash.
 */
function hasRecordAfter(bytes: Buffer, from: number): boolean {
  for (let at = bytes.indexOf(recordMagic, from); at >= 0; at = bytes.indexOf(recordMagic, at + 1))
    if (readRecordAt(bytes, at) !== undefined) return true;
  return false;
}

/**
 * Reads a journal's bytes: its id and every intact record in order. A damaged or torn record
 * at the end is reported as `tornBytes` (a crash mid-append leaves one); damage with intact
 * records after it, a gap in the sequence, or a damaged header is `corrupt`.
 */
export function parseJournal(bytes: Buffer): JournalReading {
  if (bytes.length === 0) return { kind: 'missing' };
  if (
    bytes.length < journalHeaderBytes ||
    !bytes.subarray(0, 4).equals(fileMagic) ||
    bytes.readUInt32LE(4) !== journalVersion
  )
    return { kind: 'corrupt', offset: 0, reason: 'the journal header is damaged' };
  const journalId = bytes.subarray(8, 16).toString('hex');
  const records: JournalRecord[] = [];
  let offset = journalHeaderBytes;
  while (offset < bytes.length) {
    const record = readRecordAt(bytes, offset);
    if (record === undefined) {
      if (hasRecordAfter(bytes, offset + 1))
        return {
          kind: 'corrupt',
          offset,
          reason: `the record at byte ${offset} is damaged and intact records follow it`,
        };
      break;
    }
    const previous = records.at(-1);
    if (previous !== undefined && record.seq !== previous.seq + 1)
      return {
        kind: 'corrupt',
        offset,
        reason: `record ${record.seq} at byte ${offset} follows record ${previous.seq}`,
      };
    records.push(record);
    offset = record.end;
  }
  return { kind: 'read', journalId, records, goodEnd: offset, tornBytes: bytes.length - offset };
}

/** Reads the journal file at `path` (missing: no journal). */
export async function readJournal(path: string): Promise<JournalReading> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  return parseJournal(bytes);
}

/** An open journal that operations are appended to, each flushed to disk before it returns. */
export class JournalWriter {
  private readonly handle: FileHandle;
  private end: number;

  private constructor(handle: FileHandle, end: number) {
    this.handle = handle;
    this.end = end;
  }

  /** Starts a new, empty journal for a snapshot (replacing any old one atomically). */
  static async create(path: string, journalId: string): Promise<JournalWriter> {
    await writeFileAtomically(path, encodeJournalHeader(journalId));
    return new JournalWriter(await open(path, 'r+'), journalHeaderBytes);
  }

  /** Continues an existing journal after its last intact record, cutting off a torn one. */
  static async resume(path: string, goodEnd: number, tornBytes: number): Promise<JournalWriter> {
    const handle = await open(path, 'r+');
    try {
      if (tornBytes > 0) {
        await handle.truncate(goodEnd);
        await handle.sync();
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new JournalWriter(handle, goodEnd);
  }

  /** The journal's size in bytes. */
  get size(): number {
    return this.end;
  }

  /**
   * Appends one record and flushes it to disk. If that fails (a full disk), the journal is cut
   * back to where it was, so a partial record is not left in front of the next one.
   */
  async append(record: Buffer): Promise<void> {
    try {
      // A write may take fewer bytes than asked (a disk that fills up meanwhile): write the
      // rest, so that a full disk ends in an error (ENOSPC), never in a record acknowledged
      // half written (it would be dropped as torn on the next opening).
      for (let done = 0; done < record.length;) {
        const { bytesWritten } = await this.handle.write(
          record,
          done,
          record.length - done,
          this.end + done,
        );
        if (bytesWritten === 0) throw new Error('project journal: the disk took no bytes');
        done += bytesWritten;
      }
      await this.handle.datasync();
    } catch (error) {
      try {
        await this.handle.truncate(this.end);
      } catch (cutError) {
        // A torn last record is dropped when the project is next opened anyway.
        console.warn('project journal: could not cut back a failed append', cutError);
      }
      throw error;
    }
    this.end += record.length;
  }

  /** Closes the file. */
  async close(): Promise<void> {
    await this.handle.close();
  }
}
