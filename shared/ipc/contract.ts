/**
 * The one IPC contract between the UI and the engine: channel names `area:verb`, a zod schema
 * for each input and output, and the types derived from them. The Electron main process and
 * the browser-mode server check every input against it before the engine sees it; the preload
 * exposes only these channels. The UI never sends a file path: hosts hand out file ids.
 */
import { z } from 'zod';
import { mappingSchema, transformSchema } from '../mapping/mapping-schema.ts';
import { updateCycles } from '../pack/pack-schema.ts';

const id = z.string().min(1).max(200);
const text = z.string().max(10_000);
const localized = z.object({ zh: z.string(), en: z.string() });
/** A SHA-256 as lower-case hex (a package's manifest digest). */
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const appSettings = z.object({
  language: z.enum(['zh', 'en']).optional(),
  clerkName: z.string().max(100).optional(),
});
const severity = z.enum(['error', 'warning']);
/** Where a project file lies in the data folder: 项目, 培训, 已归档, 待清空. */
const projectPlace = z.enum(['projects', 'training', 'archive', 'deleted']);

/** A file the host has let the UI use (picked in a dialog, dropped, or uploaded). */
export const fileRef = z.object({
  fileId: id,
  name: z.string(),
  size: z.number().int().nonnegative(),
});

const fieldSummary = z.object({
  name: z.string(),
  title: z.string(),
  type: z.string(),
  format: z.string().optional(),
  description: z.string().optional(),
  isRequired: z.boolean(),
  isUnique: z.boolean(),
  codeTable: z.string().optional(),
  enumValues: z.array(z.string()).optional(),
  /** The money unit the standard stores (`万元`), for a unit transform. */
  unit: z.string().optional(),
  sharing: z.string(),
  opening: z.string(),
  mask: z.string(),
});

const packSummary = z.object({
  id: z.string(),
  title: z.string(),
  version: z.string(),
  origin: z.enum(['bundled', 'imported']),
  description: z.string().optional(),
  datasets: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      fields: z.array(fieldSummary),
      rules: z.array(
        z.object({ id: z.string(), type: z.string(), severity, description: z.string() }),
      ),
    }),
  ),
  codeTables: z.array(
    z.object({ name: z.string(), title: z.string(), source: z.string(), size: z.number() }),
  ),
});

const projectState = z.object({
  projectId: id,
  name: z.string(),
  packId: z.string(),
  packTitle: z.string(),
  packVersion: z.string(),
  dataset: z.string(),
  datasetTitle: z.string(),
  department: z.string(),
  period: z.string(),
  records: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  isTraining: z.boolean(),
  sources: z.array(
    z.object({
      file: z.string(),
      sheet: z.string(),
      rows: z.number().int(),
      isActive: z.boolean(),
    }),
  ),
  /** The exemptions in force: which errors a reviewer allowed into packages, and why. */
  exemptions: z.array(
    z.object({
      rule: z.string(),
      ruleTitle: localized,
      field: z.string().optional(),
      fieldTitle: z.string().optional(),
      /** The record the reviewer named (an exemption of one record). */
      rid: z.number().int().optional(),
      reason: z.string(),
      reviewer: z.string(),
    }),
  ),
});

const storedIssue = z.object({
  id: z.number().int(),
  row: z.number().int(),
  field: z.string(),
  rule: z.string(),
  severity,
  value: z.string(),
  message: localized,
  suggestion: z.string().optional(),
});

/** A column's filter (筛选): the values to keep (a value list, '' for blank) and/or a text the value contains. */
const columnFilter = z.object({
  field: id,
  values: z.array(z.string().max(10_000)).max(1000).optional(),
  text: z.string().max(1000).optional(),
});

/** The order the grid shows: by a field, ascending or descending (absent: the original order). */
const recordSort = z.object({ field: id, direction: z.enum(['asc', 'desc']) });

const recordFilter = z.object({
  withIssues: z.boolean().optional(),
  rule: z.string().max(100).optional(),
  field: z.string().max(100).optional(),
  /** Column filters (all must hold), combined with the issue filter above. */
  columns: z.array(columnFilter).max(100).optional(),
  sort: recordSort.optional(),
});

const actorInput = { why: text.optional() };

