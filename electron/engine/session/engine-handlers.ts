/**
 * What the engine does for each channel of the IPC contract. Inputs arrive already checked
 * against the contract by the host; each handler returns a Result, never throws for bad input.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  PackSummary,
} from '../../../shared/ipc/contract.ts';
import { createDemo } from '../../../shared/demo/create-demo.ts';
import { createRecordMapper } from '../../../shared/mapping/create-record-mapper.ts';
import { defaultTransforms } from '../../../shared/mapping/create-suggested-mapping.ts';
import type { FieldMapping, Mapping } from '../../../shared/mapping/mapping-schema.ts';
import type { Dataset } from '../../../shared/pack/pack-schema.ts';
import { findBundledPack } from '../../../shared/packs/index.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { cellRules, recordRuleTypes } from '../../../shared/rules/index.ts';
import { resolveCodeTable } from '../../../shared/validate/dataset-validator.ts';
import { writeDemoData } from '../demo/write-demo-data.ts';
import { describeFlagReason } from '../../../shared/import/describe-flag-reason.ts';
import { inspectFile } from '../import/inspect-file.ts';
import { chooseMapping } from '../mapping/choose-mapping.ts';
import type { SourceRecord } from '../import/source-table.ts';
import { peekRows, samplesOf } from '../mapping/read-column-values.ts';
import { inferDivision } from '../package/infer-division.ts';
import { readToolVersion } from '../package/tool-version.ts';
import { writePackage } from '../package/write-package.ts';
import { openTable } from '../import/open-workbook.ts';
import { findPack, listPacks } from '../packs/pack-store.ts';
import { todayIso } from '../today.ts';
import { Workspace } from '../workspace/workspace.ts';
import type { EngineSession } from './engine-session.ts';
import { describeProject } from './project-state.ts';

type Handler<C extends Channel> = (
  input: ChannelInput<C>,
  session: EngineSession,
) => Promise<Result<ChannelOutput<C>>>;

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
  if (options.isTraining === true) await rm(path, { force: true });
  const created = await Workspace.create(path, { pack: pack.value, ...input });
  if (!created.ok) return created;
  await session.replaceProject({
    workspace: created.value,
    isTraining: options.isTraining === true,
  });
  return ok(created.value);
}

/**
 * The mapping with the clerk's column choices applied: a column moved to another field (or to
 * none) takes its source with it; a newly chosen column feeds its field with the default
 * transforms. Fields the choices do not touch keep what the mapping said (constants, joins).
 */
function withColumnChoices(
  mapping: Mapping,
  dataset: Dataset,
  choices: readonly { column: string; field: string | null }[],
): Mapping {
  const fields: Record<string, FieldMapping> = {};
  const chosenField = new Map(choices.map((c) => [c.column, c.field]));
  for (const [name, fieldMapping] of Object.entries(mapping.fields)) {
    const { source } = fieldMapping;
    const isMoved =
      source.kind === 'column' &&
      chosenField.has(source.column) &&
      chosenField.get(source.column) !== name;
    if (!isMoved) fields[name] = fieldMapping;
  }
  for (const { column, field } of choices) {
    if (field === null) continue;
    const current = fields[field]?.source;
    if (current?.kind === 'column' && current.column === column) continue;
    const definition = dataset.fields.find((f) => f.name === field);
    if (definition !== undefined) {
      fields[field] = {
        source: { kind: 'column', column },
        transforms: defaultTransforms(definition),
      };
    }
  }
  return { ...mapping, fields };
}

