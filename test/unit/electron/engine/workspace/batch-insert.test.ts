/**
 * A batched insert stores every row it is given, in order and exactly (missing values as NULL),
 * whether the rows fill whole statements or end in a part of one.
 */
import { describe, expect, it } from 'vitest';
import { createBatchInsert } from '../../../../../electron/engine/workspace/batch-insert.ts';
import { createMemoryDatabase } from '../../../../../electron/engine/workspace/memory-database.ts';

describe('a batched insert', () => {
  it('stores full batches and the rest, in order, with missing values as NULL', async () => {
    const db = await createMemoryDatabase();
    db.run('CREATE TABLE records (_rid INTEGER PRIMARY KEY, "XM" TEXT, "CSRQ" TEXT)');
    db.run('BEGIN');
    const insert = createBatchInsert(db, 'records', ['_rid', 'XM', 'CSRQ'], {
      rowsPerStatement: 10,
    });
    for (let rid = 1; rid <= 23; rid += 1)
      insert.add([rid, `王'小"明${rid}`, rid % 2 === 0 ? null : '2021-03-05']);
    expect(db.exec('SELECT count(*) FROM records')[0]?.values[0]?.[0]).toBe(20);
    insert.flush();
    insert.free();
    db.run('COMMIT');
    const rows = db.exec('SELECT _rid, "XM", "CSRQ" FROM records ORDER BY rowid')[0]?.values ?? [];
    expect(rows).toHaveLength(23);
    expect(rows[0]).toEqual([1, `王'小"明1`, '2021-03-05']);
    expect(rows[21]).toEqual([22, `王'小"明22`, null]);
    expect(rows.map((row) => row[0])).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    db.close();
  });
});
