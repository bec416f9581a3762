/**
 * Merges a department's fixed error workbook back into its project (the round trip of
 * DESIGN.md step 4). Records are matched by their 记录编号 (the record id the workbook was
 * written with); for each cell the department changed (its value differs from the value the
 * workbook was written with), the project takes the new value, unless the project's cell was
 * changed too in the meantime: then it is a conflict, reported and left as it is. All changes
 * are one `merge` operation in the history (undoable, in the audit trail); the changed records
 * are checked again, so the issues the department fixed are gone.
 */
import { basename } from 'node:path';
import * as XLSX from 'xlsx';
import { z } from 'zod';
import { maxCellEditLength } from '../../../shared/ipc/contract.ts';
import { assertNever, err, ok, type Result } from '../../../shared/result.ts';
import type { RuleContext } from '../../../shared/rules/rule-issue.ts';
import type { Actor, ProgressListener, Workspace } from '../workspace/workspace.ts';
import {
  dataSheetName,
  errorWorkbookFormat,
  mergeSheetName,
  recordIdHeader,
  provenanceHeaders,
} from './write-error-workbook.ts';
import { loadErrorWorkbook, type ErrorWorkbookLimits } from './load-error-workbook.ts';

/** A cell changed both in the workbook and in the project since the workbook was written. */
export interface MergeConflict {
  readonly rid: number;
  readonly field: string;
  /** The value when the workbook was written. */
  readonly base: string;
  /** The department's value. */
  readonly theirs: string;
  /** The project's value now. */
  readonly ours: string;
}

/** A cell whose value cannot be trusted (Excel turned a long number into a float). */
export interface UnreadableCell {
  readonly rid: number;
  readonly field: string;
  readonly reason: string;
}

/**
 * A row of the data sheet that was not merged: its record id is not a plain decimal number, or
 * the row's key (or source row) does not match the record that id names in the project.
 */
export interface UnreadableRow {
  /** The row number in the data sheet, as Excel shows it. */
  readonly row: number;
  /** The record id cell's text as the department left it. */
  readonly recordId: string;
  readonly reason: string;
}

/** What a merge did. */
export interface MergeOutcome {
  /** The merge operation, when anything changed. */
  readonly operationId?: number;
  readonly records: number;
  /** Cells that took the department's value. */
  readonly applied: number;
  /** Cells the department changed to the value the project already has. */
  readonly alreadyEqual: number;
  readonly conflicts: MergeConflict[];
  readonly unreadable: UnreadableCell[];
  /** Rows that were not merged at all (see UnreadableRow). */
  readonly unreadableRows: UnreadableRow[];
  /** Record ids of the workbook that the project does not have (or not in force). */
  readonly unknownRecords: number[];
  /** Record ids that appear more than once in the workbook (only the first is merged). */
  readonly duplicateRecords: number[];
}

const metaSchema = z.object({
  format: z.literal(errorWorkbookFormat),
  packId: z.string(),
  packVersion: z.string(),
  dataset: z.string(),
  projectCreatedAt: z.string(),
  isMasked: z.boolean(),
  fields: z.array(z.string()),
});

function notErrorWorkbook(path: string): Result<never> {
  return err(
    'not-error-workbook',
    `「${basename(path)}」不是工作台导出的问题数据表（缺少合并所需的「${dataSheetName}」表或隐藏信息），无法合并；请让部门发回从工作台导出、改好后保存的那份问题数据表`,
    `${basename(path)} is not an error workbook written by the workbench (the data sheet or the hidden merge sheet is missing)`,
  );
}

