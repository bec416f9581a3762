/**
 * One benchmark step, run in its own process by scripts/bench.ts: imports a demo CSV into a
 * new project file (rows streamed through the mapping engine into sql.js in one transaction, indexes
 * after the load, every rule run, then an atomic save), and prints this process's peak memory.
 *
 *   npx tsx scripts/bench-workspace-import.ts <demo.csv> <project.dsw>
 */
import { rm } from 'node:fs/promises';
import { createRecordMapper } from '../shared/mapping/create-record-mapper.ts';
import { findBundledPack } from '../shared/packs/index.ts';
import { openTable } from '../electron/engine/import/open-workbook.ts';
import { chooseMapping } from '../electron/engine/mapping/choose-mapping.ts';
import { peekRows, samplesOf } from '../electron/engine/mapping/read-column-values.ts';
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
const table = await openTable(csv);
if (!table.ok) throw new Error(table.error.message.en);
const headers = table.value.columns;
let rows = table.value.rows();
// The same path the app takes: the suggested mapping (or a stored template), rows streamed
// through the record mapper into the project.
const choice = await chooseMapping(pack, workspace.dataset, headers, {
  ignoreStore: true,
  samples: async () => {
    const peeked = await peekRows(rows, 500);
    rows = peeked.all;
    return samplesOf(headers, peeked.head);
  },
});
if (!choice.ok) throw new Error(choice.error.message.en);
const mapper = createRecordMapper(pack, workspace.dataset, choice.value.mapping, headers, {});
if (!mapper.ok) throw new Error(mapper.error.message.en);
const imported = await workspace.importRecords(
  {
    file: table.value.file,
    sheet: table.value.sheet,
    format: table.value.format,
    headerRow: table.value.headerRow,
    columns: headers,
  },
  rows,
  (cells) => mapper.value.map(cells).values,
  { who: 'bench', context: { today: '2026-11-26' } },
);
if (!imported.ok) throw new Error(imported.error.message.en);
await workspace.close();
await table.value.close();
process.stderr.write(
  `imported ${imported.value.rows} rows, ${imported.value.summary.errors} errors\n`,
);
