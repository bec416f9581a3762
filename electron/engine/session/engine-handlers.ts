/**
 * What the engine does for each channel of the IPC contract. Inputs arrive already checked
 * against the contract by the host; each handler returns a Result, never throws for bad input.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  PackSummary,
} from '../../../shared/ipc/contract.ts';
import { createDemo } from '../../../shared/demo/create-demo.ts';
import type { Dataset } from '../../../shared/pack/pack-schema.ts';
import { describeRule } from '../../../shared/package/describe-rule.ts';
import { errorWorkbookFileName } from '../../../shared/package/package-file-name.ts';
import { findBundledPack } from '../../../shared/packs/index.ts';
import { suggestValueMap } from '../../../shared/mapping/suggest-value-map.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { cellRules, recordRuleTypes } from '../../../shared/rules/index.ts';
import { resolveCodeTable } from '../../../shared/validate/dataset-validator.ts';
import { writeDemoData } from '../demo/write-demo-data.ts';
import { saveValueMapToTemplates } from '../mapping/save-value-map-to-templates.ts';
import { exportErrorWorkbook } from '../package/export-error-workbook.ts';
import { inferDivision } from '../package/infer-division.ts';
import { mergeErrorWorkbook } from '../package/merge-error-workbook.ts';
import { openZipFile } from '../package/read-zip.ts';
import { readToolVersion } from '../package/tool-version.ts';
import { writePackage } from '../package/write-package.ts';
import { findPack, importPack, listPacks } from '../packs/pack-store.ts';
import { todayIso } from '../today.ts';
import { Workspace } from '../workspace/workspace.ts';
import type { EngineSession } from './engine-session.ts';
import { describeProject } from './project-state.ts';
import type { GateHolder } from './write-gate.ts';
import { importHandlers, importTables } from './import-handlers.ts';
import { templatesDirectory } from '../mapping/template-store.ts';

type Handler<C extends Channel> = (
  input: ChannelInput<C>,
  session: EngineSession,
) => Promise<Result<ChannelOutput<C>>>;

/**
 * A handler whose work changes the project (or which project is open): it waits its turn at the
 * session's write gate, so it never runs while an import or another change is under way.
 */
function writing<C extends Channel>(what: GateHolder, handler: Handler<C>): Handler<C> {
  return (input, session) => session.writes.run(what, () => handler(input, session));
}

/** One handler per channel. */
export type EngineHandlers = { readonly [C in Channel]: Handler<C> };

const context = () => ({ today: todayIso() });

function summarizePack(
  pack: Parameters<typeof resolveCodeTable>[0],
  origin: 'bundled' | 'imported',
): PackSummary {
  return {
    id: pack.id,
    title: pack.title,
    version: pack.version,
    origin,
    ...(pack.description === undefined ? {} : { description: pack.description }),
    datasets: pack.datasets.map((dataset) => ({
      name: dataset.name,
      title: dataset.title,
      fields: dataset.fields.map((field) => ({
        name: field.name,
        title: field.title,
        type: field.type,
        ...(field.format === undefined ? {} : { format: field.format }),
        ...(field.description === undefined ? {} : { description: field.description }),
        isRequired: field.constraints?.required === true,
        isUnique: field.constraints?.unique === true,
        ...(field.constraints?.codeTable === undefined
          ? {}
          : { codeTable: field.constraints.codeTable }),
        ...(field.constraints?.enum === undefined ? {} : { enumValues: field.constraints.enum }),
        ...(field.unit === undefined ? {} : { unit: field.unit }),
        sharing: field.classification.sharing,
        opening: field.classification.opening,
        mask: field.classification.mask,
      })),
      rules: (dataset.rules ?? []).map((rule) => ({
        id: rule.id,
        type: rule.type,
        severity: rule.severity ?? 'error',
        description: rule.description?.zh ?? recordRuleTypes[rule.type].zh,
      })),
    })),
    codeTables: Object.entries(pack.codeTables ?? {}).map(([name, spec]) => ({
      name,
      title: spec.title,
      source: spec.source ?? '',
      size: resolveCodeTable(pack, name).entries.length,
    })),
  };
}