/** How 批量替换 matches: `contains` (包含) replaces every occurrence inside a cell, `cell` (整个单元格) only whole cells. */
export const replaceMatch = z.enum(['contains', 'cell']);
/** How 批量替换 matches a cell. */
export type ReplaceMatch = z.infer<typeof replaceMatch>;

/** The longest value one cell edit may set (the grid's edit, and a merged workbook's cell). */
export const maxCellEditLength = 100_000;

/** The most cells one `edit:cells` writes (a pasted block, a cleared or filled selection). */
export const maxCellsPerWrite = 200_000;

/** What merging a fixed error workbook did (lists capped; the counts are whole). */
const mergeReport = z.object({
  file: z.string(),
  records: z.number().int(),
  applied: z.number().int(),
  alreadyEqual: z.number().int(),
  operationId: z.number().int().optional(),
  conflictCount: z.number().int(),
  conflicts: z.array(
    z.object({
      rid: z.number().int(),
      /** The record's row in its source file, as the grid shows it. */
      sourceRow: z.number().int(),
      field: z.string(),
      base: z.string(),
      theirs: z.string(),
      ours: z.string(),
    }),
  ),
  unreadable: z.array(z.object({ rid: z.number().int(), field: z.string(), reason: z.string() })),
  /** Rows not merged: a record id that is not a plain number, or a key that does not match. */
  unreadableRows: z.array(
    z.object({ row: z.number().int(), recordId: z.string(), reason: z.string() }),
  ),
  unknownRecords: z.array(z.number().int()),
  duplicateRecords: z.array(z.number().int()),
  before: z.object({ errors: z.number().int(), warnings: z.number().int() }),
  after: z.object({ errors: z.number().int(), warnings: z.number().int() }),
});

/** A long job the UI can follow and cancel. */
export const jobRef = z.object({ jobId: id });

// ---- 导入与映射 (issue #6): the import and mapping steps' schemas ----

/** An office signing key as the 打包 step shows it: whose, and its SM3 fingerprint (64 hex). */
const signingKey = z.object({ office: z.string(), fingerprint: z.string() });

const textEncoding = z.enum(['utf-8', 'gb18030', 'utf-16le', 'utf-16be']);

/** One table to import: a file, the sheet, the header row and (for text) the encoding. */
const importSource = z.object({
  fileId: id,
  sheet: z.string().max(300).optional(),
  /** The header row as a spreadsheet shows it; 0 for a table without a header. */
  headerRow: z.number().int().nonnegative().optional(),
  encoding: textEncoding.optional(),
});

const previewRow = z.object({ sourceRow: z.number().int(), cells: z.array(z.string()) });

const inspectSheet = z.object({
  name: z.string(),
  hidden: z.boolean(),
  headerRow: z.number().int(),
  headerRows: z.number().int(),
  /** Why this row was taken as the header (rows above it are titles or notes). */
  headerReason: localized,
  columns: z.array(z.string()),
  rows: z.number().int(),
  footerRows: z.array(z.number().int()),
  /** How many cells were flagged in all (the list holds the first ones). */
  flaggedCount: z.number().int(),
  flagged: z.array(
    z.object({ row: z.number().int(), column: z.string(), value: z.string(), reason: localized }),
  ),
  sample: z.array(previewRow),
  /** Rows holding flagged cells beyond the sample, so the preview can show them. */
  flaggedRows: z.array(previewRow),
});

const valueCount = z.object({ value: z.string().max(10_000), count: z.number().int().positive() });

const templateSummary = z.object({
  templateId: z.string(),
  name: z.string(),
  department: z.string(),
  fingerprint: z.string(),
  headers: z.array(z.string()),
  fields: z.number().int(),
  createdAt: z.string(),
});