/** A SheetJS cell of a dense sheet, by 1-based row and column (as a spreadsheet shows them). */
function cellAt(sheet: XLSX.WorkSheet, row: number, column: number): XLSX.CellObject | undefined {
  const rows = (sheet['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  return rows[row - 1]?.[column - 1];
}

/** The rows of a dense sheet that exist, with their 1-based numbers. */
function* rowsOf(sheet: XLSX.WorkSheet): Generator<number> {
  const rows = (sheet['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  for (let r = 0; r < rows.length; r += 1) if (rows[r] !== undefined) yield r + 1;
}

/**
 * The text of a cell as the department left it, or why it cannot be trusted. A rich-text cell
 * is its plain text (SheetJS's `v`); a date-formatted number is its ISO date.
 */
function cellText(cell: XLSX.CellObject | undefined): { text: string } | { problem: string } {
  if (cell === undefined) return { text: '' };
  // A formula with no cached result (typed in a program that does not calculate): its value is
  // unknown, not empty.
  if (cell.f !== undefined && (cell.t === 'z' || cell.v === undefined)) {
    return {
      problem: '单元格是公式，没有保存计算结果；请在单元格中直接输入值（不要用公式）后重新发回',
    };
  }
  switch (cell.t) {
    case 'z':
      return { text: '' };
    case 's':
      return { text: String(cell.v ?? '') };
    case 'b':
      return { text: cell.v === true ? 'TRUE' : 'FALSE' };
    case 'e':
      return { problem: `单元格是错误值 ${cell.w ?? ''}` };
    case 'd':
      return cell.v instanceof Date
        ? { text: cell.v.toISOString().slice(0, 10) }
        : { text: String(cell.v ?? '') };
    case 'n': {
      const value = cell.v as number;
      if (Number.isInteger(value) && Math.abs(value) >= 1e15) {
        return {
          problem: `单元格被转成了数字 ${value}，长数字已失去精度；请把单元格设为文本后重新输入`,
        };
      }
      if (typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z)) {
        const date = XLSX.SSF.parse_date_code(value);
        if (date !== null && date !== undefined) {
          const pad = (n: number, width: number): string => String(n).padStart(width, '0');
          return { text: `${pad(date.y, 4)}-${pad(date.m, 2)}-${pad(date.d, 2)}` };
        }
      }
      return { text: String(value) };
    }
    default:
      return assertNever(cell.t);
  }
}

/** A cell's text, or why it is not merged (unreadable, or longer than an edit may be). */
function readCell(value: XLSX.CellObject | undefined): { text: string } | { problem: string } {
  const cell = cellText(value);
  if ('text' in cell && cell.text.length > maxCellEditLength) {
    return {
      problem: `值过长（${cell.text.length} 个字符，上限 ${maxCellEditLength}），未合并；请核对单元格内容`,
    };
  }
  return cell;
}

/**
 * A record id: plain decimal digits only. `Number()` would also read 0x8, 1e1, +9, 3.0 and
 * " 8 " as ids, and write the row into a record the department never saw.
 */
function parseRecordId(text: string): number | undefined {
  if (!/^[1-9][0-9]{0,14}$/.test(text)) return undefined;
  return Number(text);
}

/** Most fields the hidden sheet may list: a sheet has 16,384 columns, one holds the record id. */
const maxMetaFields = 16_383;

/** How a merge reports progress and is cancelled (before anything changes). */
export interface MergeOptions extends ErrorWorkbookLimits {
  /** Rows of the workbook compared so far, of all. */
  readonly onProgress?: ProgressListener;
  readonly signal?: AbortSignal;
}

function cancelled(): Result<never> {
  return err('cancelled', '已取消合并，项目未改变', 'Merge cancelled; the project is unchanged');
}

/** Merges a fixed error workbook into the project. */
export async function mergeErrorWorkbook(
  workspace: Workspace,
  path: string,
  actor: Actor & { context: RuleContext },
  options: MergeOptions = {},
): Promise<Result<MergeOutcome>> {
  // A function, so each check reads the signal afresh.
  const isCancelled = (): boolean => options.signal?.aborted === true;
  const loaded = await loadErrorWorkbook(path, [dataSheetName, mergeSheetName], options);
  if (!loaded.ok) return loaded;
  const workbook = loaded.value;
  if (isCancelled()) return cancelled();
  const mergeSheet = workbook.Sheets[mergeSheetName];
  const dataSheet = workbook.Sheets[dataSheetName];
  if (mergeSheet === undefined || dataSheet === undefined) return notErrorWorkbook(path);
  let meta: z.infer<typeof metaSchema>;
  try {
    const first = cellText(cellAt(mergeSheet, 1, 1));
    const json: unknown = JSON.parse('text' in first ? first.text : '');
    const parsed = metaSchema.safeParse(json);
    if (!parsed.success) return notErrorWorkbook(path);
    meta = parsed.data;
  } catch {
    return notErrorWorkbook(path);
  }
  if (meta.isMasked) {
    return err(
      'workbook-masked',
      '这份问题数据表来自开放（公开）数据包，数值已脱敏，不能合并；请从项目或共享数据包导出问题数据表',
      'This error workbook comes from an open (public) package and its values are masked; it cannot be merged. Export one from the project or a share package',
    );
  }
  const { info } = workspace;
  if (
    meta.packId !== info.packId ||
    meta.dataset !== info.dataset ||
    meta.projectCreatedAt !== info.createdAt
  ) {
    return err(
      'workbook-other-project',
      `这份问题数据表来自另一个项目（${meta.packId} / ${meta.dataset}，项目创建于 ${meta.projectCreatedAt}），不能合并到本项目`,
      `This error workbook comes from another project (${meta.packId} / ${meta.dataset}, created ${meta.projectCreatedAt})`,
    );
  }
  if (meta.fields.length > maxMetaFields) {
    return err(
      'workbook-too-many-fields',
      `问题数据表的隐藏信息列出了 ${meta.fields.length} 个字段，超过工作表能容纳的 ${maxMetaFields} 列，已被改动或损坏，无法合并；请重新导出问题数据表`,
      `The workbook's hidden sheet lists ${meta.fields.length} fields, more than the ${maxMetaFields} columns a sheet holds; it was altered or damaged`,
    );
  }
  const known = new Set(workspace.dataset.fields.map((f) => f.name));
  const fields = meta.fields.filter((name) => known.has(name));

  // The values each record had when the workbook was written.
  const base = new Map<number, string[]>();
  for (const number of rowsOf(mergeSheet)) {
    if (number === 1) continue;
    const id = cellText(cellAt(mergeSheet, number, 1));
    const rid = 'text' in id ? parseRecordId(id.text) : undefined;
    if (rid === undefined) continue;
    base.set(
      rid,
      meta.fields.map((_, i) => {
        const text = cellText(cellAt(mergeSheet, number, i + 2));
        return 'text' in text ? text.text : '';
      }),
    );
  }

  // The department's columns, found by their headers (titles), so moved columns still merge.
  const titleToField = new Map(workspace.dataset.fields.map((f) => [f.title, f.name]));
  let ridColumn: number | undefined;
  const columnOfField = new Map<string, number>();
  const columnOfSource = new Map<string, number>();
  const headerRow = ((dataSheet['!data'] ?? []) as (XLSX.CellObject[] | undefined)[])[0] ?? [];
  headerRow.forEach((cell, index) => {
    const column = index + 1;
    const read = cellText(cell);
    const header = ('text' in read ? read.text : '').trim();
    if (header === recordIdHeader) ridColumn = column;
    else if ((provenanceHeaders as readonly string[]).includes(header))
      columnOfSource.set(header, column);
    const field = titleToField.get(header);
    if (field !== undefined && fields.includes(field)) columnOfField.set(field, column);
  });
  if (ridColumn === undefined) {
    return err(
      'workbook-no-record-id',
      `问题数据表中找不到「${recordIdHeader}」列，无法按记录合并；请不要删除或改名这一列`,
      `The workbook has no "${recordIdHeader}" column; records cannot be matched`,
    );
  }
  const idColumn = ridColumn;

  /** One row of the data sheet, by record id. */
  interface TheirRow {
    readonly row: number;
    readonly recordId: string;
    readonly cells: Map<string, { text: string } | { problem: string }>;
    /** The provenance cells (来源文件, 工作表, 原表行号) by header. */
    readonly source: Map<string, string>;
  }
  const theirs = new Map<number, TheirRow>();
  const duplicates: number[] = [];
  const unreadableRows: UnreadableRow[] = [];
  for (const number of rowsOf(dataSheet)) {
    if (number === 1) continue;
    const idCell = cellAt(dataSheet, number, idColumn);
    const id = cellText(idCell);
    const idText = 'text' in id ? id.text : (idCell?.w ?? '');
    const cells = new Map<string, { text: string } | { problem: string }>();
    for (const [field, column] of columnOfField)
      cells.set(field, readCell(cellAt(dataSheet, number, column)));
    const rid = 'text' in id ? parseRecordId(id.text) : undefined;
    if (rid === undefined) {
      const isBlank = [...cells.values()].every((c) => 'text' in c && c.text === '');
      if (idText === '' && isBlank) continue;
      unreadableRows.push({
        row: number,
        recordId: idText,
        reason:
          idText === ''
            ? `这一行没有${recordIdHeader}，未合并；请不要删除${recordIdHeader}，也不要新增行`
            : `${recordIdHeader}「${idText}」不是导出时的编号（只能是数字），未合并；请改回导出时的${recordIdHeader}`,
      });
      continue;
    }
    if (theirs.has(rid)) {
      duplicates.push(rid);
      continue;
    }
    const source = new Map<string, string>();
    for (const [header, column] of columnOfSource) {
      const text = cellText(cellAt(dataSheet, number, column));
      source.set(header, 'text' in text ? text.text : '');
    }
    theirs.set(rid, { row: number, recordId: idText, cells, source });
  }

  const ours = new Map<number, readonly (string | null)[]>();
  for (const record of workspace.iterateRecords()) {
    if (theirs.has(record.rid)) ours.set(record.rid, record.values);
  }
  const fieldIndex = new Map(workspace.dataset.fields.map((f, i) => [f.name, i]));
  const metaIndex = new Map(meta.fields.map((name, i) => [name, i]));
  const keyFields = (workspace.dataset.primaryKey ?? []).filter((f) => columnOfField.has(f));
  const titleOf = new Map(workspace.dataset.fields.map((f) => [f.name, f.title]));

  /**
   * Whether a row is the record its id names: each key field as exported or as the project has
   * it now; a key the department corrected is confirmed by the row's source file, sheet and row.
   */
  const isSameRecord = (
    rid: number,
    their: TheirRow,
    current: readonly (string | null)[],
    was: readonly string[],
  ): boolean => {
    const isKeyKept =
      keyFields.length > 0 &&
      keyFields.every((field) => {
        const cell = their.cells.get(field);
        if (cell === undefined || 'problem' in cell) return false;
        const exported = was[metaIndex.get(field) as number] ?? '';
        const now = current[fieldIndex.get(field) as number] ?? '';
        return cell.text === exported || cell.text === now;
      });
    if (isKeyKept) return true;
    const source = workspace.sourceOf(rid);
    const [, fileHeader, sheetHeader, rowHeader] = provenanceHeaders;
    return (
      source !== undefined &&
      their.source.get(fileHeader) === source.file &&
      their.source.get(sheetHeader) === source.sheet &&
      their.source.get(rowHeader) === String(source.sourceRow)
    );
  };

  const changes: { rid: number; field: string; value: string }[] = [];
  const conflicts: MergeConflict[] = [];
  const unreadable: UnreadableCell[] = [];
  const unknown: number[] = [];
  let alreadyEqual = 0;
  let compared = 0;
  for (const [rid, their] of theirs) {
    compared += 1;
    if (compared % 1000 === 0) {
      if (isCancelled()) return cancelled();
      options.onProgress?.(compared, theirs.size);
    }
    const current = ours.get(rid);
    const was = base.get(rid);
    if (current === undefined || was === undefined) {
      unknown.push(rid);
      continue;
    }
    if (!isSameRecord(rid, their, current, was)) {
      const key = keyFields.map((f) => `「${titleOf.get(f) ?? f}」`).join('');
      unreadableRows.push({
        row: their.row,
        recordId: their.recordId,
        reason: `这一行的${key === '' ? '来源' : `主键${key}和来源`}与项目中${recordIdHeader} ${rid} 的记录不一致（${recordIdHeader}可能被改动过），未合并；请核对后重新发回`,
      });
      continue;
    }
    const { cells } = their;
    for (const [field, cell] of cells) {
      const baseValue = was[metaIndex.get(field) as number] ?? '';
      if ('problem' in cell) {
        unreadable.push({ rid, field, reason: cell.problem });
        continue;
      }
      if (cell.text === baseValue) continue;
      // A value they changed, as the project would store it (女 -> 2, 1988年8月8日 ->
      // 1988-08-08): a name typed for the code already there is no change.
      const text = workspace.standardValue(field, cell.text);
      if (text === baseValue) continue;
      const now = current[fieldIndex.get(field) as number] ?? '';
      if (now === text) {
        alreadyEqual += 1;
      } else if (now !== baseValue) {
        conflicts.push({ rid, field, base: baseValue, theirs: cell.text, ours: now });
      } else {
        changes.push({ rid, field, value: cell.text });
      }
    }
  }

  if (isCancelled()) return cancelled();
  options.onProgress?.(theirs.size, theirs.size);
  let operationId: number | undefined;
  if (changes.length > 0) {
    const summary = {
      zh: `合并问题数据表 ${basename(path)}：${changes.length} 处修改${conflicts.length > 0 ? `，${conflicts.length} 处冲突未合并` : ''}`,
      en: `Merged the error workbook ${basename(path)}: ${changes.length} change(s)${conflicts.length > 0 ? `, ${conflicts.length} conflict(s) not merged` : ''}`,
    };
    const applied = await workspace.applyCellChanges('merge', summary, changes, {
      ...actor,
      why: actor.why ?? `部门修改后发回的问题数据表 ${basename(path)}`,
    });
    if (!applied.ok) return applied;
    operationId = applied.value;
  }
  return ok({
    ...(operationId === undefined ? {} : { operationId }),
    records: theirs.size,
    applied: changes.length,
    alreadyEqual,
    conflicts,
    unreadable,
    unreadableRows,
    unknownRecords: unknown,
    duplicateRecords: duplicates,
  });
}
