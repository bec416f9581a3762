/**
 * What 撤销/重做 and the history say of an operation is in the clerk's words (issue #12 item 15):
 * a rule's Chinese name and a field's title, never an internal id such as `full-width`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSqlite } from '../../../electron/engine/workspace/load-sqlite.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { context, createDemoWorkspace } from '../../helpers/open-demo-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

describe('operation summaries', () => {
  it('name rules and fields as the clerk sees them', async () => {
    const { workspace } = await createDemoWorkspace(temp.dir, {
      rows: 800,
      seed: 13,
      errorRate: 0.3,
      name: 'summaries',
    });
    const applied = await workspace.applySuggestions({ rule: 'full-width' }, { context });
    expect(applied.ok).toBe(true);
    const undone = await workspace.undo(context);
    if (!undone.ok) throw new Error(undone.error.message.en);
    expect(undone.value.summary).toMatch(/^对「全角字符」的问题采用建议值（\d+ 处）$/);

    await workspace.addExemption(
      { rule: 'code-table', field: 'MZ', rid: 3, reason: '待民委认定', reviewer: '李科长' },
      {},
    );
    const exemption = workspace.history().at(-1)?.summary ?? '';
    expect(exemption).toBe(
      '豁免「代码不在代码表中」（字段「民族」，第 3 条记录）：待民委认定（审核人：李科长）',
    );
    await workspace.close();
  });

  it('are kept in English too, for English mode, across a reopen', async () => {
    const { workspace, path } = await createDemoWorkspace(temp.dir, {
      rows: 800,
      seed: 14,
      errorRate: 0.3,
      name: 'summaries-en',
    });
    const applied = await workspace.applySuggestions({ rule: 'full-width' }, { context });
    expect(applied.ok).toBe(true);
    const undone = await workspace.undo(context);
    if (!undone.ok) throw new Error(undone.error.message.en);
    expect(undone.value.summaryEn).toMatch(
      /^Applied the suggestions for "[^"]+" \(\d+ cell\(s\)\)$/,
    );
    expect(undone.value.summaryEn).not.toMatch(/[\u4e00-\u9fff]/);
    await workspace.addExemption(
      { rule: 'code-table', field: 'MZ', rid: 3, reason: 'pending', reviewer: 'Li' },
      {},
    );
    await workspace.close();
    const reopened = await Workspace.open(path);
    if (!reopened.ok) throw new Error(reopened.error.message.en);
    const history = reopened.value.history();
    expect(history.map((op) => op.kind)).toEqual([
      'create',
      'import',
      'apply-suggestions',
      'exemption',
    ]);
    expect(history[1]?.summaryEn).toMatch(/^Imported /);
    expect(history[3]?.summaryEn).toMatch(
      /^Exempted "[^"]+" \(field "民族", record 3\): pending \(reviewer: Li\)$/,
    );
    await reopened.value.close();
  });

  it('of a project from before English summaries show the Chinese one, and new ones get both', async () => {
    const { workspace, path } = await createDemoWorkspace(temp.dir, {
      rows: 50,
      seed: 15,
      errorRate: 0,
      name: 'summaries-v1',
    });
    await workspace.close();
    // Make it a version-1 file, as an earlier build wrote it: no summary_en column.
    const SQL = await loadSqlite();
    const db = new SQL.Database(await readFile(path));
    db.exec('ALTER TABLE operations DROP COLUMN summary_en; PRAGMA user_version = 1;');
    await writeFile(path, db.export());
    db.close();
    const reopened = await Workspace.open(path);
    if (!reopened.ok) throw new Error(reopened.error.message.en);
    const [created] = reopened.value.history();
    expect(created?.summaryEn).toBe(created?.summary);
    const edited = await reopened.value.editCell(2, 'XM', '王五', { context });
    expect(edited.ok).toBe(true);
    expect(reopened.value.history().at(-1)?.summaryEn).toBe('Changed "姓名" of record 2 to "王五"');
    await reopened.value.close();
  });
});
