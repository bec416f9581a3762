/**
 * 培训模式's lesson (issue #13): a trainee's own project that starts empty, the department's file
 * shipped with the app, the facts each lesson step is checked against, and 模拟部门修改, the
 * department's corrections written into the exported error workbook (a trainee has no
 * department to send it to).
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createTrainingDepartmentFile,
  trainingFileName,
  trainingProjectFile,
  type TrainingDepartmentFile,
} from '../../../shared/demo/training-department-file.ts';
import { findBundledPack } from '../../../shared/packs/index.ts';
import { err, ok } from '../../../shared/result.ts';
import { locateTrainingResource } from '../demo/training-resource.ts';
import { loadExcelJs } from '../load-exceljs.ts';
import { dataSheetName, provenanceHeaders } from '../package/write-error-workbook.ts';
import type { EngineSession } from './engine-session.ts';
import { type EngineHandlers, writing } from './handler.ts';
import { createProject } from './project-handlers.ts';
import { describeProject } from './project-state.ts';
import { withProject } from './with-project.ts';

let departmentFile: TrainingDepartmentFile | undefined;

/** The department's file as the generator makes it (the shipped xlsx holds the same rows). */
function trainingFile(): TrainingDepartmentFile {
  const pack = findBundledPack('pop-base');
  if (pack === undefined) throw new Error('pop-base is bundled');
  departmentFile ??= createTrainingDepartmentFile(pack);
  return departmentFile;
}

/** Whether a file exists. */
async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Copies the shipped file into the training folder (once) and lets the UI use it. */
async function offerTrainingFile(session: EngineSession) {
  const folder = join(session.config.dataDir, 'training');
  await mkdir(folder, { recursive: true });
  const path = join(folder, trainingFileName);
  if (!(await exists(path))) await copyFile(locateTrainingResource(), path);
  return session.registerFile(path, trainingFileName);
}

/** The handlers of the training channels. */
export const trainingHandlers: Pick<
  EngineHandlers,
  'training:start' | 'training:file' | 'training:facts' | 'training:department-fixes'
> = {
  'training:start': writing(
    { zh: '开始培训课程', en: 'starting the lesson' },
    async (input, session) => {
      const file = trainingProjectFile(input.trainee);
      const path = join(session.config.dataDir, 'training', file);
      if (input.reset !== true && (await exists(path))) {
        return err(
          'training-exists',
          `学员「${input.trainee}」已有培训项目。要接着练，请在“最近的项目”中打开它；要从头开始，请确认重置（该项目里的练习会全部清空）。`,
          `${input.trainee} already has a training project. To go on, open it under Recent projects; to start over, confirm the reset (all practice in it is cleared).`,
        );
      }
      const created = await createProject(
        session,
        {
          packId: 'pop-base',
          dataset: 'population',
          department: '牡丹区公安分局',
          period: `培训（${input.trainee}）`,
        },
        { file, isTraining: true },
      );
      if (!created.ok) return created;
      const project = session.requireProject();
      return project.ok ? ok(describeProject(project.value, session.config.dataDir)) : project;
    },
  ),

  'training:file': async (_input, session) => offerTrainingFile(session),

  'training:facts': withProject(async (_input, project, session) => {
    const { workspace } = project;
    const records = workspace.countRecords();
    const unmappedFields = workspace.dataset.fields
      .filter(
        (field) =>
          records === 0 ||
          workspace.countRecordsWhere({ columns: [{ field: field.name, values: [''] }] }) ===
            records,
      )
      .map((field) => field.title);
    return ok({
      fileRecords: trainingFile().records,
      importedRecords: workspace
        .sources()
        .filter((s) => s.isActive && s.file === trainingFileName)
        .reduce((sum, s) => sum + s.rows, 0),
      unmappedFields,
      idErrors: records === 0 ? 0 : workspace.countRecordsWhere({ field: 'GMSFHM' }),
      operations: workspace
        .history()
        .filter((o) => o.state === 'done' && o.kind !== 'create')
        .map((o) => ({ id: o.id, kind: o.kind })),
      errorWorkbook: session.latestDownload('error-workbook')?.downloadId ?? null,
      packageName: session.lastPackage.written?.name ?? null,
    });
  }),

  'training:department-fixes': withProject(async (_input, project, session) => {
    const exported = session.latestDownload('error-workbook');
    if (exported === undefined) {
      return err(
        'no-error-workbook',
        '还没有导出问题数据表：请先在“检查与修正”中点“导出问题数据表”，再模拟部门修改。',
        'No error workbook yet: export it in Check & fix first, then simulate the department’s fixes.',
      );
    }
    const dataset = project.workspace.dataset;
    // The department corrects what it got wrong; it cannot take back a duplicate record, and it
    // writes codes as names, which the mapping's value maps turn into codes at import only.
    const codeFields = new Set(
      dataset.fields.filter((f) => f.constraints?.codeTable !== undefined).map((f) => f.name),
    );
    const corrections = trainingFile().corrections.filter(
      (c) => c.kind !== 'duplicate' && !codeFields.has(c.field),
    );
    const ExcelJS = await loadExcelJs();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(exported.path);
    const sheet = workbook.getWorksheet(dataSheetName);
    if (sheet === undefined) throw new Error('the exported error workbook has its data sheet');
    const columns = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, column) => columns.set(cell.text, column));
    const [, fileHeader, , rowHeader] = provenanceHeaders;
    let corrected = 0;
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      if (row.getCell(columns.get(fileHeader) ?? 0).text !== trainingFileName) return;
      const sheetRow = Number(row.getCell(columns.get(rowHeader) ?? 0).text);
      for (const c of corrections.filter((x) => x.sheetRow === sheetRow)) {
        const title = dataset.fields.find((f) => f.name === c.field)?.title ?? '';
        const column = columns.get(title);
        if (column === undefined) continue;
        const cell = row.getCell(column);
        if (cell.text === c.corrected) continue;
        cell.value = c.corrected;
        corrected += 1;
      }
    });
    const name = exported.name.replace(/\.xlsx$/i, '（部门已修改）.xlsx');
    const path = join(await session.workFolder(), `department-fixes-${Date.now()}.xlsx`);
    await workbook.xlsx.writeFile(path);
    const registered = await session.registerFile(path, name);
    return registered.ok ? ok({ ...registered.value, corrected }) : registered;
  }),
};
