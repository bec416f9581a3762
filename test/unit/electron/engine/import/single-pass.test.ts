/**
 * Reading a text file once (issue #11): `openTable(..., { isSinglePass: true })` streams the
 * rows as its survey decides them, and gives the very table the survey-then-stream read gives.
 */
import { readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../../../../electron/engine/import/import-error.ts';
import { openTable } from '../../../../../electron/engine/import/open-workbook.ts';
import type {
  SourceRecord,
  SourceTable,
} from '../../../../../electron/engine/import/source-table.ts';
import { withRows } from '../../../../../electron/engine/mapping/read-column-values.ts';
import { createTempDir, sharedDir } from '../../../../helpers/run-steward.ts';

const corpus = join(sharedDir, 'corpus');
let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

/** Everything a reader of the table sees, once its rows are read to the end. */
async function readWhole(table: SourceTable) {
  const rows: SourceRecord[] = [];
  for await (const record of table.rows()) rows.push(record);
  return {
    format: table.format,
    encoding: table.encoding,
    headerRow: table.headerRow,
    headerRows: table.headerRows,
    headerReason: table.headerReason,
    columns: table.columns,
    requiredColumns: table.requiredColumns,
    rowCount: table.rowCount,
    footerRows: table.footerRows,
    flagged: table.flagged,
    flaggedCount: table.flaggedCount,
    rows,
  };
}

async function readBothWays(path: string) {
  const twice = await openTable(path);
  const once = await openTable(path, { isSinglePass: true });
  if (!twice.ok || !once.ok) return { twice, once };
  return { twice: await readWhole(twice.value), once: await readWhole(once.value) };
}

/** A register with title rows, a footer after a blank row and a note between data rows. */
function registerCsv(rows: number, options: { lateColumnAt?: number } = {}): string {
  const lines = ['某县人口登记表', '填报单位：某镇', '序号,姓名,身份证号,住址'];
  for (let i = 1; i <= rows; i += 1) {
    const extra = i === options.lateColumnAt ? ',,补充说明' : '';
    lines.push(
      `${i},张${i},37170219800101${String(i % 10000).padStart(4, '0')},某村${i}号${extra}`,
    );
    if (i === 150) lines.push('', '注：以下为补录', `${i}a,李${i},1.23457E+17,某村`);
  }
  lines.push('', '合计,' + String(rows), '填表人：王五');
  return `${lines.join('\r\n')}\r\n`;
}

describe('a table read in a single pass', () => {
  it('gives the same table as the survey-then-stream read, for every file of the corpus', async () => {
    // Text files and workbooks alike; a sheet with merged ranges is surveyed whole first.
    const names = (await readdir(corpus)).filter((name) => !/^(MANIFEST|README|SHA256)/.test(name));
    let compared = 0;
    for (const name of names) {
      const path = join(corpus, name);
      const { twice, once } = await readBothWays(path);
      if ('ok' in twice) {
        // A file neither read takes (the same refusal both ways).
        expect(once, name).toEqual(twice);
        continue;
      }
      expect(once, name).toEqual(twice);
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(25);
  });

  it('gives the same rows, footer rows and flags for a register with titles, notes and a footer', async () => {
    const path = join(temp.dir, 'register.csv');
    await writeFile(path, registerCsv(30_000));
    const { twice, once } = await readBothWays(path);
    expect(once).toEqual(twice);
    expect(once).toMatchObject({ headerRow: 3, rowCount: 30_001 });
    expect('footerRows' in once && once.footerRows.length).toBe(3);
  });

  it('reads the file as it was opened, even when it is saved over (replaced) before its rows are read', async () => {
    const path = join(temp.dir, 'saved-over.csv');
    await writeFile(path, registerCsv(40_000));
    const table = await openTable(path, { isSinglePass: true });
    if (!table.ok) throw new Error(table.error.message.en);
    // Excel and WPS save by writing a new file and renaming it over the old one.
    const replacement = join(temp.dir, 'replacement.csv');
    await writeFile(replacement, registerCsv(10));
    await rename(replacement, path);
    const read = await readWhole(table.value);
    expect(read.rowCount).toBe(40_001);
    expect(read.rows.at(-1)?.cells[0]).toBe('40000');
  });

  it('counts every row once they are read, also through the table the mapping step hands on', async () => {
    const path = join(temp.dir, 'counted.csv');
    await writeFile(path, registerCsv(40_000));
    const table = await openTable(path, { isSinglePass: true });
    if (!table.ok) throw new Error(table.error.message.en);
    const mapped = withRows(table.value, table.value.rows());
    expect(mapped.rowCount).toBeLessThan(40_001);
    const read = await readWhole(mapped);
    expect(read.rows).toHaveLength(40_001);
    expect(read.rowCount).toBe(40_001);
    expect(read.footerRows).toHaveLength(3);
  });

  it('stops with layout-changed when a column first shows deep in the file', async () => {
    const path = join(temp.dir, 'late-column.csv');
    await writeFile(path, registerCsv(80_000, { lateColumnAt: 60_000 }));
    const twice = await openTable(path);
    if (!twice.ok) throw new Error(twice.error.message.en);
    expect((await readWhole(twice.value)).columns).toHaveLength(5);
    const once = await openTable(path, { isSinglePass: true });
    if (!once.ok) throw new Error(once.error.message.en);
    const failure = await readWhole(once.value).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportError);
    expect((failure as ImportError).appError.code).toBe('layout-changed');
    expect((failure as ImportError).appError.message.zh).toContain('第 60006 行');
  });
});