/** Imports a file (any format the importer reads) into the open project, mapping columns as chosen (or by their headers). */
async function importFile(
  workspace: Workspace,
  path: string,
  choice: {
    sheet?: string | undefined;
    headerRow?: number | undefined;
    columns?: readonly { column: string; field: string | null }[] | undefined;
  },
  signal: AbortSignal,
  progress: (done: number, total?: number) => void,
): Promise<Result<{ rows: number; errors: number; warnings: number }>> {
  const table = await openTable(path, {
    ...(choice.sheet === undefined ? {} : { sheet: choice.sheet }),
    ...(choice.headerRow === undefined ? {} : { headerRow: choice.headerRow }),
  });
  if (!table.ok) return table;
  try {
    const { pack, dataset } = workspace;
    const headers = table.value.columns;
    // The mapping: a stored template of this layout, else the confident suggestions; then the
    // clerk's own column choices on top. Rows stream through it (transforms, value maps) into
    // the project, the source cells kept beside the standardised values.
    let rows: AsyncIterable<SourceRecord> = table.value.rows();
    const chosen = await chooseMapping(pack, dataset, headers, {
      department: workspace.info.department,
      samples: async () => {
        const peeked = await peekRows(rows, 500);
        rows = peeked.all;
        return samplesOf(headers, peeked.head);
      },
      place: { sheet: table.value.sheet, headerRow: table.value.headerRow },
    });
    if (!chosen.ok) return chosen;
    const mapping =
      choice.columns === undefined
        ? chosen.value.mapping
        : withColumnChoices(chosen.value.mapping, dataset, choice.columns);
    const mapper = createRecordMapper(pack, dataset, mapping, headers, {
      department: workspace.info.department,
      period: workspace.info.period,
    });
    if (!mapper.ok) return mapper;
    const total = table.value.rowCount;
    const imported = await workspace.importRecords(
      {
        file: table.value.file,
        sheet: table.value.sheet,
        format: table.value.format,
        ...(table.value.encoding === undefined ? {} : { encoding: table.value.encoding }),
        headerRow: table.value.headerRow,
        columns: table.value.columns,
      },
      rows,
      (cells) => mapper.value.map(cells).values,
      { context: context(), signal, onProgress: (done) => progress(done, total) },
    );
    if (!imported.ok) return imported;
    return ok({
      rows: imported.value.rows,
      errors: imported.value.summary.errors,
      warnings: imported.value.summary.warnings,
    });
  } finally {
    await table.value.close();
  }
}

