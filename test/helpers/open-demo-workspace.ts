/** Test helpers: a workspace filled from generated demo data, mapped by exact headers. */
import { join } from 'node:path';
import { createDemo } from '../../shared/demo/create-demo.ts';
import { matchColumnsExactly } from '../../shared/mapping/match-columns-exactly.ts';
import { findBundledPack } from '../../shared/packs/index.ts';
import { openTable } from '../../electron/engine/import/open-workbook.ts';
import { writeDemoData, type DemoTruth } from '../../electron/engine/demo/write-demo-data.ts';
import { Workspace } from '../../electron/engine/workspace/workspace.ts';

/** The rule context every workspace test uses. */
export const context = { today: '2026-11-26' };

/** The demo register (`steward demo-data`'s pop-base population) written to `dir` as a CSV. */
export async function writeDemoCsv(
  dir: string,
  options: { rows: number; seed: number; errorRate: number; name?: string },
): Promise<{ csv: string; truth: DemoTruth }> {
  const pack = findBundledPack('pop-base');
  if (pack === undefined) throw new Error('pop-base is bundled');
  const demoOptions = { ...options, today: context.today };
  const generator = createDemo(pack, demoOptions);
  if (!generator.ok) throw new Error(generator.error.message.en);
  const csv = join(dir, `${options.name ?? 'demo'}.csv`);
  const truth = await writeDemoData(generator.value, demoOptions, csv);
  return { csv, truth };
}

/** A new, empty project at `path` for pop-base's population dataset. */
export async function createEmptyProject(path: string): Promise<Workspace> {
  const pack = findBundledPack('pop-base');
  if (pack === undefined) throw new Error('pop-base is bundled');
  const created = await Workspace.create(path, {
    pack,
    dataset: 'population',
    department: '牡丹区公安分局',
    period: '2026Q4',
    who: '测试员',
  });
  if (!created.ok) throw new Error(created.error.message.en);
  return created.value;
}

/** Writes demo data to `dir` and imports it into a new project there. */
export async function createDemoWorkspace(
  dir: string,
  options: { rows: number; seed: number; errorRate: number; name?: string },
): Promise<{ workspace: Workspace; truth: DemoTruth; csv: string; path: string }> {
  const { csv, truth } = await writeDemoCsv(dir, options);
  const path = join(dir, `${options.name ?? 'demo'}.dsw`);
  const workspace = await createEmptyProject(path);
  const table = await openTable(csv);
  if (!table.ok) throw new Error(table.error.message.en);
  const dataset = workspace.dataset;
  const match = matchColumnsExactly(dataset, table.value.columns);
  const imported = await workspace.importRecords(
    {
      file: table.value.file,
      sheet: table.value.sheet,
      format: table.value.format,
      encoding: table.value.encoding,
      headerRow: table.value.headerRow,
      columns: table.value.columns,
    },
    table.value.rows(),
    (cells) => {
      const values: (string | undefined)[] = new Array<string | undefined>(
        dataset.fields.length,
      ).fill(undefined);
      match.fieldOfColumn.forEach((field, column) => {
        if (field !== undefined) values[field] = cells[column] ?? '';
      });
      return values;
    },
    { who: '测试员', context },
  );
  if (!imported.ok) throw new Error(imported.error.message.en);
  return { workspace, truth, csv, path };
}
