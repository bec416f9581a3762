/**
 * Test helpers for packaging: a project of any bundled pack, filled from its demo generator
 * (or, for a pack that has none yet, from records built from the field definitions), and small
 * readers of a package zip.
 */
import { join } from 'node:path';
import { getBuiltinCodeTable } from '../../shared/code-tables/builtin-code-tables.ts';
import { createDemo } from '../../shared/demo/create-demo.ts';
import type { Dataset, Field, Pack } from '../../shared/pack/pack-schema.ts';
import { isUnrecoverableValue } from '../../shared/package/find-exemption.ts';
import { findBundledPack } from '../../shared/packs/index.ts';
import { openZipBuffer, openZipFile } from '../../electron/engine/package/read-zip.ts';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';

/** The rule context of packaging tests ("today" matches the packages' created time). */
export const packageContext = { today: '2026-11-26' };
/** The created time every test package uses. */
export const packageCreated = new Date('2026-11-26T02:00:00Z');

/** A bundled pack, or a thrown error (the packs are part of the build). */
export function requirePack(id: string): Pack {
  const pack = findBundledPack(id);
  if (pack === undefined) throw new Error(`${id} is bundled`);
  return pack;
}

function syntheticValue(pack: Pack, field: Field, row: number): string {
  if (field.classification.opening === '不予开放') {
    return `机密${field.name}${String(row).padStart(5, '0')}号${row * 7919}`;
  }
  const allowed = field.constraints?.enum;
  if (allowed !== undefined) return allowed[row % allowed.length] ?? '';
  const table = field.constraints?.codeTable;
  if (table !== undefined) {
    const spec = pack.codeTables?.[table];
    const codes =
      spec?.builtin !== undefined
        ? getBuiltinCodeTable(spec.builtin).entries.map((e) => e.code)
        : (spec?.codes ?? []).map((c) => c.code);
    return codes[row % codes.length] ?? '';
  }
  if (field.type === 'date') return `2020-0${1 + (row % 9)}-1${row % 9}`;
  if (field.type === 'integer' || field.type === 'number') return String(row);
  return `${field.title}${row}`;
}

/** Records of a dataset built from its fields (for a pack with no demo generator yet). */
function syntheticRows(pack: Pack, dataset: Dataset, rows: number): string[][] {
  return Array.from({ length: rows }, (_, i) =>
    dataset.fields.map((field) => syntheticValue(pack, field, i + 1)),
  );
}

/**
 * Creates a project in `dir` for a pack's first dataset and imports `rows` demo records (the
 * demo generator's, with its injected problems at `errorRate`), each field from its own column.
 */
export async function createPackWorkspace(
  dir: string,
  packId: string,
  options: { rows: number; seed?: number; errorRate?: number; name?: string },
): Promise<{ workspace: Workspace; path: string; rows: string[][]; isDemo: boolean }> {
  const pack = requirePack(packId);
  const dataset = pack.datasets[0];
  if (dataset === undefined) throw new Error(`${packId} has a dataset`);
  const demo = createDemo(pack, {
    rows: options.rows,
    seed: options.seed ?? 11,
    errorRate: options.errorRate ?? 0.05,
    today: packageContext.today,
  });
  const rows = demo.ok
    ? [...demo.value.rows()].map((cells) => [...cells])
    : syntheticRows(pack, dataset, options.rows);
  const path = join(dir, `${options.name ?? packId}.dsw`);
  const created = await Workspace.create(path, {
    pack,
    dataset: dataset.name,
    department: '牡丹区行政审批服务局',
    period: '2026Q4',
    who: '测试员',
  });
  if (!created.ok) throw new Error(created.error.message.en);
  const workspace = created.value;
  const columns = dataset.fields.map((f) => f.title);
  async function* records(): AsyncIterable<{ sourceRow: number; cells: readonly string[] }> {
    for (let i = 0; i < rows.length; i += 1) yield { sourceRow: i + 2, cells: rows[i] ?? [] };
  }
  const imported = await workspace.importRecords(
    {
      file: `${packId}-演示.xlsx`,
      sheet: '东城街道',
      format: 'xlsx',
      headerRow: 1,
      columns,
    },
    records(),
    (cells) => cells,
    { who: '测试员', context: packageContext },
  );
  if (!imported.ok) throw new Error(imported.error.message.en);
  return { workspace, path, rows, isDemo: demo.ok };
}

/** Exempts every rule that has errors in the project (one exemption per rule, with a reason). */
export async function exemptEveryError(workspace: Workspace): Promise<string[]> {
  const rules = [
    ...new Set(
      workspace
        .issuesOf()
        .filter((i) => i.severity === 'error')
        .map((i) => i.rule),
    ),
  ].sort();
  for (const rule of rules) {
    const added = await workspace.addExemption(
      { rule, reason: '历史档案如此，已核实', reviewer: '李审核' },
      { who: '李审核' },
    );
    if (!added.ok) throw new Error(added.error.message.en);
  }
  // A value a spreadsheet destroyed (3.71702E+17) is let in only when the reviewer names it.
  for (const issue of workspace.issuesOf()) {
    if (issue.severity !== 'error' || !isUnrecoverableValue(issue.value)) continue;
    const named = await workspace.addExemption(
      {
        rule: issue.rule,
        field: issue.field,
        rid: issue.row,
        reason: '原件如此',
        reviewer: '李审核',
      },
      { who: '李审核' },
    );
    if (!named.ok) throw new Error(named.error.message.en);
  }
  return rules;
}

/** Every entry of a zip file (or of a zip in memory), as bytes, in stored order. */
export async function readZipEntries(
  source: string | Buffer,
): Promise<{ entries: Map<string, Buffer>; comment: string }> {
  const zip = typeof source === 'string' ? await openZipFile(source) : await openZipBuffer(source);
  try {
    const entries = new Map<string, Buffer>();
    for (const entry of zip.entries) entries.set(entry.name, await zip.read(entry));
    return { entries, comment: zip.comment };
  } finally {
    zip.close();
  }
}
