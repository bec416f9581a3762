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
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { findBundledPack } from '../shared/packs/index.ts';
import { readTemplateFile } from '../electron/engine/mapping/template-store.ts';
import { EngineSession } from '../electron/engine/session/engine-session.ts';
import { engineHandlers } from '../electron/engine/session/engine-handlers.ts';
import { importTables } from '../electron/engine/session/import-handlers.ts';
import { Workspace } from '../electron/engine/workspace/workspace.ts';

const stats: Record<string, unknown> = {};
process.on('exit', () => {
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stderr.write(`STEWARD_STATS ${JSON.stringify({ maxRssBytes, ...stats })}\n`);
});

const [mode, ...args] = process.argv.slice(2);

function fail(message: string): never {
  throw new Error(message);
}

function sessionOf(dataDir: string): EngineSession {
  return new EngineSession({ dataDir, mode: 'browser', version: 'bench' }, () => undefined);
}

async function openProject(session: EngineSession, name: string): Promise<void> {
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
  const session = sessionOf(dataDir);
  await openProject(session, name);
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
  const session = sessionOf(dataDir);
  const started = process.hrtime.bigint();
  await openProject(session, name);
  const page = await engineHandlers['records:page']({ offset: 0, limit: 100, filter: {} }, session);
  stats.firstPageMs = ms(started);
  if (!page.ok) fail(page.error.message.en);
  stats.rows = page.value.total;
  await session.replaceProject(undefined);
} else {
  fail('usage: bench-project import|edit|reopen ...');
}
