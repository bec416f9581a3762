/**
 * The statement recorder: what it notes is exactly what, run again on the same starting
 * database, gives the same database; a rolled-back transaction leaves nothing, reads are not
 * noted, and what it cannot carry (a savepoint, too much) asks for a checkpoint instead.
 */
import { describe, expect, it } from 'vitest';
import { loadSqlite } from '../../../../../electron/engine/workspace/load-sqlite.ts';
import {
  classifySql,
  createRecordingDatabase,
  StatementRecorder,
  type RecordedStatement,
} from '../../../../../electron/engine/workspace/statement-recorder.ts';

async function newDatabase() {
  const SQL = await loadSqlite();
  const db = new SQL.Database();
  db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  return db;
}

function replay(
  db: Awaited<ReturnType<typeof newDatabase>>,
  statements: readonly RecordedStatement[],
): void {
  for (const [kind, sql, params] of statements) {
    if (kind === 'exec' || params === null) db.exec(sql, params ?? undefined);
    else db.run(sql, params);
  }
}

describe('the statement recorder', () => {
  it('notes the writes that replay to the same rows, and drops a rolled-back transaction', async () => {
    const recorder = new StatementRecorder();
    const raw = await newDatabase();
    const db = createRecordingDatabase(raw, recorder);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const row = ['一'];
    insert.run(row);
    row[0] = '二'; // a caller reusing its array must not change what was noted
    insert.run(row);
    insert.free();
    db.exec('BEGIN');
    db.run('UPDATE t SET v = ? WHERE id = ?', ['撤回', 1]);
    db.exec('ROLLBACK');
    db.exec('BEGIN');
    db.run("UPDATE t SET v = v || '改' WHERE id = ?", [2]);
    db.exec('COMMIT');
    expect(db.exec('SELECT count(*) FROM t')[0]?.values).toEqual([[2]]);
    const read = db.prepare('SELECT v FROM t WHERE id = ?');
    read.bind([1]);
    read.step();
    read.free();

    const statements = recorder.take();
    expect(statements).toHaveLength(3);
    const copy = await newDatabase();
    replay(copy, statements ?? []);
    expect(copy.exec('SELECT id, v FROM t ORDER BY id')).toEqual(
      raw.exec('SELECT id, v FROM t ORDER BY id'),
    );
    expect(copy.exec('SELECT id, v FROM t ORDER BY id')[0]?.values).toEqual([
      [1, '一'],
      [2, '二改'],
    ]);
    expect(recorder.take()).toEqual([]);
  });

  it('keeps the statements of a transaction still open for later', async () => {
    const recorder = new StatementRecorder();
    const db = createRecordingDatabase(await newDatabase(), recorder);
    db.run('INSERT INTO t (v) VALUES (?)', ['before']);
    db.exec('BEGIN');
    db.run('INSERT INTO t (v) VALUES (?)', ['inside']);
    expect(recorder.isInTransaction).toBe(true);
    expect(recorder.take()?.map(([, , params]) => params)).toEqual([['before']]);
    db.exec('COMMIT');
    expect(recorder.take()?.map(([, , params]) => params)).toEqual([['inside']]);
  });

  it('asks for a checkpoint for what it cannot carry, until a rollback undoes it', async () => {
    const recorder = new StatementRecorder();
    const db = createRecordingDatabase(await newDatabase(), recorder);
    db.exec('SAVEPOINT s');
    db.exec('RELEASE s');
    expect(recorder.take()).toBeUndefined();
    recorder.reset();
    db.exec('BEGIN');
    recorder.overflow(); // an import starts
    db.exec('ROLLBACK'); // and is cancelled: nothing is left to checkpoint
    expect(recorder.isOverflowed).toBe(false);
  });

  it('tells reads from writes by the first keyword', () => {
    expect(classifySql('  -- note\n SELECT 1')).toBe('read');
    expect(classifySql('PRAGMA user_version')).toBe('read');
    expect(classifySql('PRAGMA user_version = 2')).toBe('write');
    expect(classifySql('/* x */ update t set v = 1')).toBe('write');
    expect(classifySql('ROLLBACK')).toBe('rollback');
    expect(classifySql('ROLLBACK TO s')).toBe('unsupported');
  });
});
