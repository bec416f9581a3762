/**
 * One benchmark step, run in its own process by scripts/bench.ts: imports a demo CSV into a
 * new project file (rows streamed through the mapping into sql.js in one transaction, indexes
 * after the load, every rule run, then an atomic save), and prints this process's peak memory.
 *
 *   npx tsx scripts/bench-workspace-import.ts <demo.csv> <project.dsw>
 */
import { rm } from 'node:fs/promises';
import { matchColumnsExactly } from '../shared/mapping/match-columns-exactly.ts';
import { findBundledPack } from '../shared/packs/index.ts';
import { readCsv } from '../electron/engine/import/read-csv.ts';
import { Workspace } from '../electron/engine/workspace/workspace.ts';

const [csv, project] = process.argv.slice(2);
if (csv === undefined || project === undefined)
  throw new Error('usage: bench-workspace-import <demo.csv> <project.dsw>');
process.on('exit', () => {
  process.stderr.write(
    `STEWARD_STATS ${JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
  );
});

const pack = findBundledPack('pop-base');
if (pack === undefined) throw new Error('pop-base is bundled');
await rm(project, { force: true });
await rm(`${project}.lock`, { force: true });
const created = await Workspace.create(project, {
  pack,
  dataset: 'population',
  department: '基准测试',
  period: 'bench',
  who: 'bench',
});
if (!created.ok) throw new Error(created.error.message.en);
const workspace = created.value;
const table = await readCsv(csv);
if (!table.ok) throw new Error(table.error.message.en);
const match = matchColumnsExactly(workspace.dataset, table.value.columns);
const width = workspace.dataset.fields.length;
const imported = await workspace.importRecords(
  {
    file: table.value.file,
    sheet: table.value.sheet,
    format: table.value.format,
    headerRow: table.value.headerRow,
    columns: table.value.columns,
  },
  table.value.rows(),
  (cells) => {
    const values: (string | undefined)[] = new Array<string | undefined>(width).fill(undefined);
    for (let column = 0; column < match.fieldOfColumn.length; column += 1) {
      const field = match.fieldOfColumn[column];
      if (field !== undefined) values[field] = cells[column] ?? '';
    }
    return values;
  },
  { who: 'bench', context: { today: '2026-11-26' } },
);
if (!imported.ok) throw new Error(imported.error.message.en);
await workspace.close();
process.stderr.write(
  `imported ${imported.value.rows} rows, ${imported.value.summary.errors} errors\n`,
);