/** Opens a new project in the projects folder and makes it the session's project. */
async function createProject(
  session: EngineSession,
  input: { packId: string; dataset: string; department: string; period: string },
  options: { file?: string; isTraining?: boolean } = {},
): Promise<Result<Workspace>> {
  const pack = await findPack(input.packId);
  if (!pack.ok) return pack;
  const folder = join(
    session.config.dataDir,
    options.isTraining === true ? 'training' : 'projects',
  );
  await mkdir(folder, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const path = join(
    folder,
    options.file ??
      `${input.department}-${input.period}-${stamp}.dsw`.replace(/[\\/:*?"<>|]/g, '_'),
  );
  if (options.isTraining === true) await session.replaceProject(undefined);
  // A training project is replaced, not removed first: create takes its lock before its save
  // renames the new file over the old one, so one open in another window is never deleted.
  const created = await Workspace.create(path, { pack: pack.value, ...input });
  if (!created.ok) return created;
  await session.replaceProject({
    workspace: created.value,
    isTraining: options.isTraining === true,
  });
  return ok(created.value);
}

/** The engine's handlers for every channel. */
export const engineHandlers: EngineHandlers = {
  ...importHandlers,

  async 'app:info'(_input, session) {
    return ok({
      version: session.config.version,
      mode: session.config.mode,
      user: process.env.USER ?? process.env.USERNAME ?? '',
    });
  },

  async 'packs:list'() {
    const { packs } = await listPacks();
    return ok(packs.map(({ pack, origin }) => summarizePack(pack, origin)));
  },

  async 'packs:import'(input, session) {
    const file = session.file(input.fileId);
    if (!file.ok) return file;
    const imported = await importPack(file.value.path, file.value.name);
    if (!imported.ok) return imported;
    const { pack, file: stored, isNew } = imported.value;
    return ok({ pack: summarizePack(pack, 'imported'), file: stored, isNew });
  },

  async 'packs:codes'(input) {
    const pack = await findPack(input.packId);
    if (!pack.ok) return pack;
    if (pack.value.codeTables?.[input.table] === undefined) {
      return err(
        'code-table-not-found',
        `标准包中没有代码表「${input.table}」`,
        `The pack has no code table "${input.table}"`,
      );
    }
    const table = resolveCodeTable(pack.value, input.table);
    return ok(table.entries.map((e) => ({ code: e.code, name: e.name, aliases: [...e.aliases] })));
  },

  async 'files:pick'() {
    return err(
      'pick-in-host',
      '请通过“选择文件”按钮上传文件',
      'Use the file button to upload files',
    );
  },

  'project:create': writing(
    { zh: '新建项目', en: 'creating a project' },
    async (input, session) => {
      const created = await createProject(session, input);
      if (!created.ok) return created;
      const project = session.requireProject();
      return project.ok ? ok(describeProject(project.value, session.config.dataDir)) : project;
    },
  ),

  'project:training': writing(
    { zh: '打开培训项目', en: 'opening the training project' },
    async (input, session) => {
      const pack = findBundledPack('pop-base');
      if (pack === undefined) throw new Error('pop-base is bundled');
      const options = {
        rows: input.rows ?? 2000,
        seed: input.seed ?? 20261126,
        errorRate: 0.08,
        today: todayIso(),
      };
      const generator = createDemo(pack, options);
      if (!generator.ok) return generator;
      const folder = join(session.config.dataDir, 'training');
      await mkdir(folder, { recursive: true });
      const csv = join(folder, `牡丹区人口演示数据-${options.seed}.csv`);
      await writeDemoData(generator.value, options, csv);
      const created = await createProject(
        session,
        { packId: 'pop-base', dataset: 'population', department: '牡丹区（培训）', period: '培训' },
        { file: `培训项目-${options.seed}.dsw`, isTraining: true },
      );
      if (!created.ok) return created;
      const imported = await importTables(created.value, [{ path: csv }], undefined, {
        signal: new AbortController().signal,
        progress: () => undefined,
        templatesDir: templatesDirectory(session.config.dataDir),
      });
      if (!imported.ok) return imported;
      const project = session.requireProject();
      return project.ok ? ok(describeProject(project.value, session.config.dataDir)) : project;
    },
  ),

  async 'project:state'(_input, session) {
    const project = session.requireProject();
    return project.ok ? ok(describeProject(project.value, session.config.dataDir)) : project;
  },

  async 'project:list'(_input, session) {
    const found: { projectId: string; name: string; modifiedAt: string; isTraining: boolean }[] =
      [];
    for (const [folder, isTraining] of [
      ['projects', false],
      ['training', true],
    ] as const) {
      const dir = join(session.config.dataDir, folder);
      let names: string[];
      try {
        names = (await readdir(dir)).filter((name) => name.endsWith('.dsw'));
      } catch {
        continue; // no such folder yet
      }
      for (const name of names) {
        const info = await stat(join(dir, name));
        found.push({
          projectId: `${folder}/${name}`,
          name: name.replace(/\.dsw$/, ''),
          modifiedAt: info.mtime.toISOString(),
          isTraining,
        });
      }
    }
    return ok(found.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt)));
  },

  'project:open': writing({ zh: '打开项目', en: 'opening a project' }, async (input, session) => {
    const match = /^(projects|training)\/([^/\\]+\.dsw)$/.exec(input.projectId);
    if (match === null) return err('project-unknown', '找不到该项目', 'No such project');
    const path = join(session.config.dataDir, match[1] ?? '', match[2] ?? '');
    return openProjectAt(session, path, match[1] === 'training');
  }),

  'project:open-file': writing(
    { zh: '打开项目', en: 'opening a project' },
    async (input, session) => {
      const file = session.file(input.fileId);
      if (!file.ok) return file;
      if (!file.value.path.toLowerCase().endsWith('.dsw')) {
        return err(
          'not-a-project',
          `「${file.value.name}」不是数据归集项目文件（.dsw）`,
          `"${file.value.name}" is not a project file (.dsw)`,
        );
      }
      return openProjectAt(session, file.value.path, false);
    },
  ),

  'project:close': writing(
    { zh: '关闭项目', en: 'closing the project' },
    async (_input, session) => {
      await session.replaceProject(undefined);
      return ok({});
    },
  ),

  async 'records:page'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const { workspace } = project.value;
    const unknown = unknownFieldOf(workspace.dataset, input.filter);
    if (unknown !== undefined) return unknown;
    const rows = workspace.pageRecords(input.offset, input.limit, input.filter);
    const issues = workspace.issuesOf({ rids: rows.map((r) => r.rid) });
    return ok({
      total: workspace.countRecordsWhere(input.filter),
      all: workspace.countRecords(),
      rows: rows.map((r) => ({ rid: r.rid, sourceRow: r.sourceRow, values: [...r.values] })),
      issues,
    });
  },

  async 'records:source'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    return ok(project.value.workspace.sourceOf(input.rid) ?? null);
  },

  // 查找 and 筛选's value list are reads: they never wait for a change to the project.
  async 'records:find'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const { workspace } = project.value;
    const unknown = unknownFieldOf(workspace.dataset, input.filter, input.field);
    if (unknown !== undefined) return unknown;
    return ok(
      workspace.findInView(input.filter, input.text, input.field, input.from, input.direction),
    );
  },

  async 'records:column-values'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const { workspace } = project.value;
    const unknown = unknownFieldOf(workspace.dataset, input.filter, input.field);
    if (unknown !== undefined) return unknown;
    return ok(workspace.columnValues(input.filter, input.field, input.text));
  },

  async 'quality:summary'(_input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const { workspace } = project.value;
    const counted = await workspace.qualitySummary();
    if (!counted.ok) return counted;
    const summary = counted.value;
    const titles = new Map(workspace.dataset.fields.map((f) => [f.name, f.title]));
    const ruleTitle = (rule: string): string => {
      const declared = workspace.dataset.rules?.find((r) => r.id === rule);
      return (
        cellRules[rule]?.zh ??
        declared?.description?.zh ??
        (declared ? recordRuleTypes[declared.type].zh : rule)
      );
    };
    return ok({
      records: summary.records,
      fields: summary.fields.map((f) => ({ ...f, title: titles.get(f.name) ?? f.name })),
      rules: summary.rules.map((r) => ({ ...r, title: ruleTitle(r.rule) })),
    });
  },

  'edit:cell': writing({ zh: '修改单元格', en: 'editing a cell' }, async (input, session) => {
    const project = session.requireProject();
    if (!project.ok) return project;
    const edited = await project.value.workspace.editCell(input.rid, input.field, input.value, {
      ...actor(input),
      context: context(),
    });
    return edited.ok ? ok(describeProject(project.value, session.config.dataDir)) : edited;
  }),

  async 'edit:replace-preview'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    return project.value.workspace.previewReplace(
      input.field,
      input.find,
      input.replacement,
      input.match,
    );
  },

  'edit:replace': writing(
    { zh: '查找替换', en: 'replacing in a field' },
    async (input, session) => {
      const project = session.requireProject();
      if (!project.ok) return project;
      const replaced = await project.value.workspace.replaceInField(
        input.field,
        input.find,
        input.replacement,
        input.match,
        {
          ...actor(input),
          context: context(),
        },
      );
      return replaced.ok
        ? ok({
            count: replaced.value.count,
            state: describeProject(project.value, session.config.dataDir),
          })
        : replaced;
    },
  ),

  'edit:apply-suggestions': writing(
    { zh: '批量采用建议', en: 'applying suggestions' },
    async (input, session) => {
      const project = session.requireProject();
      if (!project.ok) return project;
      const filter =
        input.field === undefined ? { rule: input.rule } : { rule: input.rule, field: input.field };
      const applied = await project.value.workspace.applySuggestions(filter, {
        ...actor(input),
        context: context(),
      });
      return applied.ok
        ? ok({
            count: applied.value.count,
            state: describeProject(project.value, session.config.dataDir),
          })
        : applied;
    },
  ),

  'history:undo': writing({ zh: '撤销', en: 'undoing' }, async (_input, session) => {
    const project = session.requireProject();
    if (!project.ok) return project;
    const undone = await project.value.workspace.undo(context());
    return undone.ok
      ? ok({
          summary: undone.value.summary,
          state: describeProject(project.value, session.config.dataDir),
        })
      : undone;
  }),

  'history:redo': writing({ zh: '重做', en: 'redoing' }, async (_input, session) => {
    const project = session.requireProject();
    if (!project.ok) return project;
    const redone = await project.value.workspace.redo(context());
    return redone.ok
      ? ok({
          summary: redone.value.summary,
          state: describeProject(project.value, session.config.dataDir),
        })
      : redone;
  }),

  async 'history:list'(_input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    return ok(project.value.workspace.history());
  },

  async 'package:write'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const { workspace } = project.value;
    const division = input.division ?? inferDivision(workspace);
    if (division === undefined) {
      return err(
        'division-unknown',
        '无法从数据中判断行政区划，请填写区划代码',
        'The division cannot be read from the data; enter its code',
      );
    }
    const outDir = join(session.config.dataDir, 'packages');
    await mkdir(outDir, { recursive: true });
    const kindName = input.kind === 'share' ? '共享' : '开放';
    return session.startOnlyJob(
      'package',
      { zh: '数据包正在生成，请等待完成', en: 'A package is being written; wait for it to finish' },
      (_signal, progress) =>
        // Packaging reads the whole project across many awaits: it takes its turn at the
        // write gate, so a package never holds half an import or half of a bulk change.
        session.writeToProject(
          workspace,
          { zh: `生成${kindName}数据包`, en: `writing the ${input.kind} package` },
          async () => {
            const written = await writePackage(workspace, {
              kind: input.kind,
              onError: input.onError,
              created: new Date(),
              outDir,
              division,
              steward: input.steward,
              ...(input.reviewer === undefined ? {} : { reviewer: input.reviewer }),
              ...(input.provider === undefined ? {} : { provider: input.provider }),
              toolVersion: readToolVersion(),
              tempDir: await session.workFolder(),
              onProgress: progress,
            });
            if (!written.ok) {
              const details = written.error.details ?? [];
              session.lastPackage = {
                written: null,
                blockers: written.error.code === 'package-blocked' ? [...details] : [],
              };
              // The 打包 step lists every blocker; the message only says what happened.
              return written.error.code === 'package-blocked'
                ? err(
                    written.error.code,
                    `有 ${details.length} 类错误没有豁免，未生成数据包；请查看“打包前检查”和未豁免错误的列表`,
                    `${details.length} kinds of error have no exemption; no package was written`,
                  )
                : err(
                    written.error.code,
                    `${written.error.message.zh}${details.length > 0 ? `：${details.slice(0, 3).join('；')}` : ''}`,
                    written.error.message.en,
                  );
            }
            const submission = written.value.manifest['x-submission'];
            const name = basename(written.value.path);
            const downloads = await offerPackage(session, written.value.path, name);
            session.lastPackage = {
              written: {
                name,
                kind: input.kind,
                period: submission.period,
                division: `${submission.division.code}${submission.division.name === undefined ? '' : ` ${submission.division.name}`}`,
                created: submission.created,
                rows: submission.rows.packaged,
                excluded: submission.rows.excludedByUser + submission.rows.excludedByPolicy,
                errors: submission.issues.errors,
                warnings: submission.issues.warnings,
                exemptedErrors: submission.issues.exemptedErrors,
                rules: Object.entries(submission.issues.byRule).map(([rule, counts]) => ({
                  rule,
                  title: describeRule(workspace.dataset, rule).zh,
                  errors: counts.errors,
                  warnings: counts.warnings,
                })),
                fields: submission.fields.map((f) => ({
                  name: f.name,
                  title: f.title,
                  action: f.action,
                  note: f.note.zh,
                })),
                files: submission.files.map((f) => ({ ...f })),
                downloads,
              },
              blockers: [],
            };
            return ok({
              zh: `已生成${kindName}数据包 ${name}（${submission.rows.packaged} 条记录）`,
              en: `Wrote the ${input.kind} package ${name} (${submission.rows.packaged} records)`,
            });
          },
        ),
      { zh: `正在生成${kindName}数据包`, en: `Writing the ${input.kind} package` },
    );
  },

  async 'package:last'(_input, session) {
    return ok(session.lastPackage);
  },

  'package:exempt': writing(
    { zh: '登记豁免', en: 'adding an exemption' },
    async (input, session) => {
      const project = session.requireProject();
      if (!project.ok) return project;
      const { workspace } = project.value;
      const field = workspace.dataset.fields.find((f) => f.name === input.field);
      if (field === undefined)
        return err('field-not-found', `没有字段 ${input.field}`, `No field ${input.field}`);
      if (input.rid !== undefined && workspace.sourceOf(input.rid) === undefined) {
        return err(
          'record-not-found',
          `没有第 ${input.rid} 条记录；请核对记录编号（检查与修正的表格左侧一列）`,
          `There is no record ${input.rid}; check the record number (the first column of the grid in Check and fix)`,
        );
      }
      const exempted = await workspace.addExemption(
        {
          rule: input.rule,
          field: input.field,
          ...(input.rid === undefined ? {} : { rid: input.rid }),
          reason: input.reason,
          reviewer: input.reviewer,
        },
        { why: input.reason },
      );
      return exempted.ok ? ok(describeProject(project.value, session.config.dataDir)) : exempted;
    },
  ),

  async 'package:preflight'(_input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const { workspace } = project.value;
    const titles = new Map(workspace.dataset.fields.map((f) => [f.name, f.title]));
    return ok(
      workspace.exemptionPreflight().map((group) => ({
        ...group,
        ruleTitle: describeRule(workspace.dataset, group.rule).zh,
        fieldTitle: titles.get(group.field) ?? group.field,
      })),
    );
  },

  async 'job:cancel'(input, session) {
    session.cancelJob(input.jobId);
    return ok({});
  },

  // 检查与修正 (issue #6): the error workbook round trip, the distinct bad values, value maps.

  async 'errors:export'(_input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const { workspace } = project.value;
    // One export at a time: the previous one (the project's data) does not stay on disk.
    await session.removeDownloads('error-workbook');
    const created = new Date();
    const name = errorWorkbookFileName(
      workspace.dataset.title,
      workspace.info.department,
      workspace.info.period,
      created,
    );
    const downloadId = randomUUID();
    // In this engine's temp folder: a killed engine's exports are removed at the next start.
    const path = join(await session.workFolder(), `${downloadId}.xlsx`);
    const job = session.startOnlyJob(
      'errors-export',
      {
        zh: '问题数据表正在导出，请等待完成',
        en: 'The error workbook is being exported; wait for it to finish',
      },
      (signal, progress) =>
        // Like a package, the workbook is read from one consistent project (see package:write).
        session.writeToProject(
          workspace,
          { zh: '导出问题数据表', en: 'exporting the error workbook' },
          async () => {
            const exported = await exportErrorWorkbook(workspace, {
              created,
              signal,
              onProgress: progress,
            });
            if (!exported.ok) return exported;
            try {
              await writeFile(path, exported.value.bytes);
            } catch (error) {
              await rm(path, { force: true }); // a full disk must not leave a partial workbook
              throw error;
            }
            await session.offerDownload(downloadId, path, name);
            const { records } = exported.value;
            return ok({
              zh: `已导出问题数据表 ${name}（${records} 条有问题的记录）`,
              en: `Exported the error workbook ${name} (${records} records with issues)`,
            });
          },
        ),
      { zh: '正在导出问题数据表', en: 'Exporting the error workbook' },
    );
    if (!job.ok) return job;
    return ok({ ...job.value, downloadId, name });
  },

  async 'errors:merge'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const file = session.file(input.fileId);
    if (!file.ok) return file;
    const { workspace } = project.value;
    const name = file.value.name;
    return session.startOnlyJob(
      'errors-merge',
      {
        zh: '正在合并改好的问题数据表，请等待完成后再合并',
        en: 'A fixed workbook is being merged; wait for it to finish',
      },
      (signal, progress) =>
        // The merge holds the write gate from reading the project's values to applying the
        // changes, so no edit slips in between and is overwritten.
        session.writeToProject(
          workspace,
          { zh: `合并 ${name}`, en: `merging ${name}` },
          async () => {
            const before = workspace.issueCounts();
            const merged = await mergeErrorWorkbook(
              workspace,
              file.value.path,
              { ...actor(input), context: context() },
              { signal, onProgress: progress },
            );
            if (!merged.ok) return merged;
            const m = merged.value;
            session.lastMerge = {
              file: name,
              records: m.records,
              applied: m.applied,
              alreadyEqual: m.alreadyEqual,
              ...(m.operationId === undefined ? {} : { operationId: m.operationId }),
              conflictCount: m.conflicts.length,
              conflicts: m.conflicts.slice(0, mergeListLimit).map((c) => ({
                ...c,
                sourceRow: workspace.sourceOf(c.rid)?.sourceRow ?? 0,
              })),
              unreadable: m.unreadable.slice(0, mergeListLimit),
              unreadableRows: m.unreadableRows.slice(0, mergeListLimit),
              unknownRecords: m.unknownRecords.slice(0, mergeListLimit),
              duplicateRecords: m.duplicateRecords.slice(0, mergeListLimit),
              before,
              after: workspace.issueCounts(),
            };
            const conflicts = m.conflicts.length;
            return ok({
              zh: `已合并 ${name}：${m.applied} 处修改${conflicts > 0 ? `，${conflicts} 处冲突待处理` : ''}`,
              en: `Merged ${name}: ${m.applied} cells changed${conflicts > 0 ? `, ${conflicts} conflicts to decide` : ''}`,
            });
          },
        ),
      { zh: `正在合并 ${name}`, en: `Merging ${name}` },
    );
  },

  async 'errors:last-merge'(_input, session) {
    return ok(session.lastMerge);
  },

  async 'files:save'() {
    return err(
      'save-in-host',
      '请用浏览器的下载保存文件',
      'Save the file with the browser’s download',
    );
  },

  async 'files:show'() {
    return err(
      'save-in-host',
      '请在浏览器的下载列表中打开文件所在的文件夹',
      'Open the folder from the browser’s downloads',
    );
  },

  async 'files:open'() {
    return err(
      'save-in-host',
      '请用浏览器的下载打开文件',
      'Open the file from the browser’s download',
    );
  },

  async 'issues:values'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const { workspace } = project.value;
    const found = workspace.issueValues(
      { rule: input.rule, field: input.field },
      input.limit ?? 200,
    );
    const field = workspace.dataset.fields.find((f) => f.name === input.field);
    const suggested =
      field === undefined ? undefined : suggestValueMap(workspace.pack, field, found.values);
    const byValue = new Map((suggested?.values ?? []).map((v) => [v.value, v]));
    return ok({
      distinct: found.distinct,
      values: found.values.map(({ value, count }) => {
        const suggestion = byValue.get(value);
        return suggestion?.code === null || suggestion?.code === undefined
          ? { value, count }
          : {
              value,
              count,
              suggestion: {
                code: suggestion.code,
                confidence: suggestion.confidence,
                reason: suggestion.reason,
              },
            };
      }),
    });
  },

  'edit:apply-value-map': writing(
    { zh: '应用值映射', en: 'applying a value map' },
    async (input, session) => {
      const project = session.requireProject();
      if (!project.ok) return project;
      const { workspace } = project.value;
      const field = workspace.dataset.fields.find((f) => f.name === input.field);
      if (field === undefined)
        return err('field-not-found', `没有字段 ${input.field}`, `No field ${input.field}`);
      const allowed = allowedCodes(workspace, field);
      if (allowed === undefined) {
        return err(
          'not-a-code-field',
          `「${field.title}」不是代码字段，不能使用值映射`,
          `"${field.title}" is not a code field; a value map does not apply`,
        );
      }
      const wrong = Object.values(input.map).filter((code) => !allowed.has(code));
      if (wrong.length > 0) {
        return err(
          'code-not-allowed',
          `这些代码不在「${field.title}」的代码表中：${[...new Set(wrong)].join('、')}`,
          `Not codes of "${field.title}": ${[...new Set(wrong)].join(', ')}`,
        );
      }
      const applied = await workspace.applyValueMap(input.field, input.map, {
        ...actor(input),
        context: context(),
      });
      if (!applied.ok) return applied;
      let templates: { name: string; isNew: boolean }[] = [];
      if (input.shouldSaveTemplate) {
        const saved = await saveValueMapToTemplates(
          workspace,
          applied.value.sourceIds,
          input.field,
          input.map,
          new Date().toISOString(),
          templatesDirectory(session.config.dataDir),
        );
        if (!saved.ok) return saved;
        templates = saved.value;
      }
      return ok({
        count: applied.value.count,
        templates,
        state: describeProject(project.value, session.config.dataDir),
      });
    },
  ),
};

