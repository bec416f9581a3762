/**
 * A bulk statement binds a whole batch through SQLite's own bind functions (no sql.js bind per
 * value), and stores every value exactly as sql.js's own statement stores it: texts of any
 * script, empty texts, NULs inside a text, integers, reals; a failure throws SQLite's message.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBatchInsert } from '../../../../../electron/engine/workspace/batch-insert.ts';
import { prepareBulk } from '../../../../../electron/engine/workspace/bulk-statement.ts';
import { loadedSqlite } from '../../../../../electron/engine/workspace/load-sqlite.ts';
import { createMemoryDatabase } from '../../../../../electron/engine/workspace/memory-database.ts';

const row = [
  1,
  '王小明',
  '',
  null,
  'a\u0000b',
  '😀𠀀',
  `it's "quoted"`,
  -7,
  2 ** 40,
  1.5,
  '长'.repeat(10_000),
];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a bulk statement', () => {
  it('stores a batch exactly as sql.js stores it, bound by SQLite itself', async () => {
    const db = await createMemoryDatabase();
    const columns = row.map((_, i) => `c${i}`);
    db.run(`CREATE TABLE bulk (${columns.join(', ')})`);
    db.run(`CREATE TABLE plain (${columns.join(', ')})`);
    const sqlite = loadedSqlite() as unknown as { _sqlite3_bind_text: () => number };
    const bindText = vi.spyOn(sqlite, '_sqlite3_bind_text');
    const marks = columns.map(() => '?').join(', ');
    const bulk = prepareBulk(db, `INSERT INTO bulk VALUES (${marks}), (${marks})`);
    expect(bulk).toBeDefined();
    bulk?.run([...row, ...row.map((value) => (value === 1 ? 2 : value))]);
    bulk?.free();
    expect(bindText).toHaveBeenCalledTimes(12);
    db.run(`INSERT INTO plain VALUES (${marks}), (${marks})`, [
      ...row,
      ...row.map((value) => (value === 1 ? 2 : value)),
    ]);
    const read = (table: string) =>
      db.exec(
        `SELECT ${columns.map((c) => `${c}, typeof(${c}), hex(${c})`).join(', ')} FROM ${table} ORDER BY c0`,
      )[0]?.values;
    expect(read('bulk')).toEqual(read('plain'));
    expect(read('bulk')?.[0]?.slice(0, 3)).toEqual([1, 'integer', '31']);
    db.close();
  });

  it('throws SQLite message when a row breaks a constraint, and stays usable', async () => {
    const db = await createMemoryDatabase();
    db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    const bulk = prepareBulk(db, 'INSERT INTO t VALUES (?, ?), (?, ?)');
    bulk?.run([1, '甲', 2, '乙']);
    expect(() => bulk?.run([3, '丙', 1, '重复'])).toThrow(/UNIQUE constraint failed/);
    bulk?.run([3, '丙', 4, '丁']);
    bulk?.free();
    expect(db.exec('SELECT id, name FROM t ORDER BY id')[0]?.values).toEqual([
      [1, '甲'],
      [2, '乙'],
      [3, '丙'],
      [4, '丁'],
    ]);
    db.close();
  });

  it('is what a checkpointed batched insert writes its full batches with', async () => {
    const db = await createMemoryDatabase();
    db.run('CREATE TABLE records (_rid INTEGER PRIMARY KEY, "XM" TEXT)');
    const sqlite = loadedSqlite() as unknown as { _sqlite3_bind_text: () => number };
    const bindText = vi.spyOn(sqlite, '_sqlite3_bind_text');
    const insert = createBatchInsert(db, 'records', ['_rid', 'XM'], {
      rowsPerStatement: 10,
      isCheckpointed: true,
    });
    for (let rid = 1; rid <= 25; rid += 1) insert.add([rid, `王${rid}`]);
    insert.flush();
    insert.free();
    expect(bindText).toHaveBeenCalledTimes(20);
    expect(db.exec('SELECT count(*), max("XM") FROM records')[0]?.values[0]).toEqual([25, '王9']);
    db.close();
  });
});