/** The engine's handlers for every channel. */
export const engineHandlers: EngineHandlers = {
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

  async 'import:inspect'(input, session) {
    const file = session.file(input.fileId);
    if (!file.ok) return file;
    const report = await inspectFile(file.value.path, {
      ...(input.sheet === undefined ? {} : { sheet: input.sheet }),
      ...(input.headerRow === undefined ? {} : { headerRow: input.headerRow }),
      ...(input.encoding === undefined ? {} : { encoding: input.encoding }),
    });
    if (!report.ok) return report;
    return ok({
      format: report.value.format,
      ...(report.value.encoding === undefined ? {} : { encoding: report.value.encoding }),
      sheets: report.value.sheets.map((sheet) => ({
        name: sheet.name,
        hidden: sheet.hidden,
        headerRow: sheet.headerRow,
        headerRows: sheet.headerRows,
        columns: [...sheet.columns],
        rows: sheet.rows,
        footerRows: [...sheet.footerRows],
        flagged: sheet.flagged.slice(0, 200).map((cell) => ({
          row: cell.row,
          column: cell.column,
          reason: describeFlagReason(cell.reason).zh,
        })),
        sample: sheet.sample.slice(0, 20).map((row) => [...row.cells]),
      })),
    });
  },

  async 'mapping:suggest'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const file = session.file(input.fileId);
    if (!file.ok) return file;
    const table = await openTable(file.value.path, {
      ...(input.sheet === undefined ? {} : { sheet: input.sheet }),
      ...(input.headerRow === undefined ? {} : { headerRow: input.headerRow }),
    });
    if (!table.ok) return table;
    try {
      const { workspace } = project.value;
      const columns = table.value.columns;
      // A stored template of this layout (same department) is applied by itself; else the
      // suggestions from headers and values.
      const choice = await chooseMapping(workspace.pack, workspace.dataset, columns, {
        department: workspace.info.department,
        samples: async () => samplesOf(columns, (await peekRows(table.value.rows(), 500)).head),
        place: { sheet: table.value.sheet, headerRow: table.value.headerRow },
      });
      if (!choice.ok) return choice;
      const template = choice.value.template;
      return ok({
        columns: choice.value.suggestion.columns.map((c) => ({
          column: c.column,
          field: c.field,
          confidence: c.confidence,
          reason: c.reason.zh,
        })),
        unmappedRequired: [...choice.value.suggestion.unmappedRequired],
        valueMaps: {},
        ...(template === undefined
          ? {}
          : { template: `已自动套用模板「${template.name}」（与以前导入的表格式相同）` }),
      });
    } finally {
      await table.value.close();
    }
  },

  async 'project:create'(input, session) {
    const created = await createProject(session, input);
    if (!created.ok) return created;
    const project = session.requireProject();
    return project.ok ? ok(describeProject(project.value, session.config.dataDir)) : project;
  },

  async 'project:training'(input, session) {
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
    const imported = await importFile(
      created.value,
      csv,
      {},
      new AbortController().signal,
      () => undefined,
    );
    if (!imported.ok) return imported;
    const project = session.requireProject();
    return project.ok ? ok(describeProject(project.value, session.config.dataDir)) : project;
  },

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

  async 'project:open'(input, session) {
    const match = /^(projects|training)\/([^/\\]+\.dsw)$/.exec(input.projectId);
    if (match === null) return err('project-unknown', '找不到该项目', 'No such project');
    const path = join(session.config.dataDir, match[1] ?? '', match[2] ?? '');
    if (session.project?.workspace.path === path)
      return ok(describeProject(session.project, session.config.dataDir));
    await session.replaceProject(undefined);
    const opened = await Workspace.open(path);
    if (!opened.ok) return opened;
    await session.replaceProject({ workspace: opened.value, isTraining: match[1] === 'training' });
    const project = session.requireProject();
    return project.ok ? ok(describeProject(project.value, session.config.dataDir)) : project;
  },

  async 'project:close'(_input, session) {
    await session.replaceProject(undefined);
    return ok({});
  },

  async 'project:import'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const file = session.file(input.fileId);
    if (!file.ok) return file;
    const workspace = project.value.workspace;
    return ok(
      session.startJob(
        async (signal, progress) => {
          const imported = await importFile(
            workspace,
            file.value.path,
            { sheet: input.sheet, headerRow: input.headerRow, columns: input.columns },
            signal,
            progress,
          );
          if (!imported.ok) return imported;
          const { rows, errors, warnings } = imported.value;
          return ok({
            zh: `已导入 ${rows} 条记录：错误 ${errors} 个，警告 ${warnings} 个`,
            en: `Imported ${rows} records: ${errors} errors, ${warnings} warnings`,
          });
        },
        { zh: `正在导入 ${file.value.name}`, en: `Importing ${file.value.name}` },
      ),
    );
  },

  async 'records:page'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const { workspace } = project.value;
    const rows = workspace.pageRecords(input.offset, input.limit, input.filter);
    const issues = workspace.issuesOf({ rids: rows.map((r) => r.rid) });
    return ok({
      total: workspace.countRecordsWhere(input.filter),
      rows: rows.map((r) => ({ rid: r.rid, sourceRow: r.sourceRow, values: [...r.values] })),
      issues,
    });
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

  async 'edit:cell'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const edited = await project.value.workspace.editCell(input.rid, input.field, input.value, {
      ...actor(input),
      context: context(),
    });
    return edited.ok ? ok(describeProject(project.value, session.config.dataDir)) : edited;
  },

  async 'edit:replace'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const replaced = await project.value.workspace.replaceInField(
      input.field,
      input.find,
      input.replacement,
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

  async 'edit:apply-suggestions'(input, session) {
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

  async 'history:undo'(_input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const undone = await project.value.workspace.undo(context());
    return undone.ok
      ? ok({
          summary: undone.value.summary,
          state: describeProject(project.value, session.config.dataDir),
        })
      : undone;
  },

  async 'history:redo'(_input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const redone = await project.value.workspace.redo(context());
    return redone.ok
      ? ok({
          summary: redone.value.summary,
          state: describeProject(project.value, session.config.dataDir),
        })
      : redone;
  },

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
    return ok(
      session.startJob(
        async (_signal, progress) => {
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
            onProgress: progress,
          });
          if (!written.ok) {
            session.lastPackage = null;
            const details = written.error.details ?? [];
            return err(
              written.error.code,
              `${written.error.message.zh}${details.length > 0 ? `：${details.slice(0, 3).join('；')}` : ''}`,
              written.error.message.en,
            );
          }
          const submission = written.value.manifest['x-submission'];
          const name = basename(written.value.path);
          session.lastPackage = {
            name,
            kind: input.kind,
            rows: submission.rows.packaged,
            excluded: submission.rows.excludedByUser + submission.rows.excludedByPolicy,
            files: submission.files.map((f) => ({ ...f })),
            blockers: [],
          };
          return ok({
            zh: `已生成${kindName}数据包 ${name}（${submission.rows.packaged} 条记录）`,
            en: `Wrote the ${input.kind} package ${name} (${submission.rows.packaged} records)`,
          });
        },
        { zh: `正在生成${kindName}数据包`, en: `Writing the ${input.kind} package` },
      ),
    );
  },

  async 'package:last'(_input, session) {
    return ok(session.lastPackage);
  },

  async 'package:exempt'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const exempted = await project.value.workspace.addExemption(
      {
        rule: input.rule,
        ...(input.field === undefined ? {} : { field: input.field }),
        reason: input.reason,
        reviewer: input.reviewer,
      },
      { why: input.reason },
    );
    return exempted.ok ? ok(describeProject(project.value, session.config.dataDir)) : exempted;
  },

  async 'job:cancel'(input, session) {
    session.cancelJob(input.jobId);
    return ok({});
  },
};

function actor(input: { why?: string | undefined }): { why?: string } {
  return input.why === undefined ? {} : { why: input.why };
}