/** At most this many conflicts (and other listed cells) are sent to the UI per merge. */
const mergeListLimit = 500;

/** The codes a value map may assign in a field: its code table's, or its allowed values. */
function allowedCodes(
  workspace: Workspace,
  field: Dataset['fields'][number],
): Set<string> | undefined {
  const table = field.constraints?.codeTable;
  if (table !== undefined)
    return new Set(resolveCodeTable(workspace.pack, table).entries.map((e) => e.code));
  const values = field.constraints?.enum;
  return values === undefined ? undefined : new Set(values);
}

function actor(input: { why?: string | undefined }): { why?: string } {
  return input.why === undefined ? {} : { why: input.why };
}

/** Opens the project file at `path` (saving and closing the one open before). */
async function openProjectAt(
  session: EngineSession,
  path: string,
  isTraining: boolean,
): Promise<Result<ChannelOutput<'project:open'>>> {
  if (session.project?.workspace.path === path)
    return ok(describeProject(session.project, session.config.dataDir));
  await session.replaceProject(undefined);
  const opened = await Workspace.open(path);
  if (!opened.ok) return opened;
  await session.replaceProject({ workspace: opened.value, isTraining });
  const project = session.requireProject();
  return project.ok ? ok(describeProject(project.value, session.config.dataDir)) : project;
}

