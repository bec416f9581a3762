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
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { err, ok, type Result } from '../../../shared/result.ts';
import type { RuleContext } from '../../../shared/rules/rule-issue.ts';
import type { Actor, ProgressListener, Workspace } from '../workspace/workspace.ts';
import {
  dataSheetName,
  errorWorkbookFormat,
  mergeSheetName,
  recordIdHeader,
} from './write-error-workbook.ts';

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

function notErrorWorkbook(): Result<never> {
  return err(
    'not-error-workbook',
    '这不是工作台导出的问题数据表（缺少合并所需的隐藏信息），无法合并',
    'This is not an error workbook written by the workbench (the hidden merge sheet is missing)',
  );
}

/** The text of a cell as the department left it, or why it cannot be trusted. */
function cellText(value: ExcelJS.CellValue): { text: string } | { problem: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) >= 1e15) {
      return {
        problem: `单元格被转成了数字 ${value}，长数字已失去精度；请把单元格设为文本后重新输入`,
      };
    }
    return { text: String(value) };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return cellText(result ?? null);
  }
  if ('text' in value && typeof value.text === 'string') return { text: value.text };
  if ('error' in value) return { problem: `单元格是错误值 ${String(value.error)}` };
  return { problem: '无法读取单元格的值' };
}

/** How a merge reports progress and is cancelled (before anything changes). */
export interface MergeOptions {
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
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return err(
      'workbook-unreadable',
      `无法读取问题数据表：${basename(path)}（${reason}）`,
      `Cannot read the error workbook ${basename(path)} (${reason})`,
    );
  }
  if (isCancelled()) return cancelled();
  const mergeSheet = workbook.getWorksheet(mergeSheetName);
  const dataSheet = workbook.getWorksheet(dataSheetName);
  if (mergeSheet === undefined || dataSheet === undefined) return notErrorWorkbook();
  let meta: z.infer<typeof metaSchema>;
  try {
    const parsed = metaSchema.safeParse(JSON.parse(String(mergeSheet.getCell(1, 1).value)));
    if (!parsed.success) return notErrorWorkbook();
    meta = parsed.data;
  } catch {
    return notErrorWorkbook();
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
  const known = new Set(workspace.dataset.fields.map((f) => f.name));
  const fields = meta.fields.filter((name) => known.has(name));

  // The values each record had when the workbook was written.
  const base = new Map<number, string[]>();
  mergeSheet.eachRow((row, number) => {
    if (number === 1) return;
    const id = cellText(row.getCell(1).value);
    const rid = 'text' in id ? Number(id.text) : Number.NaN;
    if (!Number.isInteger(rid)) return;
    base.set(
      rid,
      meta.fields.map((_, i) => {
        const text = cellText(row.getCell(i + 2).value);
        return 'text' in text ? text.text : '';
      }),
    );
  });

  // The department's columns, found by their headers (titles), so moved columns still merge.
  const titleToField = new Map(workspace.dataset.fields.map((f) => [f.title, f.name]));
  let ridColumn: number | undefined;
  const columnOfField = new Map<string, number>();
  dataSheet.getRow(1).eachCell((cell, column) => {
    const header = String(cell.text).trim();
    if (header === recordIdHeader) ridColumn = column;
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

  const theirs = new Map<number, Map<string, { text: string } | { problem: string }>>();
  const duplicates: number[] = [];
  dataSheet.eachRow((row, number) => {
    if (number === 1) return;
    const id = cellText(row.getCell(ridColumn as number).value);
    const rid = 'text' in id ? Number(id.text.trim()) : Number.NaN;
    if (!Number.isInteger(rid) || rid <= 0) return;
    if (theirs.has(rid)) {
      duplicates.push(rid);
      return;
    }
    const cells = new Map<string, { text: string } | { problem: string }>();
    for (const [field, column] of columnOfField)
      cells.set(field, cellText(row.getCell(column).value));
    theirs.set(rid, cells);
  });

  const ours = new Map<number, readonly (string | null)[]>();
  for (const record of workspace.iterateRecords()) {
    if (theirs.has(record.rid)) ours.set(record.rid, record.values);
  }
  const fieldIndex = new Map(workspace.dataset.fields.map((f, i) => [f.name, i]));
  const metaIndex = new Map(meta.fields.map((name, i) => [name, i]));

  const changes: { rid: number; field: string; value: string }[] = [];
  const conflicts: MergeConflict[] = [];
  const unreadable: UnreadableCell[] = [];
  const unknown: number[] = [];
  let alreadyEqual = 0;
  let compared = 0;
  for (const [rid, cells] of theirs) {
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
    for (const [field, cell] of cells) {
      const baseValue = was[metaIndex.get(field) as number] ?? '';
      if ('problem' in cell) {
        unreadable.push({ rid, field, reason: cell.problem });
        continue;
      }
      if (cell.text === baseValue) continue;
      const now = current[fieldIndex.get(field) as number] ?? '';
      if (now === cell.text) {
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
    const summary = `合并问题数据表 ${basename(path)}：${changes.length} 处修改${conflicts.length > 0 ? `，${conflicts.length} 处冲突未合并` : ''}`;
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
    unknownRecords: unknown,
    duplicateRecords: duplicates,
  });
}