const importChannels = {
  'import:inspect': {
    input: z.object({
      fileId: id,
      sheet: z.string().max(300).optional(),
      headerRow: z.number().int().nonnegative().optional(),
      encoding: textEncoding.optional(),
    }),
    output: z.object({
      format: z.string(),
      encoding: z.string().optional(),
      /** True for text files (csv, tsv, txt), whose encoding the clerk may override. */
      isText: z.boolean(),
      sheets: z.array(inspectSheet),
      /** What the clerk should check about the file (stray lines in another encoding, ...). */
      warnings: z
        .array(z.object({ code: z.string(), message: localized, lines: z.array(z.number().int()) }))
        .optional(),
    }),
  },
  'mapping:suggest': {
    input: z.object({
      source: importSource,
      /** A stored template to apply instead of the one chosen by itself. */
      templateId: z.string().max(1000).optional(),
      /** Suggest afresh, even when a stored template fits the layout. */
      ignoreTemplates: z.boolean().optional(),
    }),
    output: z.object({
      columns: z.array(
        z.object({
          column: z.string(),
          field: z.string().nullable(),
          confidence: z.number().min(0).max(1),
          reason: localized,
          /** Transforms the header implies (元 -> 万元). */
          transforms: z.array(transformSchema),
          /** The first non-blank values, in row order (for a preview). */
          samples: z.array(z.string()),
          /** The distinct values of the first rows, most frequent first (at most 300). */
          values: z.array(valueCount),
          /** True when the column has more distinct values than listed. */
          hasMoreValues: z.boolean(),
        }),
      ),
      /** How many rows the values were counted over. */
      sampledRows: z.number().int(),
      unmappedRequired: z.array(z.string()),
      /** The mapping to start from: the template's, or the confident suggestions. */
      mapping: mappingSchema,
      origin: z.enum(['template', 'stored-template', 'suggested']),
      template: templateSummary.optional(),
      /** How the source's headers differ from the template's. */
      layout: z.object({ missing: z.array(z.string()), extra: z.array(z.string()) }).optional(),
      fingerprint: z.string(),
    }),
  },
  'mapping:value-map': {
    input: z.object({ field: id, values: z.array(valueCount).max(5000) }),
    output: z.array(
      valueCount.extend({
        code: z.string().nullable(),
        match: z.enum(['standard', 'slip', 'common', 'guess', 'template', 'none']),
        confidence: z.number(),
        reason: localized,
      }),
    ),
  },
  'templates:list': { input: z.object({}), output: z.array(templateSummary) },
  'templates:save': {
    input: z.object({
      name: text.min(1).max(200),
      headers: z.array(z.string().max(1000)).max(5000),
      mapping: mappingSchema,
    }),
    output: templateSummary,
  },
  'templates:delete': {
    input: z.object({ templateId: z.string().max(1000) }),
    output: z.object({}),
  },
  'project:import': {
    input: z.object({
      /** One or more tables (files, sheets) that feed the dataset; each record keeps its source. */
      sources: z.array(importSource).min(1).max(500),
      /** The mapping the clerk confirmed; without it, a stored template or the confident suggestions. */
      mapping: mappingSchema.optional(),
    }),
    output: jobRef,
  },
} as const;

// ---- end of 导入与映射 ----

// ---- 培训模式 (issue #13): the lesson's project, the department's file and what the lesson checks ----

const trainingChannels = {
  /**
   * Starts a trainee's lesson project from the department's file shipped with the app: nothing
   * imported or mapped yet. A trainee who has one is refused (`training-exists`) unless `reset`.
   */
  'training:start': {
    input: z.object({ trainee: text.trim().min(1).max(30), reset: z.boolean().optional() }),
    output: projectState,
  },
  /** The department's file of the lesson, copied into the training folder, as a file the UI may use. */
  'training:file': { input: z.object({}), output: fileRef },
  /** What the lesson checks each step against: facts of the open project and this session. */
  'training:facts': {
    input: z.object({}),
    output: z.object({
      /** Records in the department's file. */
      fileRecords: z.number().int(),
      /** Records imported from it (active imports only). */
      importedRecords: z.number().int(),
      /** Fields no imported record has a value in: no column is mapped to them. */
      unmappedFields: z.array(z.string()),
      /** Errors on 公民身份号码. */
      idErrors: z.number().int(),
      /** The clerk's operations in force (not undone), oldest first. */
      operations: z.array(z.object({ id: z.number().int(), kind: z.string() })),
      /** The error workbook exported last in this session (its download id), or null. */
      errorWorkbook: z.string().nullable(),
      /** The package written last in this session (its file name), or null. */
      packageName: z.string().nullable(),
    }),
  },
  /**
   * 模拟部门修改: the department's corrections written into the error workbook exported last, as
   * a file the UI may merge (a trainee has no department to send it to).
   */
  'training:department-fixes': {
    input: z.object({}),
    output: fileRef.extend({ corrected: z.number().int() }),
  },
} as const;

