/**
 * Opening a project prepares what checking a record needs (the division code table's index,
 * the code tables' lookups), so the clerk's first edit after opening does not pay for building
 * them: at 1,000,000 rows that first edit took up to 150 ms more than the others (issue #11).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDemoWorkspace } from '../../helpers/open-demo-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let path: string;
beforeAll(async () => {
  temp = await createTempDir();
  const made = await createDemoWorkspace(temp.dir, { rows: 20, seed: 71, errorRate: 0.1 });
  path = made.path;
  await made.workspace.close();
});
afterAll(async () => {
  await temp.cleanup();
});

describe('opening a project', () => {
  it('builds the code-table index that checking a record uses, before the first edit', async () => {
    // A fresh engine: no module has built anything yet (the import above built it in this one).
    vi.resetModules();
    const divisions = await import('../../../shared/code-tables/divisions.ts');
    const { Workspace } = await import('../../../electron/engine/workspace/workspace.ts');
    expect(divisions.isDivisionIndexBuilt()).toBe(false);
    const opened = await Workspace.open(path);
    if (!opened.ok) throw new Error(opened.error.message.en);
    expect(divisions.isDivisionIndexBuilt()).toBe(true);
    await opened.value.close();
  });
});
