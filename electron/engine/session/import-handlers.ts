/**
 * The engine's handlers for the 导入 and 映射 steps (issue #6): inspect a file, suggest a mapping
 * (or apply a stored template by itself), suggest value maps, keep the department's templates,
 * and import one or more tables with the mapping the clerk confirmed, as one job.
 */
import { stat } from 'node:fs/promises';
import { describeFlagReason } from '../../../shared/import/describe-flag-reason.ts';
import type { ChannelOutput } from '../../../shared/ipc/contract.ts';
import { createRecordMapper } from '../../../shared/mapping/create-record-mapper.ts';
import type { Mapping } from '../../../shared/mapping/mapping-schema.ts';
import { createTemplate, parseTemplate } from '../../../shared/mapping/parse-template.ts';
import { suggestTableValueMaps } from '../../../shared/mapping/suggest-table-value-maps.ts';
import { suggestValueMap, type ValueCount } from '../../../shared/mapping/suggest-value-map.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import type { TextEncoding } from '../import/decode-text.ts';
import { ImportError } from '../import/import-error.ts';
import { inspectFile } from '../import/inspect-file.ts';
import { openTable, type WorkbookOpener } from '../import/open-workbook.ts';
import type { SourceRecord, SourceTable } from '../import/source-table.ts';
import { chooseMapping } from '../mapping/choose-mapping.ts';
import { openMappedTable } from '../mapping/open-mapped-table.ts';
import { peekRows, samplesOf } from '../mapping/read-column-values.ts';
import {
  deleteStoredTemplate,
  findStoredTemplateById,
  listStoredTemplates,
  saveStoredTemplate,
  storedTemplateId,
  templatesDirectory,
  type StoredTemplate,
} from '../mapping/template-store.ts';
import { todayIso } from '../today.ts';
import type { ImportPart, Workspace } from '../workspace/workspace.ts';
import type { EngineHandlers } from './handler.ts';
import type { EngineSession } from './engine-session.ts';

/** Rows read to suggest a mapping and count each column's distinct values. */
const sampledRows = 2000;
/** Rows the header and value suggestions look at. */
const suggestionRows = 500;
/** Values per column shown as a preview, in row order. */
const previewSamples = 5;
/** Distinct values listed per column (a value map is for short lists of codes). */
const distinctListed = 300;

/** One table to import, as the engine has it: a file on disk and where the table sits. */
export interface TableSource {
  readonly path: string;
  readonly sheet?: string | undefined;
  readonly headerRow?: number | undefined;
  readonly encoding?: TextEncoding | undefined;
}

/** What an import did. */
export interface ImportOutcome {
  readonly rows: number;
  readonly tables: number;
  readonly errors: number;
  readonly warnings: number;
}

const textFormats = new Set(['csv', 'tsv', 'txt']);

function tableOptions(source: Omit<TableSource, 'path'>) {
  return {
    ...(source.sheet === undefined ? {} : { sheet: source.sheet }),
    ...(source.headerRow === undefined ? {} : { headerRow: source.headerRow }),
    ...(source.encoding === undefined ? {} : { encoding: source.encoding }),
  };
}

/** The template store of this session: `$STEWARD_TEMPLATES_DIR`, else the data folder's. */
function templatesOf(session: EngineSession): string {
  return templatesDirectory(session.config.dataDir);
}

function summarizeTemplate(
  stored: StoredTemplate,
  root: string,
): ChannelOutput<'templates:list'>[number] {
  const { template } = stored;
  return {
    templateId: storedTemplateId(stored, root),
    name: template.name,
    department: template.department,
    fingerprint: template.fingerprint,
    headers: [...template.headers],
    fields: Object.keys(template.mapping.fields).length,
    createdAt: template.createdAt,
  };
}

