/**
 * The project workspace on real demo data: what goes in is stored exactly, issues are stored
 * with the rows, edits are operations that undo and redo, also after the project is reopened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const reopen = async (path: string): Promise<Workspace> => {
  const opened = await Workspace.open(path);
  if (!opened.ok) throw new Error(opened.error.message.en);
  return opened.value;
};

describe('a project made from demo data', () => {
  it('stores every record and exactly the issues validation finds, and reopens the same', async () => {
    const { workspace, truth, path } = await createDemoWorkspace(temp.dir, {
      rows: 1500,
      seed: 11,
      errorRate: 0.2,
      name: 'store',
    });
    expect(workspace.countRecords()).toBe(1500);
    const stored = workspace.issuesOf().map((i) => `${i.row} ${i.field} ${i.rule} ${i.severity}`);
    const injected = truth.injected.map((i) => `${i.row} ${i.field} ${i.rule} ${i.severity}`);
    expect(stored.sort()).toEqual(injected.sort());
    await workspace.close();

    const again = await reopen(path);
    expect(again.countRecords()).toBe(1500);
    expect(again.issuesOf()).toHaveLength(injected.length);
    expect(again.info).toMatchObject({
      packId: 'pop-base',
      dataset: 'population',
      department: '牡丹区公安分局',
    });
    const source = again.sourceOf(1);
    expect(source).toMatchObject({ file: 'store.csv', sourceRow: 2 });
    expect(again.pageRecords(0, 1)[0]?.values[0]).toBe(source?.cells[0]);
    await again.close();
  });

  it('fixes a bad ID by a cell edit, and undoes and redoes it exactly, across reopen', async () => {
    const { workspace, truth, path } = await createDemoWorkspace(temp.dir, {
      rows: 800,
      seed: 12,
      errorRate: 0.3,
      name: 'edit',
    });
    const bad = truth.injected.find((i) => i.kind === 'bad-checksum');
    if (bad === undefined) throw new Error('seed 12 injects a bad checksum');
    const fixed = await workspace.editCell(bad.row, 'GMSFHM', bad.original, {
      who: '王科员',
      why: '核对户籍原件',
      context,
    });
    expect(fixed.ok).toBe(true);
    expect(workspace.issuesOf({ rids: [bad.row] })).toEqual([]);
    await workspace.close();

    const reopened = await reopen(path);
    expect(reopened.history().at(-1)).toMatchObject({
      kind: 'cell-edit',
      who: '王科员',
      why: '核对户籍原件',
      state: 'done',
    });
    const undone = await reopened.undo(context);
    expect(undone.ok && undone.value.kind).toBe('cell-edit');
    expect(reopened.pageRecords(bad.row - 1, 1)[0]?.values[0]).toBe(bad.value);
    expect(reopened.issuesOf({ rids: [bad.row] }).map((i) => i.rule)).toEqual(['resident-id']);
    await reopened.close();

    const third = await reopen(path);
    const redone = await third.redo(context);
    expect(redone.ok).toBe(true);
    expect(third.pageRecords(bad.row - 1, 1)[0]?.values[0]).toBe(bad.original);
    expect(third.issuesOf({ rids: [bad.row] })).toEqual([]);
    expect(third.sourceOf(bad.row)?.cells[0]).toBe(bad.value);
    await third.close();
  });

  it('applies every full-width suggestion in one operation, and one undo puts every value back', async () => {
    const { workspace, truth } = await createDemoWorkspace(temp.dir, {
      rows: 2000,
      seed: 13,
      errorRate: 0.3,
      name: 'bulk',
    });
    const fullWidth = truth.injected.filter((i) => i.kind === 'full-width');
    expect(fullWidth.length).toBeGreaterThan(5);
    const applied = await workspace.applySuggestions(
      { rule: 'full-width' },
      { who: '王科员', context },
    );
    expect(applied.ok && applied.value.count).toBe(fullWidth.length);
    for (const injection of fullWidth) {
      expect(workspace.pageRecords(injection.row - 1, 1)[0]?.values[0]).toBe(injection.original);
      expect(workspace.issuesOf({ rids: [injection.row] })).toEqual([]);
    }
    await workspace.undo(context);
    for (const injection of fullWidth) {
      expect(workspace.pageRecords(injection.row - 1, 1)[0]?.values[0]).toBe(injection.value);
    }
    expect(workspace.issuesOf().filter((i) => i.rule === 'full-width')).toHaveLength(
      fullWidth.length,
    );
    await workspace.close();
  });

  it('clears a duplicate on the later record when the earlier one is corrected', async () => {
    const { workspace, truth } = await createDemoWorkspace(temp.dir, {
      rows: 3000,
      seed: 14,
      errorRate: 0.3,
      name: 'dup',
    });
    const duplicate = truth.injected.find((i) => i.kind === 'duplicate');
    if (duplicate === undefined) throw new Error('seed 14 injects a duplicate');
    const first = Number(
      /第 (\d+) 条/.exec(workspace.issuesOf({ rids: [duplicate.row] })[0]?.message.zh ?? '')?.[1],
    );
    expect(first).toBeLessThan(duplicate.row);
    await workspace.editCell(first, 'GMSFHM', '', { context });
    expect(workspace.issuesOf({ rids: [duplicate.row] })).toEqual([]);
    expect(workspace.issuesOf({ rids: [first] }).map((i) => i.rule)).toEqual(['required']);
    await workspace.undo(context);
    expect(workspace.issuesOf({ rids: [duplicate.row] }).map((i) => i.rule)).toEqual(['unique']);
    await workspace.close();
  });

  it('replaces a value throughout a field, pages the records with issues, and undoes an import', async () => {
    const { workspace } = await createDemoWorkspace(temp.dir, {
      rows: 600,
      seed: 15,
      errorRate: 0.3,
      name: 'replace',
    });
    const withIssues = workspace.pageRecords(0, 1000, { withIssues: true });
    expect(withIssues.length).toBe(new Set(workspace.issuesOf().map((i) => i.row)).size);
    const replaced = await workspace.replaceInField('HYZK', '同居', '未婚', 'cell', {
      context,
    });
    expect(replaced.ok && replaced.value.count).toBeGreaterThan(0);
    expect(
      workspace.issuesOf().filter((i) => i.rule === 'code-table' && i.field === 'HYZK'),
    ).toEqual([]);
    await workspace.undo(context);
    await workspace.undo(context);
    expect(workspace.countRecords()).toBe(0);
    expect(workspace.issuesOf()).toEqual([]);
    await workspace.redo(context);
    expect(workspace.countRecords()).toBe(600);
    await workspace.close();
  });
});

describe('the quality summary', () => {
  it('keeps its filled counts exact through edits, undo and redo, as a fresh count finds them', async () => {
    const { workspace, path } = await createDemoWorkspace(temp.dir, {
      rows: 300,
      seed: 21,
      errorRate: 0.2,
      name: 'summary',
    });
    const filledOf = async (w: Workspace, field: string): Promise<number> => {
      const summary = await w.qualitySummary();
      if (!summary.ok) throw new Error(summary.error.message.en);
      return summary.value.fields.find((f) => f.name === field)?.filled ?? NaN;
    };
    const first = await workspace.qualitySummary();
    expect(first.ok && first.value.records).toBe(300);
    const before = await filledOf(workspace, 'XM');
    const [record] = workspace.pageRecords(0, 1);
    const nameAt = workspace.dataset.fields.findIndex((f) => f.name === 'XM');
    expect(record?.values[nameAt]).not.toBe('');
    await workspace.editCell(record?.rid ?? 0, 'XM', '', { context });
    expect(await filledOf(workspace, 'XM')).toBe(before - 1);
    await workspace.editCell(record?.rid ?? 0, 'XM', '张三', { context });
    expect(await filledOf(workspace, 'XM')).toBe(before);
    await workspace.undo(context);
    expect(await filledOf(workspace, 'XM')).toBe(before - 1);
    await workspace.redo(context);
    await workspace.undo(context);
    const kept = await workspace.qualitySummary();
    await workspace.close();
    const reopened = await reopen(path);
    expect(await reopened.qualitySummary()).toEqual(kept);
    expect(await filledOf(reopened, 'XM')).toBe(before - 1);
    // The first edit undone puts the name back; the import undone takes its records out.
    await reopened.undo(context);
    expect(await filledOf(reopened, 'XM')).toBe(before);
    await reopened.undo(context);
    const empty = await reopened.qualitySummary();
    expect(empty.ok && empty.value.records).toBe(0);
    expect(empty.ok && empty.value.fields.every((f) => f.filled === 0)).toBe(true);
    await reopened.close();
  });
  it('keeps its error and warning counts exact through edits, undo and redo, as a fresh count finds them', async () => {
    const { workspace, path } = await createDemoWorkspace(temp.dir, {
      rows: 300,
      seed: 22,
      errorRate: 0.3,
      name: 'tally',
    });
    // What a fresh scan of every stored issue finds.
    const counted = (): { errors: number; warnings: number } => {
      const fresh = { errors: 0, warnings: 0 };
      for (const issue of workspace.issuesOf()) {
        if (issue.severity === 'error') fresh.errors += 1;
        else fresh.warnings += 1;
      }
      return fresh;
    };
    const start = workspace.issueCounts();
    expect(start).toEqual(counted());
    expect(start.errors).toBeGreaterThan(0);
    const [bad] = workspace.pageRecords(0, 1, { withIssues: true });
    const idAt = workspace.dataset.fields.findIndex((f) => f.name === 'GMSFHM');
    const idIssue = workspace
      .issuesOf({ rids: [bad?.rid ?? 0] })
      .find((issue) => issue.field === 'GMSFHM');
    const field = idIssue === undefined ? 'XM' : 'GMSFHM';
    await workspace.editCell(bad?.rid ?? 0, field, '', { context });
    const afterEdit = workspace.issueCounts();
    expect(afterEdit).toEqual(counted());
    await workspace.editCell(bad?.rid ?? 0, 'GMSFHM', String(bad?.values[idAt] ?? ''), { context });
    expect(workspace.issueCounts()).toEqual(counted());
    await workspace.undo(context);
    expect(workspace.issueCounts()).toEqual(afterEdit);
    await workspace.redo(context);
    await workspace.undo(context);
    await workspace.undo(context);
    expect(workspace.issueCounts()).toEqual(start);
    expect(workspace.issueCounts()).toEqual(counted());
    await workspace.close();
    const reopened = await reopen(path);
    expect(reopened.issueCounts()).toEqual(start);
    await reopened.close();
  });
});

describe('the project lock', () => {
  it('refuses a second opener while the project is open, and frees it on close', async () => {
    const { workspace, path } = await createDemoWorkspace(temp.dir, {
      rows: 10,
      seed: 16,
      errorRate: 0,
      name: 'lock',
    });
    const second = await Workspace.open(path);
    expect(second.ok).toBe(false);
    expect(!second.ok && second.error.code).toBe('project-locked');
    expect(!second.ok && second.error.message.zh).toContain('项目已在另一个窗口或程序中打开');
    await workspace.close();
    const third = await reopen(path);
    await third.close();
  });
});

describe('exemptions, exclusions and the audit trail', () => {
  it('records them as operations that undo like any other, and the audit lists the cells in force', async () => {
    const { workspace, truth } = await createDemoWorkspace(temp.dir, {
      rows: 500,
      seed: 17,
      errorRate: 0.3,
      name: 'policy',
    });
    const refused = await workspace.addExemption(
      { rule: 'code-table', reason: ' ', reviewer: '李科长' },
      {},
    );
    expect(!refused.ok && refused.error.code).toBe('exemption-incomplete');
    await workspace.addExemption(
      { rule: 'code-table', field: 'MZ', reason: '穿青人待民委认定', reviewer: '李科长' },
      { who: '王科员' },
    );
    expect(workspace.exemptions()).toMatchObject([
      { rule: 'code-table', field: 'MZ', reason: '穿青人待民委认定', reviewer: '李科长' },
    ]);
    await workspace.excludeRecords([1, 2], { who: '王科员', why: '已迁出' });
    expect([...workspace.excludedRecords()]).toEqual([1, 2]);
    const bad = truth.injected.find((i) => i.kind === 'bad-checksum');
    if (bad === undefined) throw new Error('seed 17 injects a bad checksum');
    await workspace.editCell(bad.row, 'GMSFHM', bad.original, {
      who: '王科员',
      why: '核对原件',
      context,
    });
    expect(workspace.auditTrail()).toEqual([
      expect.objectContaining({
        kind: 'cell-edit',
        who: '王科员',
        why: '核对原件',
        rid: bad.row,
        field: 'GMSFHM',
        old: bad.value,
        new: bad.original,
      }),
    ]);
    await workspace.undo(context);
    expect(workspace.auditTrail()).toEqual([]);
    await workspace.undo(context);
    expect(workspace.excludedRecords().size).toBe(0);
    await workspace.undo(context);
    expect(workspace.exemptions()).toEqual([]);
    expect(workspace.history().map((op) => [op.kind, op.state])).toEqual([
      ['create', 'done'],
      ['import', 'done'],
      ['exemption', 'undone'],
      ['exclusion', 'undone'],
      ['cell-edit', 'undone'],
    ]);
    await workspace.close();
  });
});