// ---- end of 培训模式 ----

/** The channels, each with its input and output schema. */
export const contract = {
  'app:info': {
    input: z.object({}),
    output: z.object({
      version: z.string(),
      mode: z.enum(['electron', 'browser']),
      user: z.string(),
    }),
  },
  /** The app's remembered settings: the language, and the clerk's name the audit records. */
  'settings:get': { input: z.object({}), output: appSettings },
  /** Changes the settings given (an empty clerk name clears it); answers them all. */
  'settings:set': { input: appSettings, output: appSettings },
  'packs:list': { input: z.object({}), output: z.array(packSummary) },
  /** Imports a pack (JSON or a filled-in Excel template) the host received as a file. */
  'packs:import': {
    input: z.object({ fileId: id }),
    output: z.object({ pack: packSummary, file: z.string(), isNew: z.boolean() }),
  },
  'packs:codes': {
    input: z.object({ packId: id, table: id }),
    output: z.array(z.object({ code: z.string(), name: z.string(), aliases: z.array(z.string()) })),
  },
  'files:pick': { input: z.object({ multiple: z.boolean().optional() }), output: z.array(fileRef) },
  ...importChannels,
  ...trainingChannels,
  'project:create': {
    input: z.object({ packId: id, dataset: id, department: text.min(1), period: text.min(1) }),
    output: projectState,
  },
  'project:training': {
    input: z.object({
      seed: z.number().int().optional(),
      rows: z.number().int().positive().max(100_000).optional(),
    }),
    output: projectState,
  },
  'project:state': { input: z.object({}), output: projectState },
  /**
   * Every project in the data folder with the facts the start page shows, read from the summary
   * beside each file (a project not yet summarised has no pack or counts until opened once).
   * `place`: projects, training, archive (已归档) or deleted (待清空, removed by 清空归档).
   */
  'project:list': {
    input: z.object({}),
    output: z.array(
      z.object({
        projectId: id,
        name: z.string(),
        modifiedAt: z.string(),
        isTraining: z.boolean(),
        place: projectPlace,
        packTitle: z.string().optional(),
        packVersion: z.string().optional(),
        datasetTitle: z.string().optional(),
        records: z.number().int().nonnegative().optional(),
        errors: z.number().int().nonnegative().optional(),
        warnings: z.number().int().nonnegative().optional(),
      }),
    ),
  },
  /** Renames a project (its file), refused while it is open in another window. */
  'project:rename': {
    input: z.object({ projectId: id, name: z.string().min(1).max(80) }),
    output: z.object({ projectId: id }),
  },
  /** Moves a project to the archive (已归档); its file is kept. */
  'project:archive': { input: z.object({ projectId: id }), output: z.object({ projectId: id }) },
  /** Moves an archived project back to the projects, or a deleted one back to the archive. */
  'project:restore': { input: z.object({ projectId: id }), output: z.object({ projectId: id }) },
  /**
   * Deletes an archived project after the clerk confirmed it: it moves to 待清空 and is kept
   * until 清空归档. A project not in the archive is refused.
   */
  'project:delete': {
    input: z.object({ projectId: id, isConfirmed: z.literal(true) }),
    output: z.object({ projectId: id }),
  },
  /** Removes the deleted (待清空) projects' files for good, after a second confirmation. */
  'project:empty-archive': {
    input: z.object({ isConfirmed: z.literal(true) }),
    /** `kept`: the names of the projects left because a window still had them open. */
    output: z.object({ removed: z.number().int().nonnegative(), kept: z.array(z.string()) }),
  },
  'project:open': { input: z.object({ projectId: id }), output: projectState },
  /** Opens a project file where it is (a .dsw double-clicked or chosen in 文件 › 打开项目). */
  'project:open-file': { input: z.object({ fileId: id }), output: projectState },
  'project:close': { input: z.object({}), output: z.object({}) },
  'records:page': {
    input: z.object({
      offset: z.number().int().nonnegative(),
      limit: z.number().int().positive().max(1000),
      filter: recordFilter,
    }),
    output: z.object({
      total: z.number().int(),
      /** Every record of the project, whatever the filter (显示 total / 共 all 行). */
      all: z.number().int(),
      rows: z.array(
        z.object({
          rid: z.number().int(),
          sourceRow: z.number().int(),
          values: z.array(z.string().nullable()),
        }),
      ),
      issues: z.array(storedIssue),
    }),
  },
  /** The source cells of one record exactly as read (its file, sheet, row and columns), for 详情. */
  'records:source': {
    input: z.object({ rid: z.number().int().positive() }),
    output: z
      .object({
        file: z.string(),
        sheet: z.string(),
        sourceRow: z.number().int(),
        columns: z.array(z.string()),
        cells: z.array(z.string()),
      })
      .nullable(),
  },
  /**
   * 查找: the cells of the grid's rows (in its order and filter) whose value contains a text,
   * in one column or all; the match after (or before) a cell, wrapping around at the end.
   */
  'records:find': {
    input: z.object({
      filter: recordFilter,
      text: z.string().min(1).max(1000),
      field: id.optional(),
      /** The cell to search from (row index in the grid, field index); absent: the start. */
      from: z
        .object({ row: z.number().int().nonnegative(), column: z.number().int().nonnegative() })
        .optional(),
      direction: z.enum(['next', 'previous']),
    }),
    output: z.object({
      /** How many cells match. */
      count: z.number().int(),
      match: z
        .object({
          row: z.number().int(),
          column: z.number().int(),
          rid: z.number().int(),
          /** Which match this is, 1..count. */
          ordinal: z.number().int(),
          /** The search went past the end (or the start) and came round. */
          isWrapped: z.boolean(),
        })
        .optional(),
    }),
  },
  /** A column's values with their counts (筛选's value list), most common first, capped. */
  'records:column-values': {
    input: z.object({ filter: recordFilter, field: id, text: z.string().max(1000).optional() }),
    output: z.object({
      values: z.array(z.object({ value: z.string(), count: z.number().int() })),
      /** How many distinct values there are in all (more than listed when capped). */
      distinct: z.number().int(),
    }),
  },
  'quality:summary': {
    input: z.object({}),
    output: z.object({
      records: z.number().int(),
      fields: z.array(
        z.object({
          name: z.string(),
          title: z.string(),
          filled: z.number().int(),
          errors: z.number().int(),
          warnings: z.number().int(),
        }),
      ),
      rules: z.array(
        z.object({
          rule: z.string(),
          title: localized,
          errors: z.number().int(),
          warnings: z.number().int(),
          /** Issues of the rule that carry a certain suggestion (一键采用建议值 fixes them). */
          suggestions: z.number().int(),
          /** The fields the rule's issues are in, most issues first. */
          fields: z.array(
            z.object({
              field: z.string(),
              errors: z.number().int(),
              warnings: z.number().int(),
            }),
          ),
        }),
      ),
    }),
  },
  'edit:cell': {
    input: z.object({
      rid: z.number().int().positive(),
      field: id,
      value: z.string().max(maxCellEditLength),
      ...actorInput,
    }),
    output: projectState,
  },
  /**
   * Writes many cells as one operation (one entry in the history; undo and redo restore them
   * all): a block pasted in the grid, a selection cleared (Delete) or filled down (Ctrl+D).
   * Every cell's field must be a field of the dataset; cells already holding their value are
   * not a change, and when none changes nothing is recorded (count 0).
   */
  'edit:cells': {
    input: z.object({
      how: z.enum(['paste', 'clear', 'fill-down']),
      cells: z
        .array(
          z.object({
            rid: z.number().int().positive(),
            field: id,
            value: z.string().max(maxCellEditLength),
          }),
        )
        .min(1)
        .max(maxCellsPerWrite),
      ...actorInput,
    }),
    output: z.object({ count: z.number().int(), state: projectState }),
  },
  'edit:replace-preview': {
    input: z.object({
      field: id,
      find: z.string().max(100_000),
      replacement: z.string().max(100_000),
      match: replaceMatch,
    }),
    output: z.object({ count: z.number().int() }),
  },
  'edit:replace': {
    input: z.object({
      field: id,
      find: z.string().max(100_000),
      replacement: z.string().max(100_000),
      match: replaceMatch,
      ...actorInput,
    }),
    /** count 0: nothing was replaced and no operation was recorded. */
    output: z.object({ count: z.number().int(), state: projectState }),
  },
  'edit:apply-suggestions': {
    input: z.object({ rule: id, field: id.optional(), ...actorInput }),
    output: z.object({ count: z.number().int(), state: projectState }),
  },
  'history:undo': {
    input: z.object({}),
    /** What was undone (redone): `summary` in Chinese, `summaryEn` in English. */
    output: z.object({ summary: z.string(), summaryEn: z.string(), state: projectState }),
  },
  'history:redo': {
    input: z.object({}),
    /** What was undone (redone): `summary` in Chinese, `summaryEn` in English. */
    output: z.object({ summary: z.string(), summaryEn: z.string(), state: projectState }),
  },
  'history:list': {
    input: z.object({}),
    output: z.array(
      z.object({
        id: z.number().int(),
        kind: z.string(),
        who: z.string(),
        at: z.string(),
        why: z.string(),
        summary: z.string(),
        summaryEn: z.string(),
        state: z.string(),
      }),
    ),
  },
  'package:write': {
    input: z.object({
      kind: z.enum(['share', 'open']),
      onError: z.enum(['block', 'exclude']),
      steward: text.min(1),
      reviewer: text.optional(),
      provider: text.optional(),
      division: z
        .string()
        .regex(/^\d{6}$/)
        .optional(),
      /** Sign with the office key in the data folder's keys/, opened with this passphrase. */
      passphrase: z.string().min(1).max(1000).optional(),
      /** 全量 (default) or 增量: the changes since the project's last package of the kind. */
      mode: z.enum(['full', 'incremental']).optional(),
      /** 增量 against this earlier package of the project (manifest SHA-256), not the last. */
      baseSha256: sha256Hex.optional(),
    }),
    output: jobRef,
  },
  /**
   * 增量 before writing (issue #15): the packages this project wrote (the bases to choose
   * from), the base an increment would follow (the one asked for, or the last of the kind),
   * why an increment is not possible when it is not, and, when asked, how many records it would
   * add, change and remove and leave unchanged: the counts the written package then states.
   */
  'package:changes': {
    input: z.object({
      kind: z.enum(['share', 'open']),
      onError: z.enum(['block', 'exclude']),
      baseSha256: sha256Hex.optional(),
      /** Count the records (a read of the whole project); off, only the choices are answered. */
      shouldCount: z.boolean(),
    }),
    output: z.object({
      /** The packages the project wrote, newest first. */
      packages: z.array(
        z.object({
          sha256: z.string(),
          kind: z.enum(['share', 'open']),
          mode: z.enum(['full', 'incremental']),
          created: z.string(),
          file: z.string(),
          /** How many records the province holds after this package. */
          records: z.number().int(),
        }),
      ),
      /** The base an increment would follow, when there is one. */
      base: z.string().nullable(),
      /** Why 增量 cannot be chosen now (no earlier package, no primary key, another kind). */
      unavailable: localized.nullable(),
      /** Why the records could not be counted (a key twice): the write would refuse the same. */
      cannotCount: localized.nullable(),
      changes: z
        .object({
          added: z.number().int(),
          changed: z.number().int(),
          removed: z.number().int(),
          unchanged: z.number().int(),
        })
        .nullable(),
    }),
  },
  /** The office signing key in the data folder's keys/ (issue #15), or null when none yet. */
  'key:read': {
    input: z.object({}),
    output: z.object({ key: signingKey.nullable() }),
  },
  /** Creates the office signing key (SM2) in the data folder's keys/; never replaces one. */
  'key:create': {
    input: z.object({ office: text.min(1), passphrase: z.string().min(1).max(1000) }),
    output: signingKey,
  },
  /** Offers the public key (office.pem) as a download, to register with the province. */
  'key:export': {
    input: z.object({}),
    output: z.object({ downloadId: id, name: z.string() }),
  },
  /**
   * 更新情况: per dataset and department packaged into the data folder's packages folder, when
   * it was last packaged and whether that is overdue for the pack's update cycle.
   */
  'package:freshness': {
    input: z.object({}),
    output: z.array(
      z.object({
        standardId: z.string(),
        dataset: z.string(),
        datasetTitle: z.string(),
        department: z.string(),
        status: z.enum(['fresh', 'overdue', 'never', 'no-cycle']),
        cycle: z.enum(updateCycles).optional(),
        cycleLabel: z.string().optional(),
        dueSince: z.string().optional(),
        lastPackaged: z.string().optional(),
        lastPackage: z.string(),
      }),
    ),
  },
  'package:last': {
    input: z.object({}),
    output: z.object({
      /** The package this session last wrote, with what its report says. */
      written: z
        .object({
          name: z.string(),
          kind: z.enum(['share', 'open']),
          period: z.string(),
          division: z.string(),
          created: z.string(),
          rows: z.number().int(),
          excluded: z.number().int(),
          errors: z.number().int(),
          warnings: z.number().int(),
          exemptedErrors: z.number().int(),
          rules: z.array(
            z.object({
              rule: z.string(),
              title: localized,
              errors: z.number().int(),
              warnings: z.number().int(),
            }),
          ),
          /** What the package did with each field: kept, masked or dropped (开放). */
          fields: z.array(
            z.object({
              name: z.string(),
              title: z.string(),
              action: z.enum(['keep', 'mask', 'drop']),
              note: localized,
            }),
          ),
          files: z.array(
            z.object({
              path: z.string(),
              bytes: z.number().int(),
              sha256: z.string(),
              sm3: z.string(),
            }),
          ),
          /** Who signed the package, when it is signed (x-submission.signer). */
          signer: z
            .object({ office: z.string(), fingerprint: z.string(), signed: z.string() })
            .optional(),
          /** 全量 or 增量; for 增量, the base package's manifest SHA-256 and what changed. */
          mode: z.enum(['full', 'incremental']).optional(),
          base: z.object({ sha256: z.string() }).optional(),
          changes: z
            .object({
              added: z.number().int(),
              changed: z.number().int(),
              removed: z.number().int(),
              unchanged: z.number().int(),
            })
            .optional(),
          /** Download ids of the zip and of its reports/validation.html (files:save, files:open). */
          downloads: z.object({ package: id, report: id, reportName: z.string() }),
        })
        .nullable(),
      /** Why the last attempt wrote nothing (errors no exemption covers), one line each. */
      blockers: z.array(z.string()),
    }),
  },
  /**
   * An exemption by rule and field, optionally of one record. A value a spreadsheet destroyed
   * (3.71702E+17) is let in only by an exemption that names its record.
   */
  'package:exempt': {
    input: z.object({
      rule: id,
      field: id,
      rid: z.number().int().positive().optional(),
      reason: text.min(1),
      reviewer: text.min(1),
    }),
    output: projectState,
  },
  /**
   * 打包前检查: the errors by rule and field, how many no exemption covers, and the values no one
   * can recover (each needs an exemption that names its record), at most 200 listed.
   */
  'package:preflight': {
    input: z.object({}),
    output: z.array(
      z.object({
        rule: z.string(),
        ruleTitle: localized,
        field: z.string(),
        fieldTitle: z.string(),
        errors: z.number().int(),
        /** Errors no exemption in force covers: these block a package. */
        open: z.number().int(),
        /** Of `open`, the values no one can recover (a field's exemption does not cover them). */
        unrecoverable: z.number().int(),
        unrecoverableValues: z.array(z.object({ rid: z.number().int(), value: z.string() })),
      }),
    ),
  },
  'job:cancel': { input: jobRef, output: z.object({}) },

  // 检查与修正 (issue #6): the error workbook round trip, the distinct bad values of a rule in a
  // field, and a value map applied to all alike.
  /** Writes the error workbook as a job; when it is done, `downloadId` can be saved. */
  'errors:export': {
    input: z.object({}),
    output: z.object({ jobId: id, downloadId: id, name: z.string() }),
  },
  /**
   * 导出数据 (issue #13): writes the records as xlsx or CSV as a job; `filter` is the grid's view
   * (its issue filter, column filters and order), absent for every record; `codes` adds a name
   * column beside each code field or leaves the codes alone. When done, `downloadId` can be saved.
   */
  'records:export': {
    input: z.object({
      format: z.enum(['xlsx', 'csv']),
      codes: z.enum(['names', 'codes']),
      filter: recordFilter.optional(),
    }),
    output: z.object({ jobId: id, downloadId: id, name: z.string() }),
  },
  /** Merges a fixed error workbook (a file the host let the UI use) as a job; see errors:last-merge. */
  'errors:merge': { input: z.object({ fileId: id, ...actorInput }), output: jobRef },
  /** What the last merge of this session did, or null. */
  'errors:last-merge': { input: z.object({}), output: mergeReport.nullable() },
  /** Saves a file the engine wrote (a download) where the clerk chooses; answered by the host. */
  'files:save': { input: z.object({ downloadId: id }), output: z.object({ isSaved: z.boolean() }) },
  /** Shows a download in the file manager (where the clerk saved it); answered by the host. */
  'files:show': { input: z.object({ downloadId: id }), output: z.object({}) },
  /** Opens a download (the validation report) with the system's program; answered by the host. */
  'files:open': { input: z.object({ downloadId: id }), output: z.object({}) },
  /** The distinct values of a rule's issues in a field, most frequent first, with a suggested code. */
  'issues:values': {
    input: z.object({
      rule: id,
      field: id,
      limit: z.number().int().positive().max(1000).optional(),
    }),
    output: z.object({
      values: z.array(
        z.object({
          value: z.string(),
          count: z.number().int(),
          suggestion: z
            .object({ code: z.string(), confidence: z.number(), reason: localized })
            .optional(),
        }),
      ),
      distinct: z.number().int(),
    }),
  },
  /** Applies a value map (bad value -> code) to one field as one operation; optionally keeps it in the mapping templates. */
  'edit:apply-value-map': {
    input: z.object({
      field: id,
      map: z
        .record(z.string().max(10_000), z.string().min(1).max(200))
        .refine((map) => Object.keys(map).length > 0, 'the map is empty'),
      shouldSaveTemplate: z.boolean(),
      ...actorInput,
    }),
    output: z.object({
      count: z.number().int(),
      templates: z.array(z.object({ name: z.string(), isNew: z.boolean() })),
      state: projectState,
    }),
  },
} as const;

