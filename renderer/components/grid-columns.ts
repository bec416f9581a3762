import { z } from 'zod';
import type { PackSummary } from '../../shared/ipc/contract.ts';

type Field = PackSummary['datasets'][number]['fields'][number];

/**
 * The clerk's column layout of the records grid (列宽, 冻结, 隐藏), kept per project and pack.
 * It is view state, so it lives in the renderer's localStorage, keyed by project, pack and
 * dataset, not in the project file: changing it is not an operation (no undo entry, no autosave,
 * no change to the package's bytes), and the engine never hears of it.
 */
export interface ColumnLayout {
  /** Widths the clerk set, in px, by field name. */
  readonly widths: Readonly<Record<string, number>>;
  /** The last frozen field; null: only the row number is frozen; absent: the default. */
  readonly frozenThrough?: string | null;
  /** The fields not shown. */
  readonly hidden: readonly string[];
}

/** One drawn column: its field, where its values are in a record, its width and place. */
export interface GridColumn {
  readonly field: Field;
  /** The field's index in the dataset (a record's `values` are in that order). */
  readonly index: number;
  readonly width: number;
  /** Its left edge in px from the grid's left edge (the row number included). */
  readonly left: number;
  readonly isFrozen: boolean;
}

/** The columns of the grid as drawn. */
export interface ColumnView {
  /** The shown columns, in the dataset's order. */
  readonly columns: readonly GridColumn[];
  /** The width of the row number and the frozen columns together. */
  readonly frozenWidth: number;
  readonly totalWidth: number;
}

/** The narrowest a column can be dragged: the filter button and a character or two. */
export const minColumnWidth = 48;
/** The widest double-click makes a column (a long address stays readable, not a screen wide). */
export const maxFitWidth = 480;
/** The row-number column (原表行号), always shown and frozen. */
export const rowNumberWidth = 84;

/** A layout with nothing set: default widths and frozen columns, every column shown. */
export const emptyColumnLayout: ColumnLayout = { widths: {}, hidden: [] };

/** Titles of the columns a clerk keeps in view while scrolling right (序号, 姓名, a 名称 first). */
const frozenTitles = /^(序号|姓名)$|名称$/;

/** The width a field starts at: IDs and credit codes wider, dates narrower. */
export function defaultColumnWidth(field: Field): number {
  if (field.format === 'gb11643' || field.format === 'gb32100') return 180;
  return field.type === 'date' ? 116 : 140;
}

/**
 * The field frozen through by default: the last of the first two fields titled 序号, 姓名 or
 * …名称, so a person's or an entity's name stays beside the data; undefined: none.
 */
export function defaultFrozenThrough(fields: readonly Field[]): string | undefined {
  return fields
    .slice(0, 2)
    .filter((field) => frozenTitles.test(field.title))
    .at(-1)?.name;
}

/** The columns as drawn for a layout: hidden ones left out, widths and frozen places set. */
export function createColumnView(fields: readonly Field[], layout: ColumnLayout): ColumnView {
  const hidden = new Set(layout.hidden);
  const frozenThrough =
    layout.frozenThrough === undefined ? defaultFrozenThrough(fields) : layout.frozenThrough;
  const frozenIndex =
    frozenThrough === null || frozenThrough === undefined
      ? -1
      : fields.findIndex((field) => field.name === frozenThrough);
  const columns: GridColumn[] = [];
  let left = rowNumberWidth;
  let frozenWidth = rowNumberWidth;
  fields.forEach((field, index) => {
    if (hidden.has(field.name)) return;
    const width = Math.max(minColumnWidth, layout.widths[field.name] ?? defaultColumnWidth(field));
    const isFrozen = index <= frozenIndex;
    columns.push({ field, index, width, left, isFrozen });
    left += width;
    if (isFrozen) frozenWidth += width;
  });
  return { columns, frozenWidth, totalWidth: left };
}

/**
 * The width that fits a column's content: the widest of the measured widths (the header's and
 * the drawn cells', padding included), within the minimum and `maxFitWidth`.
 */
export function fitColumnWidth(measured: readonly number[]): number {
  const widest = Math.ceil(Math.max(0, ...measured));
  return Math.min(maxFitWidth, Math.max(minColumnWidth, widest));
}

/** A layout with one column's width set (never below the minimum). */
export function setColumnWidth(layout: ColumnLayout, field: string, width: number): ColumnLayout {
  return {
    ...layout,
    widths: { ...layout.widths, [field]: Math.max(minColumnWidth, Math.round(width)) },
  };
}

/** A layout with a column hidden or shown again. */
export function setColumnHidden(
  layout: ColumnLayout,
  field: string,
  isHidden: boolean,
): ColumnLayout {
  const others = layout.hidden.filter((name) => name !== field);
  return { ...layout, hidden: isHidden ? [...others, field] : others };
}

/** Where a project's grid layout is kept: by project, pack and dataset. */
export function columnLayoutKey(projectId: string, packId: string, dataset: string): string {
  return `dsw.grid-columns:${projectId}:${packId}:${dataset}`;
}

const storedLayout = z.object({
  widths: z.record(z.string(), z.number().finite().positive()).default({}),
  frozenThrough: z.string().nullable().optional(),
  hidden: z.array(z.string()).default([]),
});

/**
 * A layout as stored (JSON). localStorage is outside the app's control (an older build, a hand
 * edit), so it is checked: anything unreadable is the empty layout, never a crash.
 */
export function parseColumnLayout(text: string | null): ColumnLayout {
  if (text === null) return emptyColumnLayout;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Not JSON: the stored layout is ignored; the defaults are a complete layout.
    console.warn('grid column layout: not JSON, defaults used', error);
    return emptyColumnLayout;
  }
  const parsed = storedLayout.safeParse(json);
  if (!parsed.success) {
    console.warn('grid column layout: not a layout, defaults used', parsed.error);
    return emptyColumnLayout;
  }
  const { widths, frozenThrough, hidden } = parsed.data;
  return frozenThrough === undefined ? { widths, hidden } : { widths, frozenThrough, hidden };
}
