/**
 * The first import into a project validates each record as it is written (issue #11: no second
 * pass reading every record back): the issues stored are exactly those a full validation of
 * the project gives; an import into a project that already holds records validates them all.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importTables } from '../../../electron/engine/session/import-handlers.ts';
import { IssuesStore } from '../../../electron/engine/workspace/issues-store.ts';
import { loadSqlite } from '../../../electron/engine/workspace/load-sqlite.ts';
import { context, createDemoWorkspace } from '../../helpers/open-demo-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await temp.cleanup();
});

/** The issues of the project file on disk, in a fixed order. */
async function storedIssues(path: string): Promise<unknown[][]> {
  const SQL = await loadSqlite();
  const db = new SQL.Database(await readFile(path));
  try {
    return (
      db.exec(
        'SELECT rid, field, rule, severity, value, message_zh, message_en, suggestion FROM issues ORDER BY rid, field, rule, id',
      )[0]?.values ?? []
    );
  } finally {
    db.close();
  }
}

describe('validation during the first import', () => {
  it('stores the same issues as a full validation, without validating the records again', async () => {
    const validateAll = vi.spyOn(IssuesStore.prototype, 'validateAll');
    const { workspace, path, csv } = await createDemoWorkspace(temp.dir, {
      rows: 400,
      seed: 11,
      errorRate: 0.3,
    });
    try {
      expect(validateAll).not.toHaveBeenCalled();
      const counts = workspace.issueCounts();
      expect(counts.errors).toBeGreaterThan(0);
      await workspace.checkpoint();
      const whileImporting = await storedIssues(path);
      expect(whileImporting.length).toBe(counts.errors + counts.warnings);

      const summary = workspace.validateAll(context);
      await workspace.checkpoint();
      expect(await storedIssues(path)).toEqual(whileImporting);
      expect({ errors: summary.errors, warnings: summary.warnings }).toEqual(counts);

      // The same file again: its records repeat the first's keys, so all are validated together.
      validateAll.mockClear();
      const again = await importTables(workspace, [{ path: csv }], undefined, {
        signal: new AbortController().signal,
        progress: () => undefined,
      });
      if (!again.ok) throw new Error(again.error.message.en);
      expect(validateAll).toHaveBeenCalledTimes(1);
      expect(workspace.issueCounts().errors).toBeGreaterThan(counts.errors * 2);
    } finally {
      await workspace.close();
    }
  });
});