/** The events the engine (or, for menu commands, the main process) pushes to the UI. */
export const events = {
  'app:command': z.object({ command: z.enum(['open-files', 'save', 'undo', 'redo', 'help']) }),
  /** Main opened a project (from the file manager or the menu): the UI shows it. */
  'project:opened': projectState,
  'job:progress': z.object({
    jobId: id,
    phase: localized,
    done: z.number(),
    total: z.number().optional(),
  }),
  'job:done': z.object({
    jobId: id,
    ok: z.boolean(),
    message: localized,
  }),
} as const;

/** A channel's name. */
export type Channel = keyof typeof contract;
/** What a channel takes. */
export type ChannelInput<C extends Channel> = z.infer<(typeof contract)[C]['input']>;
/** What a channel returns on success. */
export type ChannelOutput<C extends Channel> = z.infer<(typeof contract)[C]['output']>;
/** An event's name. */
export type EventName = keyof typeof events;
/** An event's payload. */
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
/** The project as the UI shows it. */
export type ProjectState = z.infer<typeof projectState>;
/** A pack as the 标准 step shows it. */
export type PackSummary = z.infer<typeof packSummary>;
/** A stored issue as the UI gets it. */
export type StoredIssueView = z.infer<typeof storedIssue>;
/** What merging a fixed error workbook did. */
export type MergeReport = z.infer<typeof mergeReport>;

/** True for a string that names an event of the contract. */
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** True for a string that names a channel of the contract. */
export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

/**
 * Checks a request from the UI against the contract: a known channel and an input of the right
 * shape. Hosts call this before anything reaches the engine.
 */
export function checkRequest(
  channel: string,
  input: unknown,
): { ok: true; channel: Channel; input: unknown } | { ok: false; code: string; message: string } {
  if (!isChannel(channel))
    return { ok: false, code: 'unknown-channel', message: `unknown channel ${channel}` };
  const parsed = contract[channel].input.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`)
      .join('; ');
    return { ok: false, code: 'bad-input', message: `${channel}: ${issues}` };
  }
  return { ok: true, channel, input: parsed.data };
}
