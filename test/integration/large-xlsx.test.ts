/**
 * A 1,000,000-row xlsx imports every row. SheetJS returns an EMPTY sheet for it with no error
 * (the sheet's XML, ~590 MB, is longer than the longest string Node allows), so this is the
 * streaming reader's test. Too slow for CI on a small machine (about a minute and a half), so it
 * runs with `npm run test:large` (too slow for every CI run); `npm run bench` (scripts/bench-import.ts)
 * proves it too.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../electron/engine/import/open-workbook.ts';
import { benchColumns, writeBenchXlsx } from '../../scripts/bench-import.ts';
import { repoRoot } from '../helpers/run-steward.ts';

const rows = 1_000_000;

describe('a 1,000,000-row xlsx', () => {
  it('imports every row, in order, with exact 18-digit IDs', { timeout: 20 * 60_000 }, async () => {
    const dir = join(repoRoot, '.bench');
    const path = join(dir, `register-${rows}.xlsx`);
    if (!existsSync(path)) {
      await mkdir(dir, { recursive: true });
      await writeBenchXlsx(path, rows);
    }
    const table = await openTable(path);
    if (!table.ok) throw new Error(table.error.message.en);
    expect(table.value.headerRow).toBe(2);
    expect(table.value.columns).toEqual([...benchColumns]);
    expect(table.value.rowCount).toBe(rows);
    let count = 0;
    let previous = 2;
    let badIds = 0;
    for await (const record of table.value.rows()) {
      count += 1;
      if (record.sourceRow !== previous + 1)
        throw new Error(`row ${record.sourceRow} out of order`);
      previous = record.sourceRow;
      if (!/^\d{17}[\dX]$/.test(record.cells[4] ?? '')) badIds += 1;
    }
    expect(count).toBe(rows);
    expect(previous).toBe(rows + 2);
    expect(badIds).toBe(0);
  });
});
