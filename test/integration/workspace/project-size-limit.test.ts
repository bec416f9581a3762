/**
 * A project larger than sql.js's 2 GB heap holds (about 3,000,000 records) is never started:
 * an import that would pass the size limit is refused before its rows are written, one that
 * passes it on the way is stopped and rolled back, SQLite running out of memory is caught, and a
 * project file above the limit is not opened. Each time the clerk reads a plain message (split
 * the file by 区划/年份, or package straight from the file with the command line), and the
 * project stays as saved. The limits are lowered through the workspace's options, so a few
 * thousand rows stand in for millions.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTables } from '../../../electron/engine/session/import-handlers.ts';
import type { ProjectLimits } from '../../../electron/engine/workspace/project-size.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { openTable } from '../../../electron/engine/import/open-workbook.ts';
import { matchColumnsExactly } from '../../../shared/mapping/match-columns-exactly.ts';
import { context, createDemoWorkspace, writeDemoCsv } from '../../helpers/open-demo-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

const sha256 = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

/** A saved project of 200 records, reopened with `limits`. */
async function projectWith(
  name: string,
  limits: (fileBytes: number) => ProjectLimits,
): Promise<{ workspace: Workspace; path: string; csv: string }> {
  const made = await createDemoWorkspace(temp.dir, { rows: 200, seed: 61, errorRate: 0, name });
  await made.workspace.close();
  const opened = await Workspace.open(made.path, {
    limits: limits((await stat(made.path)).size),
  });
  if (!opened.ok) throw new Error(opened.error.message.en);
  return { workspace: opened.value, path: made.path, csv: made.csv };
}

/** A demo register of `rows` rows to import. */
async function demoCsv(name: string, rows: number): Promise<string> {
  return (await writeDemoCsv(temp.dir, { rows, seed: 62, errorRate: 0, name })).csv;
}

/** The message a clerk reads: what happened and the two ways on, no library text. */
function expectPlainRefusal(message: string): void {
  expect(message).toContain('数据量太大');
  expect(message).toContain('按区划或年份拆分');
  expect(message).toContain('steward package');
  expect(message).not.toMatch(/out of memory|RangeError|Error|at /);
}

describe('a project that would pass the size limit', () => {
  it('is refused before an import writes a row, the project unchanged', async () => {
    const { workspace, path } = await projectWith('estimate', (bytes) => ({
      sizeLimitBytes: bytes + 100_000,
    }));
    const before = await sha256(path);
    const csv = await demoCsv('estimate-more', 2000);
    const imported = await importTables(workspace, [{ path: csv }], undefined, {
      signal: new AbortController().signal,
      progress: () => undefined,
    });
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.error.code).toBe('project-too-large');
    expectPlainRefusal(imported.error.message.zh);
    expect(workspace.countRecords()).toBe(200);
    expect(workspace.history().filter((o) => o.kind === 'import')).toHaveLength(1);
    await workspace.close();
    expect(await sha256(path)).toBe(before);
  });

  it('stops an import when the database passes the limit, and rolls it back', async () => {
    const { workspace, path } = await projectWith('midway', (bytes) => ({
      sizeLimitBytes: bytes + 200_000,
    }));
    // Straight into the workspace, with no estimate first: the limit is met on the way.
    const imported = await importCsv(workspace, await demoCsv('midway-more', 6000));
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.error.code).toBe('project-too-large');
    expectPlainRefusal(imported.error.message.zh);
    await expectUnharmed(workspace, path, 'midway');
  });

  it('catches SQLite running out of memory in an import (its heap limit lowered)', async () => {
    const { workspace, path } = await projectWith('heap', () => ({
      sizeLimitBytes: 1024 ** 3,
      heapLimitBytes: 6 * 1024 * 1024,
    }));
    const imported = await importCsv(workspace, await demoCsv('heap-more', 20_000));
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.error.code).toBe('project-too-large');
    expectPlainRefusal(imported.error.message.zh);
    expect(imported.error.details?.join(' ')).toMatch(/out of memory|no transaction/);
    await expectUnharmed(workspace, path, 'heap');
  });

  it('is not opened when its file is larger than the limit, and opens with room', async () => {
    const made = await createDemoWorkspace(temp.dir, {
      rows: 50,
      seed: 63,
      errorRate: 0,
      name: 'big-file',
    });
    await made.workspace.close();
    const before = await sha256(made.path);
    const refused = await Workspace.open(made.path, { limits: { sizeLimitBytes: 10_000 } });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('project-too-large');
    expect(refused.error.message.zh).toContain('项目文件太大');
    expect(refused.error.message.zh).toContain('按区划或年份拆分');
    expect(refused.error.message.zh).toContain('steward package');
    expect(await sha256(made.path)).toBe(before);
    // Not locked by the refusal: it opens at once where it fits.
    const opened = await Workspace.open(made.path);
    if (!opened.ok) throw new Error(opened.error.message.en);
    expect(opened.value.countRecords()).toBe(50);
    await opened.value.close();
  });
});

/** Imports a demo CSV straight into the workspace, mapped by its exact headers. */
async function importCsv(
  workspace: Workspace,
  csv: string,
): ReturnType<Workspace['importRecords']> {
  const table = await openTable(csv);
  if (!table.ok) throw new Error(table.error.message.en);
  const { dataset } = workspace;
  const match = matchColumnsExactly(dataset, table.value.columns);
  return workspace.importRecords(
    {
      file: table.value.file,
      sheet: table.value.sheet,
      format: table.value.format,
      headerRow: table.value.headerRow,
      columns: table.value.columns,
    },
    table.value.rows(),
    (cells) => {
      const values = new Array<string | undefined>(dataset.fields.length).fill(undefined);
      match.fieldOfColumn.forEach((field, column) => {
        if (field !== undefined) values[field] = cells[column] ?? '';
      });
      return values;
    },
    { who: '测试员', context },
  );
}

/** The project kept its 200 records, still takes an edit durably, and reopens with it. */
async function expectUnharmed(workspace: Workspace, path: string, value: string): Promise<void> {
  expect(workspace.countRecords()).toBe(200);
  expect(workspace.history().filter((o) => o.kind === 'import')).toHaveLength(1);
  const edited = await workspace.editCell(3, 'XM', value, { who: '测试员', context });
  expect(edited.ok).toBe(true);
  await workspace.close();
  const reopened = await Workspace.open(path);
  if (!reopened.ok) throw new Error(reopened.error.message.en);
  expect(reopened.value.countRecords()).toBe(200);
  const xm = reopened.value.dataset.fields.findIndex((f) => f.name === 'XM');
  const row = reopened.value.pageRecords(0, 5).find((r) => r.rid === 3);
  expect(row?.values[xm]).toBe(value);
  await reopened.value.close();
}
