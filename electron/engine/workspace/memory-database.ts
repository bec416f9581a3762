/**
 * A project database held in SQLite's own memory (`:memory:`) rather than in a file of sql.js's
 * in-memory file system (MEMFS). sql.js always opens its databases as MEMFS files, and MEMFS
 * grows a file by 1.125x with a full copy into fresh memory each step: a 1,000,000-row import
 * copied its file some 50 times (8x its size), the largest part of the import's time. SQLite's
 * memory database keeps its pages in its own page cache, with no file under it. sql.js has no
 * option for it, so this is written by hand, on the two things of sql.js it relies on: its
 * Database constructor opens `this.filename`, and `close()` removes that file afterwards.
 * `export()` (SQLite's backup API into one buffer of the right size) works on it unchanged, so
 * the saved `.dsw` is the same SQLite file any tool opens.
 */
import { open } from 'node:fs/promises';
import type { Database, SqlJsStatic } from 'sql.js';
import { loadSqlite } from './load-sqlite.ts';

const memoryName = ':memory:';

/** SQLite's result code SQLITE_NOMEM: an allocation failed (the WebAssembly heap is full). */
const sqliteNoMemory = 7;

/** Memory databases that SQLite ran out of memory in (it then rolled their transaction back). */
const outOfMemory = new WeakSet<Database>();

/**
 * Whether SQLite ran out of memory in this database (a full WebAssembly heap). The error a
 * caller then sees may be a later one: SQLite has rolled the transaction back, so the caller's
 * own ROLLBACK fails with "no transaction is active".
 */
export function hasRunOutOfMemory(db: Database): boolean {
  return outOfMemory.has(db);
}

/** The class of memory databases, made once per sql.js module. */
let memoryClass: (new () => Database) | undefined;

function memoryDatabaseClass(SQL: SqlJsStatic): new () => Database {
  memoryClass ??= class MemoryDatabase extends SQL.Database {
    /** The name sql.js opens: SQLite's memory database; the random file name it sets is ignored. */
    get filename(): string {
      return memoryName;
    }
    set filename(_name: string) {
      // sql.js names a MEMFS file here; a memory database has none.
    }
    /** sql.js turns every SQLite result code into an error here: note an out-of-memory one. */
    override handleError(...args: unknown[]): null {
      if (args[0] === sqliteNoMemory) outOfMemory.add(this);
      return (super.handleError as (...codes: unknown[]) => null).apply(this, args);
    }
    override close(): void {
      try {
        super.close();
      } catch (error) {
        // SQLite closed the database; sql.js then removes a MEMFS file this database never had.
        if (!(error instanceof Object && (error as { name?: unknown }).name === 'ErrnoError'))
          throw error;
        (this as unknown as { db: unknown }).db = null;
      }
    }
  };
  return memoryClass;
}

/** Whether a database is held in SQLite's memory (made by `createMemoryDatabase`). */
export function isMemoryDatabase(db: Database): boolean {
  return memoryClass !== undefined && db instanceof memoryClass;
}

/** An empty database in SQLite's memory. */
export async function createMemoryDatabase(): Promise<Database> {
  const Memory = memoryDatabaseClass(await loadSqlite());
  return new Memory();
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A copy of a database in SQLite's memory: its tables (with their row ids), indexes and
 * schema version. The source (a file database of sql.js, with no transaction open) stays open
 * and unchanged; the caller closes it.
 */
export async function copyIntoMemory(source: Database): Promise<Database> {
  const memory = await createMemoryDatabase();
  try {
    // A file database of sql.js is a MEMFS file named by its `filename`, in MEMFS's root.
    const fileName = (source as unknown as { filename: string }).filename;
    memory.run('ATTACH ? AS source', [`/${fileName}`]);
    const schema = memory.exec(
      "SELECT type, name, sql FROM source.sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index', rowid",
    )[0];
    for (const [type, name, sql] of schema?.values ?? []) {
      memory.run(String(sql));
      if (type !== 'table') continue;
      const table = quote(String(name));
      const columns = (memory.exec(`PRAGMA source.table_info(${table})`)[0]?.values ?? [])
        .map((column) => quote(String(column[1])))
        .join(', ');
      memory.run(
        `INSERT INTO main.${table} (rowid, ${columns}) SELECT rowid, ${columns} FROM source.${table}`,
      );
    }
    const version = Number(memory.exec('PRAGMA source.user_version')[0]?.values[0]?.[0] ?? 0);
    memory.run(`PRAGMA main.user_version = ${version}`);
    memory.run('DETACH source');
  } catch (error) {
    memory.close();
    throw error;
  }
  return memory;
}

/** Bytes read per call when reading a project file (large reads: few round trips). */
const readChunkBytes = 64 * 1024 * 1024;

/** The spare room left after a database file's bytes: an eighth, MEMFS's own growth step. */
export function growthRoomFor(size: number): number {
  return Math.max(1024 * 1024, Math.ceil(size / 8));
}

/**
 * Reads a database file for `new SQL.Database(bytes)`, with room for the file to grow in place.
 * sql.js keeps the bytes as the file of its in-memory file system (MEMFS), which stores the
 * first write as `bytes.slice(0, length)` and, when the file later grows past that storage,
 * copies all of it into a new array: at 1,000,000 rows the first edit that added a page copied
 * 513 MB (seconds, and the file twice in memory). Here `slice` of exactly the file hands MEMFS
 * the whole buffer, room included, so the file grows into the room without a copy. The room
 * costs nothing until written: a fresh array's pages are only mapped when first touched.
 * Written by hand: sql.js has no option to open a file with spare capacity.
 */
export async function readDatabaseFile(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  let room: Uint8Array;
  let size = 0;
  try {
    const { size: fileSize } = await handle.stat();
    room = new Uint8Array(fileSize + growthRoomFor(fileSize));
    while (size < fileSize) {
      const { bytesRead } = await handle.read(
        room,
        size,
        Math.min(readChunkBytes, fileSize - size),
        size,
      );
      if (bytesRead === 0) break;
      size += bytesRead;
    }
  } finally {
    await handle.close();
  }
  const bytes = room.subarray(0, size);
  const copy = Uint8Array.prototype.slice;
  Object.defineProperty(bytes, 'slice', {
    value: (start = 0, end = size): Uint8Array =>
      start === 0 && end === size ? room : copy.call(bytes, start, end),
  });
  return bytes;
}
