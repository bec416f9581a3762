/**
 * A damaged xls that sends SheetJS round a loop: the clerk is told the file is damaged (not
 * "读取超时"), small binaries get a stall bound to their size, and SheetJS prints nothing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStallMs, openWorkbook } from '../../../../../electron/engine/import/open-workbook.ts';
import { readSheetJsSource } from '../../../../../electron/engine/import/sheetjs-source.ts';
import { defaultImportLimits } from '../../../../../shared/import/import-limits.ts';
import { createTempDir, sharedDir } from '../../../../helpers/run-steward.ts';

const corpus = join(sharedDir, 'corpus');
let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

describe('a binary workbook whose parse stalls', () => {
  it('is called a damaged file, to re-save in Excel or WPS', async () => {
    // A fuzz run once met an xls whose damage kept SheetJS busy past the bound; that file now
    // parses in about 1.5 s and no damaged xls is known to loop. So the stall is forced: a bound
    // far shorter than any parse (the worker's start alone takes longer), which is what a
    // looping parse meets.
    const path = join(corpus, 'poi_testEXCEL_95_biff5.xls');
    const opened = await openWorkbook(path, { limits: { stallTimeoutMs: 1 } });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error.code).toBe('corrupt-file');
    expect(opened.error.message.zh).toContain('文件可能已损坏');
    expect(opened.error.message.zh).toContain('另存为 xlsx');
    expect(opened.error.message.zh).not.toContain('超时');
  });

  it('a text file that stalls keeps the timeout message (only a binary parse loops)', async () => {
    const path = join(temp.dir, 'people.csv');
    await writeFile(path, '姓名,年龄\n张三,30\n');
    const opened = await openWorkbook(path, { limits: { stallTimeoutMs: 1 } });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error.code).toBe('timeout');
  });

  it('gets a stall bound in proportion to its size, not a minute for 1 MB', () => {
    const mb = 1024 ** 2;
    expect(openStallMs(mb, 'binary', defaultImportLimits)).toBe(15_000);
    expect(openStallMs(100 * mb, 'binary', defaultImportLimits)).toBe(200_000);
    // Text and xlsx keep the general limit: a large xlsx loads its shared strings first.
    expect(openStallMs(mb, 'other', defaultImportLimits)).toBe(defaultImportLimits.stallTimeoutMs);
  });

  it('keeps SheetJS from printing to the console while it parses a damaged xls', async () => {
    const bytes = await readFile(join(corpus, 'citic_credit_records.xls'));
    bytes.fill(0, 768, 768 + 16);
    const printed = [
      vi.spyOn(console, 'error'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(console, 'log'),
    ];
    try {
      readSheetJsSource(bytes, 'xls');
      for (const spy of printed) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of printed) spy.mockRestore();
    }
  });
});
