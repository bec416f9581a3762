/**
 * A project database held in SQLite's memory (the import's fast path) saves the same SQLite
 * file as before: a fresh sql.js and the sqlite3 tool open it with every row, row id, index and
 * the schema version; copying a project into memory keeps all of them.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSqlite } from '../../../../../electron/engine/workspace/load-sqlite.ts';
import {
  copyIntoMemory,
  createMemoryDatabase,
  growthRoomFor,
  isMemoryDatabase,
  readDatabaseFile,
} from '../../../../../electron/engine/workspace/memory-database.ts';
import { createTempDir } from '../../../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

const schema = `
CREATE TABLE records (_rid INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE cell_changes (operation_id INTEGER NOT NULL, rid INTEGER NOT NULL, new TEXT);
CREATE INDEX cell_changes_operation ON cell_changes (operation_id);
PRAGMA user_version = 1;
`;

describe('a database in SQLite memory', () => {
  it('saves a file that a fresh sql.js and the sqlite3 tool open with every row', async () => {
    const db = await createMemoryDatabase();
    expect(isMemoryDatabase(db)).toBe(true);
    db.exec(schema);
    db.run('BEGIN');
    const insert = db.prepare('INSERT INTO records (_rid, name) VALUES (?, ?)');
    for (let rid = 1; rid <= 5000; rid += 1) insert.run([rid, `王小明${rid}`]);
    insert.free();
    db.run('COMMIT');
    const bytes = db.export();
    db.close();
    db.close();

    const SQL = await loadSqlite();
    const fresh = new SQL.Database(bytes);
    expect(fresh.exec('SELECT count(*), max(name) FROM records')[0]?.values[0]).toEqual([
      5000,
      '王小明999',
    ]);
    expect(fresh.exec('PRAGMA integrity_check')[0]?.values[0]?.[0]).toBe('ok');
    fresh.close();

    const path = join(temp.dir, 'memory.dsw');
    await writeFile(path, bytes);
    const cli = execFileSync(
      'sqlite3',
      [path, 'SELECT count(*) FROM records; PRAGMA user_version;'],
      {
        encoding: 'utf8',
      },
    );
    expect(cli.trim().split('\n')).toEqual(['5000', '1']);
  });

  it('copies a file database with its row ids, indexes and schema version', async () => {
    const SQL = await loadSqlite();
    const file = new SQL.Database();
    file.exec(schema);
    file.run("INSERT INTO records (_rid, name) VALUES (3, '李小红'), (7, '张三')");
    file.run("INSERT INTO cell_changes VALUES (1, 3, 'a'), (1, 7, 'b'), (2, 3, 'c')");
    file.run('DELETE FROM cell_changes WHERE new = ?', ['a']);
    const memory = await copyIntoMemory(file);
    expect(isMemoryDatabase(file)).toBe(false);
    file.close();

    expect(isMemoryDatabase(memory)).toBe(true);
    expect(memory.exec('SELECT _rid, name FROM records ORDER BY _rid')[0]?.values).toEqual([
      [3, '李小红'],
      [7, '张三'],
    ]);
    expect(memory.exec('SELECT rowid, new FROM cell_changes ORDER BY rowid')[0]?.values).toEqual([
      [2, 'b'],
      [3, 'c'],
    ]);
    expect(
      memory.exec("SELECT name FROM sqlite_schema WHERE type = 'index'")[0]?.values.flat(),
    ).toEqual(['cell_changes_operation']);
    expect(memory.exec('PRAGMA user_version')[0]?.values[0]?.[0]).toBe(1);
    memory.run("INSERT INTO cell_changes VALUES (3, 7, 'd')");
    expect(memory.exec("SELECT rowid FROM cell_changes WHERE new = 'd'")[0]?.values[0]?.[0]).toBe(
      4,
    );
    memory.close();
  });
});

describe('a database file read with room to grow', () => {
  it('opens with every row and grows in place: its pages are written into the bytes read', async () => {
    const SQL = await loadSqlite();
    const made = new SQL.Database();
    made.exec(schema);
    made.run('BEGIN');
    const insert = made.prepare('INSERT INTO records (_rid, name) VALUES (?, ?)');
    for (let rid = 1; rid <= 3000; rid += 1) insert.run([rid, `王小明${rid}`]);
    insert.free();
    made.run('COMMIT');
    const path = join(temp.dir, 'room.dsw');
    await writeFile(path, made.export());
    made.close();

    const bytes = await readDatabaseFile(path);
    const size = bytes.length;
    expect(bytes.buffer.byteLength).toBe(size + growthRoomFor(size));
    const db = new SQL.Database(bytes);
    expect(db.exec('SELECT count(*) FROM records')[0]?.values[0]?.[0]).toBe(3000);
    // Enough new rows to add pages, fewer than the room holds.
    db.run('BEGIN');
    const more = db.prepare('INSERT INTO records (_rid, name) VALUES (?, ?)');
    for (let rid = 3001; rid <= 6000; rid += 1) more.run([rid, `李小红${rid}`]);
    more.free();
    db.run('COMMIT');
    const pages = Number(db.exec('PRAGMA page_count')[0]?.values[0]?.[0]);
    const pageSize = Number(db.exec('PRAGMA page_size')[0]?.values[0]?.[0]);
    expect(pages * pageSize).toBeGreaterThan(size);
    // The pages past the old end are in the buffer read from disk: the file was not copied.
    const grown = new Uint8Array(bytes.buffer, 0, pages * pageSize);
    expect(grown.subarray(size).some((byte) => byte !== 0)).toBe(true);
    expect(db.exec('SELECT count(*), max(_rid) FROM records')[0]?.values[0]).toEqual([6000, 6000]);
    db.close();
    const copy = new SQL.Database(grown.slice());
    expect(copy.exec('SELECT count(*), max(name) FROM records')[0]?.values[0]).toEqual([
      6000,
      '王小明999',
    ]);
    copy.close();
  });
});