/** Each column's distinct values in some rows, most frequent first, at most `limit` listed. */
function countDistinct(
  columns: readonly string[],
  rows: readonly SourceRecord[],
  limit: number,
): { values: ValueCount[]; hasMoreValues: boolean }[] {
  return columns.map((_, index) => {
    const counts = new Map<string, number>();
    let hasMoreValues = false;
    for (const row of rows) {
      const value = row.cells[index] ?? '';
      if (value.trim() === '') continue;
      const seen = counts.get(value);
      if (seen !== undefined) counts.set(value, seen + 1);
      else if (counts.size < limit) counts.set(value, 1);
      else hasMoreValues = true;
    }
    const values = [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    return { values, hasMoreValues };
  });
}

/** How `importTables` is asked to import, beside its tables and mapping. */
interface ImportTablesOptions {
  readonly signal: AbortSignal;
  readonly progress: (done: number, total?: number) => void;
  readonly templatesDir?: string;
  /** How files are opened (default `openWorkbook`; the app's engine keeps the last one). */
  readonly openWorkbook?: WorkbookOpener;
}

/**
 * Imports one or more tables into the project with one mapping, as one operation (each table
 * its own source, so every record keeps its file, sheet and row). Without a mapping, the first
 * table's stored template or confident suggestions are used. Tables are opened one at a time;
 * one that cannot be read, or lacks a column the mapping reads, rolls everything back.
 *
 * A text file the 导入 step has not surveyed already is read once (issue #11), its rows stored
 * as they stream; the rare file whose column first shows deep in it rolls that import back and
 * is imported again, surveyed whole first.
 */
export async function importTables(
  workspace: Workspace,
  sources: readonly TableSource[],
  mapping: Mapping | undefined,
  options: ImportTablesOptions,
): Promise<Result<ImportOutcome>> {
  try {
    try {
      return await importTablesOnce(workspace, sources, mapping, options, true);
    } catch (error) {
      if (!(error instanceof ImportError) || error.appError.code !== 'layout-changed') throw error;
      return await importTablesOnce(workspace, sources, mapping, options, false);
    }
  } catch (error) {
    // A file that failed in the middle of its rows (changed on disk, a reader's limit met deep
    // in it): the import was rolled back, and the clerk reads why.
    if (error instanceof ImportError) return { ok: false, error: error.appError };
    throw error;
  }
}

async function importTablesOnce(
  workspace: Workspace,
  sources: readonly TableSource[],
  mapping: Mapping | undefined,
  options: ImportTablesOptions,
  isSinglePass: boolean,
): Promise<Result<ImportOutcome>> {
  const { pack, dataset } = workspace;
  const facts = { department: workspace.info.department, period: workspace.info.period };
  let chosen = mapping;
  /** The rows of the tables opened so far, as far as counted: a single pass counts as it reads. */
  let knownRows = 0;
  let textBytes = 0;
  let isTotalKnown = true;
  async function* parts(): AsyncGenerator<Result<ImportPart>> {
    for (const source of sources) {
      const open = { ...tableOptions(source), isSinglePass };
      // The first table without a mapping from the screen chooses it (a stored template of
      // its layout, else the suggestions); the others of the same layout use it.
      let opened: Result<{ table: SourceTable; mapping: Mapping }>;
      if (chosen === undefined) {
        const mapped = await openMappedTable(source.path, pack, dataset, {
          open,
          department: workspace.info.department,
          sampleRows: suggestionRows,
          ...(options.templatesDir === undefined ? {} : { templatesDir: options.templatesDir }),
          ...(options.openWorkbook === undefined ? {} : { openWorkbook: options.openWorkbook }),
        });
        opened = mapped.ok
          ? ok({ table: mapped.value.table, mapping: mapped.value.choice.mapping })
          : mapped;
      } else {
        const mapping = chosen;
        const table = await openTable(source.path, open, options.openWorkbook);
        opened = table.ok ? ok({ table: table.value, mapping }) : table;
      }
      if (!opened.ok) {
        yield opened;
        return;
      }
      const { table } = opened.value;
      chosen = opened.value.mapping;
      try {
        const headers = table.columns;
        const rows = table.rows();
        const mapper = createRecordMapper(pack, dataset, chosen, headers, facts);
        if (!mapper.ok) {
          yield mapper;
          return;
        }
        const { missingColumns } = mapper.value;
        if (missingColumns.length > 0) {
          const where = table.sheet === table.file ? table.file : `${table.file}「${table.sheet}」`;
          yield err(
            'columns-missing',
            `${where} 缺少映射用到的列：${missingColumns.join('、')}；请检查表头行，或不选这个表`,
            `${where} lacks columns the mapping reads: ${missingColumns.join(', ')}; check its header row, or leave it out`,
          );
          return;
        }
        // A table read in a single pass has not counted its rows yet: its file's size stands in.
        if (table.isCounting) {
          textBytes += (await stat(source.path)).size;
          isTotalKnown = false;
        } else knownRows += table.rowCount;
        // Refused before its rows are written when the project would pass its size limit.
        const room = workspace.checkRoomFor({ rows: knownRows, textBytes });
        if (!room.ok) {
          yield room;
          return;
        }
        yield ok({
          source: {
            file: table.file,
            sheet: table.sheet,
            format: table.format,
            ...(table.encoding === undefined ? {} : { encoding: table.encoding }),
            headerRow: table.headerRow,
            columns: headers,
          },
          records: rows,
          toValues: (cells) => mapper.value.map(cells).values,
        });
      } finally {
        await table.close();
      }
    }
  }
  const imported = await workspace.importSources(parts(), {
    context: { today: todayIso() },
    signal: options.signal,
    // Out of how many rows, once every table opened so far was counted before its rows came.
    onProgress: (done) => options.progress(done, isTotalKnown ? knownRows : undefined),
  });
  if (!imported.ok) return imported;
  return ok({
    rows: imported.value.rows,
    tables: sources.length,
    errors: imported.value.summary.errors,
    warnings: imported.value.summary.warnings,
  });
}

type ImportChannel =
  | 'import:inspect'
  | 'mapping:suggest'
  | 'mapping:value-map'
  | 'templates:list'
  | 'templates:save'
  | 'templates:delete'
  | 'project:import';

/** The handlers of the import and mapping channels. */
export const importHandlers: Pick<EngineHandlers, ImportChannel> = {
  async 'import:inspect'(input, session) {
    const file = session.file(input.fileId);
    if (!file.ok) return file;
    // The file stays open in the engine for the mapping and import steps that follow.
    const report = await inspectFile(
      file.value.path,
      { ...tableOptions(input), sampleRows: 8, flaggedRows: 10 },
      session.openedFiles.open,
    );
    if (!report.ok) return report;
    return ok({
      format: report.value.format,
      ...(report.value.encoding === undefined ? {} : { encoding: report.value.encoding }),
      isText: textFormats.has(report.value.format),
      warnings: report.value.warnings.map((warning) => ({
        code: warning.code,
        message: warning.message,
        lines: [...(warning.lines ?? [])],
      })),
      sheets: report.value.sheets.map((sheet) => ({
        name: sheet.name,
        hidden: sheet.hidden,
        headerRow: sheet.headerRow,
        headerRows: sheet.headerRows,
        headerReason: sheet.headerReason,
        columns: [...sheet.columns],
        rows: sheet.rows,
        footerRows: [...sheet.footerRows],
        flaggedCount: sheet.flaggedCount,
        flagged: sheet.flagged.slice(0, 200).map((cell) => ({
          row: cell.row,
          column: cell.column,
          value: cell.value,
          reason: describeFlagReason(cell.reason),
        })),
        sample: sheet.sample.map((row) => ({ sourceRow: row.sourceRow, cells: [...row.cells] })),
        flaggedRows: sheet.flaggedRows.map((row) => ({
          sourceRow: row.sourceRow,
          cells: [...row.cells],
        })),
      })),
    });
  },

  async 'mapping:suggest'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const file = session.file(input.source.fileId);
    if (!file.ok) return file;
    const { workspace } = project.value;
    const { pack, dataset } = workspace;
    const root = templatesOf(session);
    let templatePath: string | undefined;
    if (input.templateId !== undefined) {
      const stored = await findStoredTemplateById(input.templateId, root);
      if (stored === undefined) {
        return err(
          'template-not-found',
          '模板库中没有这个模板（可能已被删除）',
          'The template store has no such template (it may have been deleted)',
        );
      }
      templatePath = stored.path;
    }
    const table = await openTable(
      file.value.path,
      tableOptions(input.source),
      session.openedFiles.open,
    );
    if (!table.ok) return table;
    try {
      const columns = table.value.columns;
      const { head } = await peekRows(table.value.rows(), sampledRows);
      const distinct = countDistinct(columns, head, distinctListed);
      const choice = await chooseMapping(pack, dataset, columns, {
        department: workspace.info.department,
        ignoreStore: input.ignoreTemplates === true,
        ...(templatePath === undefined ? {} : { templatePath }),
        templatesDir: root,
        samples: () => Promise.resolve(samplesOf(columns, head.slice(0, suggestionRows))),
        valueMaps: (suggestion) =>
          Promise.resolve(
            suggestTableValueMaps(
              pack,
              dataset,
              suggestion,
              distinct.map((d) => d.values),
            ),
          ),
        place: { sheet: table.value.sheet, headerRow: table.value.headerRow },
      });
      if (!choice.ok) return choice;
      const { template, templatePath: path, layout } = choice.value;
      return ok({
        columns: choice.value.suggestion.columns.map((c, index) => ({
          column: c.column,
          field: c.field,
          confidence: c.confidence,
          reason: c.reason,
          transforms: [...c.transforms],
          samples: head
            .map((row) => row.cells[index] ?? '')
            .filter((value) => value.trim() !== '')
            .slice(0, previewSamples),
          values: distinct[index]?.values ?? [],
          hasMoreValues: distinct[index]?.hasMoreValues ?? false,
        })),
        sampledRows: head.length,
        unmappedRequired: [...choice.value.suggestion.unmappedRequired],
        mapping: choice.value.mapping,
        origin: choice.value.origin,
        ...(template === undefined || path === undefined
          ? {}
          : { template: summarizeTemplate({ template, path }, root) }),
        ...(layout === undefined
          ? {}
          : { layout: { missing: [...layout.missing], extra: [...layout.extra] } }),
        fingerprint: choice.value.fingerprint,
      });
    } finally {
      await table.value.close();
    }
  },

  async 'mapping:value-map'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const { pack, dataset } = project.value.workspace;
    const field = dataset.fields.find((f) => f.name === input.field);
    if (field === undefined) {
      return err(
        'field-unknown',
        `数据集中没有字段「${input.field}」`,
        `The dataset has no field "${input.field}"`,
      );
    }
    const suggested = suggestValueMap(pack, field, input.values);
    if (suggested === undefined) {
      return err(
        'not-a-code-field',
        `「${field.title}」不是代码字段，没有取值对照`,
        `"${field.title}" is not a code field: it has no value map`,
      );
    }
    return ok(suggested.values.map((v) => ({ ...v })));
  },

  async 'templates:list'(_input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const { pack, dataset } = project.value.workspace;
    const root = templatesOf(session);
    const { templates, problems } = await listStoredTemplates(root);
    for (const problem of problems) console.warn(`template store: ${problem}`);
    return ok(
      templates
        .filter(
          ({ template }) =>
            template.mapping.pack.id === pack.id && template.mapping.dataset === dataset.name,
        )
        .map((stored) => summarizeTemplate(stored, root)),
    );
  },

  async 'templates:save'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const { workspace } = project.value;
    const { pack, dataset } = workspace;
    if (input.mapping.pack.id !== pack.id || input.mapping.dataset !== dataset.name) {
      return err(
        'template-other-dataset',
        `映射属于「${input.mapping.pack.id}」的「${input.mapping.dataset}」，与本项目的标准不符`,
        `The mapping is for "${input.mapping.dataset}" of "${input.mapping.pack.id}", not this project's standard`,
      );
    }
    // The same checks as a template file that is imported: every column it reads is a header.
    const template = parseTemplate(
      createTemplate({
        name: input.name.trim(),
        department: workspace.info.department,
        headers: input.headers,
        mapping: input.mapping,
        createdAt: new Date().toISOString(),
      }),
    );
    if (!template.ok) return template;
    const root = templatesOf(session);
    const path = await saveStoredTemplate(template.value, root);
    return ok(summarizeTemplate({ template: template.value, path }, root));
  },

  async 'templates:delete'(input, session) {
    const deleted = await deleteStoredTemplate(input.templateId, templatesOf(session));
    return deleted.ok ? ok({}) : deleted;
  },

  async 'project:import'(input, session) {
    const project = session.requireProject();
    if (!project.ok) return project;
    const { workspace } = project.value;
    const { mapping } = input;
    if (
      mapping !== undefined &&
      (mapping.pack.id !== workspace.pack.id || mapping.dataset !== workspace.dataset.name)
    ) {
      return err(
        'mapping-other-dataset',
        `映射属于「${mapping.pack.id}」的「${mapping.dataset}」，与本项目的标准不符`,
        `The mapping is for "${mapping.dataset}" of "${mapping.pack.id}", not this project's standard`,
      );
    }
    const sources: TableSource[] = [];
    const names = new Set<string>();
    for (const source of input.sources) {
      const file = session.file(source.fileId);
      if (!file.ok) return file;
      names.add(file.value.name);
      sources.push({ path: file.value.path, ...tableOptions(source) });
    }
    const label = [...names].join('、');
    const templatesDir = templatesOf(session);
    return session.startOnlyJob(
      'import',
      { zh: '正在导入，请等待导入完成', en: 'An import is running; wait for it to finish' },
      (signal, progress) =>
        // The import holds the write gate for its whole write: a change asked for meanwhile
        // waits for it (it holds BEGIN across the awaits of reading the file).
        session.writeToProject(
          workspace,
          { zh: `导入 ${label}`, en: `importing ${label}` },
          async () => {
            const imported = await importTables(workspace, sources, mapping, {
              signal,
              progress,
              templatesDir,
              openWorkbook: session.openedFiles.open,
            });
            // Read into the project: the kept file is let go (an import that failed may be
            // tried again with another header row, from the same kept file).
            if (imported.ok) await session.openedFiles.clear();
            if (!imported.ok) return imported;
            const { rows, tables, errors, warnings } = imported.value;
            return ok(
              tables === 1
                ? {
                    zh: `已导入 ${rows} 条记录：错误 ${errors} 个，警告 ${warnings} 个`,
                    en: `Imported ${rows} records: ${errors} errors, ${warnings} warnings`,
                  }
                : {
                    zh: `已从 ${tables} 个表导入 ${rows} 条记录：错误 ${errors} 个，警告 ${warnings} 个`,
                    en: `Imported ${rows} records from ${tables} tables: ${errors} errors, ${warnings} warnings`,
                  },
            );
          },
        ),
      { zh: `正在导入 ${label}`, en: `Importing ${label}` },
    );
  },
};
