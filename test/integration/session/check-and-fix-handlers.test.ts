/**
 * The 检查与修正 channels on the real engine handlers (no browser): issues by rule and field, the
 * distinct bad values of a code field, a value map applied to all alike as one undoable
 * operation and kept in the mapping template so the next import of the layout applies it, and
 * the error workbook exported as a job, fixed, and merged back with its conflict listed.
 */
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Injection } from '../../../shared/demo/demo-data.ts';
import type { Channel, ChannelInput } from '../../../shared/ipc/contract.ts';
import {
  dataSheetName,
  recordIdHeader,
} from '../../../electron/engine/package/write-error-workbook.ts';
import { createFileTestSession } from '../../helpers/engine-session.ts';

const engine = createFileTestSession({ templates: 'temp' });
const { answer, call, jobDone } = engine;
let truth: Injection[];
let csv: string;

async function failure<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<string> {
  const result = await answer(channel, input);
  if (result.ok) throw new Error(`${channel} should have failed`);
  return result.error.code;
}

/** A record's value in a field (records have ids 1.. in file order: one import). */
async function cellOf(rid: number, field: string): Promise<string | null | undefined> {
  const page = await call('records:page', { offset: rid - 1, limit: 1, filter: {} });
  expect(page.rows[0]?.rid).toBe(rid);
  const index = engine.session.project?.workspace.dataset.fields.findIndex((f) => f.name === field);
  return page.rows[0]?.values[index ?? -1];
}

/** Every record's value in a field, by record id. */
async function allValues(field: string): Promise<Map<number, string | null | undefined>> {
  const index = engine.session.project?.workspace.dataset.fields.findIndex((f) => f.name === field);
  const values = new Map<number, string | null | undefined>();
  for (let offset = 0; ; offset += 1000) {
    const page = await call('records:page', { offset, limit: 1000, filter: {} });
    for (const row of page.rows) values.set(row.rid, row.values[index ?? -1]);
    if (offset + 1000 >= page.total) return values;
  }
}

beforeAll(async () => {
  await call('project:training', {});
  const folder = join(engine.dir, 'data/training');
  const names = await readdir(folder);
  const truthName = names.find((n) => n.endsWith('.truth.json')) as string;
  csv = join(folder, names.find((n) => n.endsWith('.csv')) as string);
  truth = (JSON.parse(await readFile(join(folder, truthName), 'utf8')) as { injected: Injection[] })
    .injected;
});

