/**
 * Importing a text file reads it once (issue #11): a file the 导入 step has not surveyed streams
 * into the project as its table is decided from its top rows, and gives the very project an
 * import of the surveyed file gives; a file whose column first shows deep in it is imported
 * whole all the same (surveyed first, after the single pass stopped).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectFile } from '../../../electron/engine/import/inspect-file.ts';
import { OpenedFileCache } from '../../../electron/engine/import/opened-file-cache.ts';
import { importTables } from '../../../electron/engine/session/import-handlers.ts';
import type { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { createEmptyProject, writeDemoCsv } from '../../helpers/open-demo-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

async function demoCsv(name: string, rows: number): Promise<string> {
  return (await writeDemoCsv(temp.dir, { rows, seed: 71, errorRate: 0.2, name })).csv;
}

const emptyProject = (name: string): Promise<Workspace> =>
  createEmptyProject(join(temp.dir, `${name}.dsw`));

/** Imports `csv` with the suggested mapping; the progress reports' totals are collected. */
async function importCsv(
  workspace: Workspace,
  csv: string,
  openedFiles?: OpenedFileCache,
): Promise<{ rows: number; errors: number; warnings: number; totals: (number | undefined)[] }> {
  const totals: (number | undefined)[] = [];
  const imported = await importTables(workspace, [{ path: csv }], undefined, {
    signal: new AbortController().signal,
    progress: (_done, total) => totals.push(total),
    ...(openedFiles === undefined ? {} : { openWorkbook: openedFiles.open }),
  });
  if (!imported.ok) throw new Error(imported.error.message.en);
  const { rows, errors, warnings } = imported.value;
  return { rows, errors, warnings, totals };
}

function storedRecords(workspace: Workspace): unknown[] {
  return [...workspace.iterateRecords()].map((record) => ({ ...record }));
}

describe('importing a text file', () => {
  it('reads a file the 导入 step did not survey once, into the project the surveyed file makes', async () => {
    const csv = await demoCsv('register', 25_000);
    const cold = await emptyProject('cold');
    const inspected = await emptyProject('inspected');
    const openedFiles = new OpenedFileCache();
    try {
      const once = await importCsv(cold, csv);
      // Read once: its rows were not counted before they came, so progress has no total.
      expect(once.totals.length).toBeGreaterThan(0);
      expect(once.totals.every((total) => total === undefined)).toBe(true);

      // As the app does it: 导入 surveys the file and keeps it; the import streams from that.
      const report = await inspectFile(csv, { sampleRows: 8, flaggedRows: 10 }, openedFiles.open);
      if (!report.ok) throw new Error(report.error.message.en);
      const surveyed = await importCsv(inspected, csv, openedFiles);
      expect(surveyed.totals.every((total) => total === 25_000)).toBe(true);

      expect(once.rows).toBe(25_000);
      expect({ ...once, totals: [] }).toEqual({ ...surveyed, totals: [] });
      expect(storedRecords(cold)).toEqual(storedRecords(inspected));
      expect(cold.issueCounts()).toEqual(inspected.issueCounts());
    } finally {
      await openedFiles.clear();
      await cold.close();
      await inspected.close();
    }
  });

  it('imports every row of a file whose column first shows deep in it, as one import', async () => {
    const csv = await demoCsv('late-column', 12_000);
    const lines = (await readFile(csv, 'utf8')).split('\r\n');
    const late = lines.findIndex((line, i) => i > 11_000 && line !== '');
    lines[late] = `${lines[late]},补充说明`;
    await writeFile(csv, lines.join('\r\n'));
    const workspace = await emptyProject('late-column');
    try {
      const imported = await importCsv(workspace, csv);
      expect(imported.rows).toBe(12_000);
      expect(workspace.countRecords()).toBe(12_000);
      // The single pass was rolled back: one import in the history, its rows stored once.
      expect(workspace.history().filter((o) => o.kind === 'import')).toHaveLength(1);
      // Read again surveyed whole: the rows were counted before they came.
      expect(imported.totals.at(-1)).toBe(12_000);
    } finally {
      await workspace.close();
    }
  });

  it('stops at a limit met deep in the file with the reason, the project as it was', async () => {
    const csv = await demoCsv('long-cell', 12_000);
    const lines = (await readFile(csv, 'utf8')).split('\r\n');
    const deep = lines.findIndex((line, i) => i > 11_000 && line !== '');
    lines[deep] = `${lines[deep]?.split(',')[0] ?? ''},${'长'.repeat(1_000_001)}`;
    await writeFile(csv, lines.join('\r\n'));
    const workspace = await emptyProject('long-cell');
    try {
      const imported = await importTables(workspace, [{ path: csv }], undefined, {
        signal: new AbortController().signal,
        progress: () => undefined,
      });
      expect(imported.ok).toBe(false);
      if (imported.ok) return;
      expect(imported.error.code).toBe('cell-too-long');
      expect(imported.error.message.zh).toContain('过长');
      expect(workspace.countRecords()).toBe(0);
      expect(workspace.history().filter((o) => o.kind === 'import')).toHaveLength(0);
    } finally {
      await workspace.close();
    }
  });
});
