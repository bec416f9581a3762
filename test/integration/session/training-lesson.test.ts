/**
 * 培训模式's lesson on the real engine handlers: a trainee's project starts empty (导入 and 映射
 * still to do) from the department's file shipped with the app, each trainee has their own
 * project, a second start of the same trainee is refused until the reset is confirmed, and the
 * facts the lesson checks follow what the trainee did: the import, the mapping, the error
 * workbook, 模拟部门修改 merged back.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import {
  createTrainingDepartmentFile,
  trainingFileName,
} from '../../../shared/demo/training-department-file.ts';
import { findBundledPack } from '../../../shared/packs/index.ts';
import { locateTrainingResource } from '../../../electron/engine/demo/training-resource.ts';
import { serializeTrainingFile } from '../../../scripts/write-training-file.ts';
import { createFileTestSession } from '../../helpers/engine-session.ts';

const engine = createFileTestSession({ templates: 'temp' });
const { answer, call, jobDone } = engine;

/** Picks the shipped file in 导入, maps it (家庭编号 to 户号 by hand when `fixMapping`) and imports it. */
async function importDepartmentFile(fixMapping: boolean) {
  const file = await call('training:file', {});
  const inspected = await call('import:inspect', { fileId: file.fileId });
  const sheet = inspected.sheets[0];
  if (sheet === undefined) throw new Error('the department’s file has a sheet');
  const source = { fileId: file.fileId, sheet: sheet.name, headerRow: sheet.headerRow };
  const suggested = await call('mapping:suggest', { source, ignoreTemplates: true });
  const mapping = fixMapping
    ? {
        ...suggested.mapping,
        fields: {
          ...suggested.mapping.fields,
          HH: { source: { kind: 'column' as const, column: '家庭编号' } },
        },
      }
    : suggested.mapping;
  const job = await call('project:import', { sources: [source], mapping });
  const ended = await jobDone(job.jobId);
  expect(ended.ok, ended.message.en).toBe(true);
  return { file, sheet, suggested };
}

describe('the training lesson on the engine', () => {
  it('ships the department’s file the demo generator makes: title rows, codes as names, mangled IDs, a footer', async () => {
    const pack = findBundledPack('pop-base');
    if (pack === undefined) throw new Error('pop-base is bundled');
    const expected = createTrainingDepartmentFile(pack);
    const shipped = XLSX.read(await readFile(locateTrainingResource()), { dense: true });
    const rows = XLSX.utils.sheet_to_json<string[]>(shipped.Sheets[expected.sheetName] ?? {}, {
      header: 1,
      raw: false,
      defval: '',
    });
    expect(rows).toEqual(expected.rows.map((row) => [...row]));
    // The script that wrote it writes the same cells today.
    const again = XLSX.read(serializeTrainingFile(), { dense: true });
    expect(
      XLSX.utils.sheet_to_json(again.Sheets[expected.sheetName] ?? {}, { header: 1, raw: false }),
    ).toEqual(
      XLSX.utils.sheet_to_json(shipped.Sheets[expected.sheetName] ?? {}, { header: 1, raw: false }),
    );
    const ids = rows.slice(expected.headerRow).map((row) => row[0] ?? '');
    expect(ids.some((id) => /E\+/.test(id))).toBe(true);
    expect(rows.slice(expected.headerRow).some((row) => row[2] === '男')).toBe(true);
    expect(rows.at(-1)?.[0]).toContain('填表人');
  });

  it('starts a trainee’s project with nothing imported or mapped yet', async () => {
    const state = await call('training:start', { trainee: '张三' });
    expect(state).toMatchObject({ isTraining: true, records: 0, name: '培训-张三', sources: [] });
    expect(state.period).toBe('培训（张三）');
    const facts = await call('training:facts', {});
    expect(facts.importedRecords).toBe(0);
    expect(facts.operations.map((o) => o.kind)).toEqual([]);
    expect(facts.unmappedFields).toContain('公民身份号码');
  });

  it('imports the shipped file: header below the title rows, footer dropped, one column left to map', async () => {
    const { file, sheet, suggested } = await importDepartmentFile(false);
    expect(file.name).toBe(trainingFileName);
    expect(await readFile(join(engine.dir, 'data/training', trainingFileName))).toEqual(
      await readFile(locateTrainingResource()),
    );
    expect(sheet.headerRow).toBe(3);
    expect(sheet.footerRows.length).toBe(2);
    expect(suggested.columns.find((c) => c.column === '家庭编号')?.field).toBeNull();
    const facts = await call('training:facts', {});
    expect(facts.importedRecords).toBe(facts.fileRecords);
    expect(facts.fileRecords).toBe(200);
    expect(facts.unmappedFields).toEqual(['户号']);
    expect(facts.idErrors).toBeGreaterThan(0);
    // The mapping fixed (家庭编号 -> 户号): the lesson's step 2 is done.
    await call('history:undo', {});
    await importDepartmentFile(true);
    const fixed = await call('training:facts', {});
    expect(fixed.unmappedFields).toEqual([]);
    expect(fixed.importedRecords).toBe(200);
  });

  it('merges the department’s fixes (模拟部门修改) into the exported error workbook', async () => {
    const before = await call('training:facts', {});
    expect(before.errorWorkbook).toBeNull();
    expect(await answer('training:department-fixes', {})).toMatchObject({
      ok: false,
      error: { code: 'no-error-workbook' },
    });
    const exported = await call('errors:export', {});
    await jobDone(exported.jobId);
    expect((await call('training:facts', {})).errorWorkbook).toBe(exported.downloadId);
    const fixes = await call('training:department-fixes', {});
    expect(fixes.corrected).toBeGreaterThan(5);
    expect(fixes.name).toMatch(/（部门已修改）\.xlsx$/);
    const merge = await call('errors:merge', { fileId: fixes.fileId });
    expect((await jobDone(merge.jobId)).ok).toBe(true);
    const after = await call('training:facts', {});
    expect(after.operations.at(-1)?.kind).toBe('merge');
    expect(after.idErrors).toBeLessThan(before.idErrors);
  });

  it('gives each trainee their own project, and refuses to reset one until asked to', async () => {
    await call('training:start', { trainee: '李四' });
    const list = await call('project:list', {});
    expect(
      list
        .filter((p) => p.isTraining)
        .map((p) => p.name)
        .sort(),
    ).toEqual(['培训-张三', '培训-李四']);
    const again = await answer('training:start', { trainee: '张三' });
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.error.code).toBe('training-exists');
    expect(again.error.message.zh).toContain('张三');
    // 张三's practice is still there.
    const opened = await call('project:open', { projectId: 'training/培训-张三.dsw' });
    expect(opened.records).toBe(200);
    const reset = await call('training:start', { trainee: '张三', reset: true });
    expect(reset.records).toBe(0);
    expect(reset.canUndo).toBe(false);
  });
});