describe('检查与修正 on the engine handlers', () => {
  it('counts every rule’s issues per field, and the fields add up to the rule', async () => {
    const summary = await call('quality:summary', {});
    const issues = engine.session.project?.workspace.issuesOf() ?? [];
    expect(summary.rules.length).toBeGreaterThan(3);
    for (const rule of summary.rules) {
      const ofRule = issues.filter((i) => i.rule === rule.rule);
      expect(rule.fields.reduce((n, f) => n + f.errors + f.warnings, 0)).toBe(ofRule.length);
      expect(rule.suggestions).toBe(ofRule.filter((i) => i.suggestion !== undefined).length);
      for (const f of rule.fields) {
        const inField = ofRule.filter((i) => i.field === f.field);
        expect(f.errors).toBe(inField.filter((i) => i.severity === 'error').length);
        expect(f.warnings).toBe(inField.filter((i) => i.severity === 'warning').length);
      }
    }
    const codeTable = summary.rules.find((r) => r.rule === 'code-table');
    const mz = truth.filter((i) => i.kind === 'unknown-code' && i.field === 'MZ').length;
    expect(mz).toBeGreaterThan(0);
    expect(codeTable?.fields.find((f) => f.field === 'MZ')?.errors).toBe(mz);
  });

  it('批量替换 replaces a part of a cell (包含), counts the cells first, and undoes exactly', async () => {
    const before = await allValues('HJDZ');
    const find = '牡丹区';
    const replacement = '牡丹区（菏泽）';
    const expected = [...before].filter(([, v]) => v?.includes(find) === true);
    expect(expected.length).toBeGreaterThan(10);
    const historyBefore = await call('history:list', {});
    const preview = await call('edit:replace-preview', {
      field: 'HJDZ',
      find,
      replacement,
      match: 'contains',
    });
    expect(preview.count).toBe(expected.length);
    // The preview is a read: nothing changed, nothing recorded.
    expect(await call('history:list', {})).toEqual(historyBefore);
    expect(await allValues('HJDZ')).toEqual(before);

    const replaced = await call('edit:replace', {
      field: 'HJDZ',
      find,
      replacement,
      match: 'contains',
    });
    expect(replaced.count).toBe(expected.length);
    const after = await allValues('HJDZ');
    for (const [rid, value] of before) {
      expect(after.get(rid)).toBe(value?.replaceAll(find, replacement) ?? null);
    }
    const history = await call('history:list', {});
    expect(history).toHaveLength(historyBefore.length + 1);
    expect(history.at(-1)).toMatchObject({ kind: 'bulk-replace', state: 'done' });

    await call('history:undo', {});
    expect(await allValues('HJDZ')).toEqual(before);
  });

  it('批量替换 整个单元格 changes only cells equal to the text, and a part does not match', async () => {
    const before = await allValues('HJDZ');
    const whole = before.get(1) as string;
    const same = [...before].filter(([, v]) => v === whole).map(([rid]) => rid);
    expect(same.length).toBeGreaterThan(0);
    const part = whole.slice(0, 6);
    expect(
      (
        await call('edit:replace-preview', {
          field: 'HJDZ',
          find: part,
          replacement: 'x',
          match: 'cell',
        })
      ).count,
    ).toBe(0);
    const preview = await call('edit:replace-preview', {
      field: 'HJDZ',
      find: whole,
      replacement: '已搬迁',
      match: 'cell',
    });
    expect(preview.count).toBe(same.length);
    const replaced = await call('edit:replace', {
      field: 'HJDZ',
      find: whole,
      replacement: '已搬迁',
      match: 'cell',
    });
    expect(replaced.count).toBe(same.length);
    const after = await allValues('HJDZ');
    for (const [rid, value] of before)
      expect(after.get(rid)).toBe(same.includes(rid) ? '已搬迁' : value);
    await call('history:undo', {});
    expect(await allValues('HJDZ')).toEqual(before);
  });

  it('批量替换 with nothing to replace records no operation', async () => {
    const historyBefore = await call('history:list', {});
    const stateBefore = await call('project:state', {});
    for (const match of ['contains', 'cell'] as const) {
      const input = { field: 'HJDZ', find: '锦绣华城', replacement: '锦绣华城小区', match };
      expect((await call('edit:replace-preview', input)).count).toBe(0);
      const replaced = await call('edit:replace', input);
      expect(replaced.count).toBe(0);
      expect(replaced.state).toEqual(stateBefore);
    }
    // A replacement that changes nothing (the same text) is nothing to replace either.
    const same = {
      field: 'HJDZ',
      find: '牡丹区',
      replacement: '牡丹区',
      match: 'contains',
    } as const;
    expect((await call('edit:replace-preview', same)).count).toBe(0);
    expect((await call('edit:replace', same)).count).toBe(0);
    expect(await call('history:list', {})).toEqual(historyBefore);
  });

  it('lists the distinct bad values of a code field with their counts', async () => {
    const bad = truth.filter((i) => i.kind === 'unknown-code' && i.field === 'MZ');
    const { values, distinct } = await call('issues:values', { rule: 'code-table', field: 'MZ' });
    expect(distinct).toBe(new Set(bad.map((i) => i.value)).size);
    expect(values).toContainEqual(
      expect.objectContaining({
        value: bad[0]?.value,
        count: bad.filter((i) => i.value === bad[0]?.value).length,
      }),
    );
  });

  it('refuses a value map to a code the field’s code table does not have', async () => {
    expect(
      await failure('edit:apply-value-map', {
        field: 'MZ',
        map: { 穿青人: '99' },
        shouldSaveTemplate: false,
      }),
    ).toBe('code-not-allowed');
    expect(
      await failure('edit:apply-value-map', {
        field: 'XM',
        map: { 张三: '01' },
        shouldSaveTemplate: false,
      }),
    ).toBe('not-a-code-field');
  });

  it('applies a value map to all alike as one undoable operation and keeps it in the template', async () => {
    const bad = truth.filter((i) => i.kind === 'unknown-code' && i.field === 'MZ');
    const value = bad[0]?.value as string;
    const alike = bad.filter((i) => i.value === value);
    const before = await call('project:state', {});
    const applied = await call('edit:apply-value-map', {
      field: 'MZ',
      map: { [value]: '97' },
      shouldSaveTemplate: true,
    });
    expect(applied.count).toBe(alike.length);
    expect(applied.state.errors).toBe(before.errors - alike.length);
    expect(applied.templates).toEqual([
      { name: expect.stringContaining('人口基础信息'), isNew: true },
    ]);
    const history = await call('history:list', {});
    expect(history.at(-1)).toMatchObject({ kind: 'mapping-change', state: 'done' });
    for (const injection of alike) expect(await cellOf(injection.row, 'MZ')).toBe('97');

    const undone = await call('history:undo', {});
    expect(undone.state.errors).toBe(before.errors);
    const redone = await call('history:redo', {});
    expect(redone.state.errors).toBe(before.errors - alike.length);

    // The template of the training file's layout now maps the value, so importing the same
    // file into a new project gives the code at once.
    const stored = await readdir(join(engine.dir, 'templates'), { recursive: true });
    const templateFile = stored.find((name) => name.endsWith('.json')) as string;
    const template = JSON.parse(
      await readFile(join(engine.dir, 'templates', templateFile), 'utf8'),
    ) as { mapping: { valueMaps: Record<string, Record<string, string>> } };
    expect(template.mapping.valueMaps.MZ?.[value]).toBe('97');

    const training = engine.session.project;
    await call('project:create', {
      packId: 'pop-base',
      dataset: 'population',
      department: training?.workspace.info.department ?? '',
      period: '复核',
    });
    const file = await engine.session.registerFile(csv, 'again.csv');
    if (!file.ok) throw new Error(file.error.message.en);
    const { jobId } = await call('project:import', { sources: [{ fileId: file.value.fileId }] });
    expect((await jobDone(jobId)).ok).toBe(true);
    const again = await call('quality:summary', {});
    expect(
      again.rules.find((r) => r.rule === 'code-table')?.fields.find((f) => f.field === 'MZ')
        ?.errors ?? 0,
    ).toBe(bad.length - alike.length);
    for (const injection of alike) expect(await cellOf(injection.row, 'MZ')).toBe('97');
  });

  it('exports the error workbook as a job and merges a fixed copy back, listing the conflict', async () => {
    // Back to a fresh training project (the previous test left a re-import open).
    await call('project:training', {});
    const started = await call('errors:export', {});
    expect(started.name).toMatch(/^问题数据表_人口基础信息_.*\.xlsx$/);
    expect((await jobDone(started.jobId)).ok).toBe(true);
    const download = engine.session.download(started.downloadId);
    if (!download.ok) throw new Error('the export is offered');

    const fixes = truth.filter((i) => i.kind === 'bad-checksum').slice(0, 3);
    expect(fixes).toHaveLength(3);
    const [first, second, third] = fixes as [Injection, Injection, Injection];
    // The project changes the third cell after the export: the department's fix conflicts.
    await call('edit:cell', { rid: third.row, field: third.field, value: '11010519491231002X' });
    const before = await call('project:state', {});

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(download.value.path);
    const sheet = workbook.getWorksheet(dataSheetName) as ExcelJS.Worksheet;
    const columns = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, column) => columns.set(String(cell.value), column));
    const idColumn = columns.get('公民身份号码') as number;
    // One row's record id is rewritten as hex: it is not merged, and the report lists it.
    let forged: { row: number; recordId: string } | undefined;
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const ridCell = row.getCell(columns.get(recordIdHeader) as number);
      const rid = Number(ridCell.value);
      const fix = fixes.find((f) => f.row === rid);
      if (fix !== undefined) row.getCell(idColumn).value = fix.original;
      else if (forged === undefined) {
        forged = { row: number, recordId: `0x${rid.toString(16)}` };
        ridCell.value = forged.recordId;
      }
    });
    const fixed = join(engine.dir, 'fixed.xlsx');
    await workbook.xlsx.writeFile(fixed);
    const copy = join(engine.dir, '部门改好的.xlsx');
    await copyFile(fixed, copy);
    const file = await engine.session.registerFile(copy, '部门改好的.xlsx');
    if (!file.ok) throw new Error(file.error.message.en);

    const merging = await call('errors:merge', { fileId: file.value.fileId });
    expect((await jobDone(merging.jobId)).ok).toBe(true);
    const report = await call('errors:last-merge', {});
    expect(report).toMatchObject({
      file: '部门改好的.xlsx',
      applied: 2,
      conflictCount: 1,
      conflicts: [
        {
          rid: third.row,
          field: 'GMSFHM',
          base: third.value,
          theirs: third.original,
          ours: '11010519491231002X',
        },
      ],
      before: { errors: before.errors },
      after: { errors: before.errors - 2 },
      unreadableRows: [forged],
    });
    expect(report?.operationId).toBeGreaterThan(0);
    const after = await call('project:state', {});
    expect(after.errors).toBe(before.errors - 2);
    const history = await call('history:list', {});
    expect(history.at(-1)).toMatchObject({ kind: 'merge', state: 'done' });
    const undone = await call('history:undo', {});
    expect(undone.summary).toContain('合并问题数据表');
    expect(undone.state.errors).toBe(before.errors);
    expect(await cellOf(first.row, 'GMSFHM')).toBe(first.value);
    const redone = await call('history:redo', {});
    expect(redone.state.errors).toBe(before.errors - 2);
    expect(await cellOf(first.row, 'GMSFHM')).toBe(first.original);
    expect(await cellOf(second.row, 'GMSFHM')).toBe(second.original);
    expect(await cellOf(third.row, 'GMSFHM')).toBe('11010519491231002X');
  });

  it('removes the exported workbook when the project closes', async () => {
    const started = await call('errors:export', {});
    await jobDone(started.jobId);
    const download = engine.session.download(started.downloadId);
    if (!download.ok) throw new Error('the export is offered');
    await call('project:close', {});
    expect(engine.session.download(started.downloadId).ok).toBe(false);
    await expect(readFile(download.value.path)).rejects.toThrow();
  });
});
