/**
 * Incremental submissions (增量报送, issue #15): an incremental package holds only the records
 * added, changed and removed since a base package, each marked by an operation column and a
 * record-level update time. These are the pure parts: the columns a pack asks for, a record's
 * key, and how a base's data and its deltas rebuild the full data (what the province does).
 */
import type { Dataset, Pack } from '../pack/pack-schema.ts';
import type { TableField } from './package-manifest.ts';

/** What a package holds: every record (全量) or the changes since a base (增量). */
export type PackageMode = 'full' | 'incremental';

/** The Chinese names of the modes, as a package's `x-submission.mode` says them. */
export const packageModeNames: Readonly<Record<PackageMode, '全量' | '增量'>> = {
  full: '全量',
  incremental: '增量',
};

/** The operation and update-time columns of an incremental package, with the pack's values. */
export interface IncrementColumns {
  readonly operation: {
    readonly name: string;
    readonly title: string;
    readonly added: string;
    readonly changed: string;
    readonly removed: string;
  };
  readonly updated: { readonly name: string; readonly title: string };
}

/** The columns a pack asks for, the province's common convention where it says nothing. */
export function incrementColumnsOf(pack: Pack): IncrementColumns {
  return {
    operation: pack.increment?.operation ?? {
      name: 'CZLX',
      title: '操作类型',
      added: '新增',
      changed: '变更',
      removed: '删除',
    },
    updated: pack.increment?.updated ?? { name: 'GXSJ', title: '更新时间' },
  };
}

/** The Table Schema fields of the two columns, appended after the data fields. */
export function createIncrementTableFields(columns: IncrementColumns): TableField[] {
  const { operation, updated } = columns;
  return [
    {
      name: operation.name,
      title: operation.title,
      type: 'string',
      constraints: {
        required: true,
        enum: [operation.added, operation.changed, operation.removed],
      },
    },
    {
      name: updated.name,
      title: updated.title,
      type: 'string',
      constraints: { required: true },
      'x-format': 'datetime',
    },
  ];
}

/**
 * Why a dataset cannot be packaged incrementally, or undefined when it can: it needs a primary
 * key, every key field written whole (not masked or dropped), and no clash with the columns.
 */
export function checkIncrementable(
  dataset: Dataset,
  shownWhole: readonly string[],
  columns: IncrementColumns,
): { zh: string; en: string } | undefined {
  const key = dataset.primaryKey ?? [];
  if (key.length === 0) {
    return {
      zh: `数据集「${dataset.title}」没有主键，无法判断哪些记录新增、变更或删除，只能全量报送`,
      en: `Dataset "${dataset.title}" has no primary key, so it can only be submitted in full`,
    };
  }
  const hidden = key.filter((name) => !shownWhole.includes(name));
  if (hidden.length > 0) {
    return {
      zh: `主键字段 ${hidden.join('、')} 在这种数据包中被脱敏或删除，无法增量报送，请改用全量`,
      en: `Key fields ${hidden.join(', ')} are masked or dropped in this kind of package; submit in full`,
    };
  }
  const names = dataset.fields.map((f) => f.name);
  for (const name of [columns.operation.name, columns.updated.name]) {
    if (names.includes(name)) {
      return {
        zh: `标准包的增量列名 ${name} 与数据集的字段重名，请在标准包中改用其他列名`,
        en: `The increment column ${name} clashes with a field of the dataset`,
      };
    }
  }
  return undefined;
}

/** A record's key as written: its key values, in key order, as JSON (no separator can clash). */
export function recordKey(values: readonly string[], keyPositions: readonly number[]): string {
  return JSON.stringify(keyPositions.map((i) => values[i] ?? ''));
}

/** How many records an increment adds, changes, removes and leaves as they were. */
export interface IncrementCounts {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  readonly unchanged: number;
}