/**
 * Offers a written package and its reports/validation.html (copied out of the zip, so the clerk
 * opens the very page the package holds) as downloads; the previous package's offers end.
 */
async function offerPackage(
  session: EngineSession,
  zipPath: string,
  name: string,
): Promise<{ package: string; report: string; reportName: string }> {
  await session.removeDownloads('package');
  const packageId = randomUUID();
  await session.offerDownload(packageId, zipPath, name, { group: 'package', isKept: true });
  const reportId = randomUUID();
  const reportName = `${name.replace(/\.zip$/i, '')}_校验报告.html`;
  const reportPath = join(await session.workFolder(), `${reportId}.html`);
  const zip = await openZipFile(zipPath);
  try {
    const entry = zip.entries.find((e) => e.name === 'reports/validation.html');
    // The package was just written with its report: a missing one is a bug.
    if (entry === undefined) throw new Error(`${name} has no reports/validation.html`);
    await writeFile(reportPath, await zip.read(entry));
  } finally {
    zip.close();
  }
  await session.offerDownload(reportId, reportPath, reportName, { group: 'package' });
  return { package: packageId, report: reportId, reportName };
}

/**
 * A refusal when a view names a field the project's dataset does not have (a grid left over
 * from another project, say): the clerk is told to open the step again.
 */
function unknownFieldOf(
  dataset: Dataset,
  filter: {
    columns?: readonly { field: string }[] | undefined;
    sort?: { field: string } | undefined;
  },
  field?: string,
): Result<never> | undefined {
  const names = new Set(dataset.fields.map((f) => f.name));
  const asked = [
    ...(filter.columns ?? []).map((c) => c.field),
    ...(filter.sort === undefined ? [] : [filter.sort.field]),
    ...(field === undefined ? [] : [field]),
  ];
  const unknown = asked.find((name) => !names.has(name));
  if (unknown === undefined) return undefined;
  return err(
    'unknown-field',
    `本项目的数据集没有字段「${unknown}」，请重新打开“检查与修正”`,
    `This project's dataset has no field "${unknown}"; open 检查与修正 again`,
  );
}
