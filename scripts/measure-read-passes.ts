/**
 * CPU time of reading a CSV's table as `steward package` does (issue #11): surveyed whole, then
 * streamed (two passes), against read once (`isSinglePass`). Run with
 * `node --import tsx scripts/measure-read-passes.ts <file.csv>`; a measurement, never a test.
 */
import { openTable } from '../electron/engine/import/open-workbook.ts';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: measure-read-passes.ts <file.csv>');

async function read(isSinglePass: boolean): Promise<void> {
  const started = process.cpuUsage();
  const wall = performance.now();
  const table = await openTable(path as string, { isSinglePass });
  if (!table.ok) throw new Error(table.error.message.en);
  const opened = process.cpuUsage(started);
  let rows = 0;
  for await (const _record of table.value.rows()) rows += 1;
  const total = process.cpuUsage(started);
  const seconds = (usage: NodeJS.CpuUsage) => ((usage.user + usage.system) / 1e6).toFixed(2);
  console.log(
    `${isSinglePass ? 'one pass ' : 'two passes'}: ${rows} rows; CPU ${seconds(total)} s (until the table opened: ${seconds(opened)} s); wall ${((performance.now() - wall) / 1000).toFixed(2)} s`,
  );
}

for (const isSinglePass of [false, true, false, true]) await read(isSinglePass);
