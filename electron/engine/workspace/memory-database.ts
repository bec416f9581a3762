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
import type { Database, SqlJsStatic } from 'sql.js';
import { loadSqlite } from './load-sqlite.ts';

const memoryName = ':memory:';

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
