/**
 * Benchmark steps on a project, each run in its own process by scripts/bench.ts, through the
 * engine's own code paths (so they keep measuring the app as the engine changes):
 *
 *   import <table> <data-dir> <name> <template.json>
 *       a new project in <data-dir>/projects/<name>.dsw, then `importTables`, the body of the
 *       engine's `project:import` job: read the file, map with the saved template, store every
 *       row, validate every cell, save.
 *   edit <data-dir> <name> <count>
 *       `project:open` through the engine's handlers, then <count> single-cell edits through
 *       `edit:cell` (answered once the edit is on disk: its journal record appended and
 *       flushed, see docs/DESIGN.md); prints each edit's milliseconds.
 *   reopen <data-dir> <name>
 *       `project:open` then the first `records:page` of 100 rows, as the grid asks for it.
 *
 * Prints `STEWARD_STATS {...}` (peak memory and the step's numbers) on stderr when it exits.
 * Each step imports only the modules it runs (`await import()` in its branch): `import` loads
 * the import path and the workspace, not every engine handler with ExcelJS and the packager,
 * so its time and memory are the import's.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type * as EngineHandlersModule from '../electron/engine/session/engine-handlers.ts';
import type { EngineSession } from '../electron/engine/session/engine-session.ts';
import { peakRssBytes } from './peak-rss.ts';

const stats: Record<string, unknown> = {};
process.on('exit', () => {
  const maxRssBytes = peakRssBytes();
  process.stderr.write(`STEWARD_STATS ${JSON.stringify({ maxRssBytes, ...stats })}\n`);
});

const [mode, ...args] = process.argv.slice(2);

function fail(message: string): never {
  throw new Error(message);
}

/** The engine's handlers and a session over `dataDir`, for the steps that drive the engine. */
async function startEngine(
  dataDir: string,
): Promise<{ session: EngineSession; engineHandlers: typeof EngineHandlersModule.engineHandlers }> {
  const [{ EngineSession }, { engineHandlers }] = await Promise.all([
    import('../electron/engine/session/engine-session.ts'),
    import('../electron/engine/session/engine-handlers.ts'),
  ]);
  const session = new EngineSession(
    { dataDir, mode: 'browser', version: 'bench' },
    () => undefined,
  );
  return { session, engineHandlers };
}

async function openProject(
  { session, engineHandlers }: Awaited<ReturnType<typeof startEngine>>,
  name: string,
): Promise<void> {
  const opened = await engineHandlers['project:open'](
    { projectId: `projects/${name}.dsw` },
    session,
  );
  if (!opened.ok) fail(`open: ${opened.error.message.en}`);
}

const ms = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e6;

if (mode === 'import') {
  const [table, dataDir, name, templatePath] = args;
  if (table === undefined || dataDir === undefined || name === undefined || !templatePath)
    fail('usage: bench-project import <table> <data-dir> <name> <template.json>');
  const [{ findBundledPack }, { readTemplateFile }, { importTables }, { Workspace }] =
    await Promise.all([
      import('../shared/packs/index.ts'),
      import('../electron/engine/mapping/template-store.ts'),
      import('../electron/engine/session/import-handlers.ts'),
      import('../electron/engine/workspace/workspace.ts'),
    ]);
  const pack = findBundledPack('pop-base') ?? fail('pop-base is bundled');
  const template = await readTemplateFile(templatePath);
  if (!template.ok) fail(template.error.message.en);
  const path = join(dataDir, 'projects', `${name}.dsw`);
  await mkdir(join(dataDir, 'projects'), { recursive: true });
  await rm(path, { force: true });
  await rm(`${path}.lock`, { force: true });
  const created = await Workspace.create(path, {
    pack,
    dataset: template.value.mapping.dataset,
    department: '基准测试',
    period: 'bench',
    who: 'bench',
  });
  if (!created.ok) fail(created.error.message.en);
  const imported = await importTables(created.value, [{ path: table }], template.value.mapping, {
    signal: new AbortController().signal,
    progress: () => undefined,
  });
  await created.value.close();
  if (!imported.ok) fail(imported.error.message.en);
  stats.rows = imported.value.rows;
  stats.errors = imported.value.errors;
} else if (mode === 'edit') {
  const [dataDir, name, countText] = args;
  if (dataDir === undefined || name === undefined)
    fail('usage: bench-project edit <data-dir> <name> <count>');
  const count = Number(countText ?? '50');
  const engine = await startEngine(dataDir);
  const { session, engineHandlers } = engine;
  await openProject(engine, name);
  const page = await engineHandlers['records:page']({ offset: 0, limit: 1, filter: {} }, session);
  if (!page.ok) fail(page.error.message.en);
  const total = page.value.total;
  const editsMs: number[] = [];
  // Edits spread over the project, each a different record, alternating two valid names.
  for (let i = 0; i < count; i += 1) {
    const offset = Math.floor(((i + 0.5) / count) * total);
    const at = await engineHandlers['records:page']({ offset, limit: 1, filter: {} }, session);
    if (!at.ok) fail(at.error.message.en);
    const rid = at.value.rows[0]?.rid ?? fail(`no record at ${offset}`);
    const started = process.hrtime.bigint();
    const edited = await engineHandlers['edit:cell'](
      { rid, field: 'XM', value: i % 2 === 0 ? '王小明' : '李小红' },
      session,
    );
    editsMs.push(ms(started));
    if (!edited.ok) fail(edited.error.message.en);
  }
  await session.replaceProject(undefined);
  stats.editsMs = editsMs;
} else if (mode === 'reopen') {
  const [dataDir, name] = args;
  if (dataDir === undefined || name === undefined)
    fail('usage: bench-project reopen <data-dir> <name>');
  const engine = await startEngine(dataDir);
  const { session, engineHandlers } = engine;
  const started = process.hrtime.bigint();
  await openProject(engine, name);
  const page = await engineHandlers['records:page']({ offset: 0, limit: 100, filter: {} }, session);
  stats.firstPageMs = ms(started);
  if (!page.ok) fail(page.error.message.en);
  stats.rows = page.value.total;
  await session.replaceProject(undefined);
} else {
  fail('usage: bench-project import|edit|reopen ...');
}
