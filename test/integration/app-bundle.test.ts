/**
 * The engine as the packaged app runs it: the bundles `npm run build` writes (engine worker,
 * import worker, sql.js wasm, packs and code tables inlined), copied with package.json into a
 * folder that has no node_modules above it, and started with plain worker_threads (no tsx).
 * A clerk's whole path runs through it: a training project, an xlsx import, the checks and a
 * sealed package. This is what can be proved of the Electron app without the Electron binary.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { contract, type EventPayload } from '../../shared/ipc/contract.ts';
import { startEngine, type EngineClient } from '../../electron/engine/protocol-client.ts';
import { writeAppBundles, type WrittenBundle } from '../../scripts/write-app-bundles.ts';
import { readZipEntries } from '../helpers/create-pack-workspace.ts';
import { createTempDir, repoRoot } from '../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let appDir: string;
let dataDir: string;
let written: WrittenBundle[];
let engine: EngineClient;
const doneJobs = new Map<string, EventPayload<'job:done'>>();
const crashes: string[] = [];
const version = (
  JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

beforeAll(async () => {
  temp = await createTempDir();
  appDir = join(temp.dir, 'app');
  dataDir = join(temp.dir, 'data');
  written = await writeAppBundles(join(temp.dir, 'build-out'));
  // The packaged layout: out/, the renderer (built by the test setup) and package.json, and
  // nothing else of the repository.
  await mkdir(appDir);
  await cp(join(temp.dir, 'build-out'), join(appDir, 'out'), { recursive: true });
  await cp(join(repoRoot, 'dist/renderer'), join(appDir, 'dist/renderer'), { recursive: true });
  await cp(join(repoRoot, 'package.json'), join(appDir, 'package.json'));
  // User state (imported packs, stored templates) stays inside the test's folder.
  process.env.STEWARD_PACKS_DIR = join(temp.dir, 'packs');
  process.env.STEWARD_TEMPLATES_DIR = join(temp.dir, 'templates');
  engine = startEngine(
    pathToFileURL(join(appDir, 'out/engine/engine-worker.cjs')),
    { dataDir, mode: 'electron', version },
    { onCrash: (message, stack) => crashes.push(`${message}\n${stack ?? ''}`) },
  );
  engine.onEvent((event, payload) => {
    if (event === 'job:done') {
      const done = payload as EventPayload<'job:done'>;
      doneJobs.set(done.jobId, done);
    }
  });
});

afterAll(async () => {
  await engine?.stop();
  delete process.env.STEWARD_PACKS_DIR;
  delete process.env.STEWARD_TEMPLATES_DIR;
  await temp?.cleanup();
});

/** Resolves when the engine reports the job done. */
async function waitForJob(jobId: string): Promise<EventPayload<'job:done'>> {
  await expect.poll(() => doneJobs.has(jobId), { timeout: 60_000, interval: 50 }).toBe(true);
  const done = doneJobs.get(jobId);
  if (done === undefined) throw new Error(`job ${jobId} never finished`);
  return done;
}

/** Unwraps an engine Result, failing the test with the engine's message. */
function valueOf<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`engine refused: ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('the built app (out/), run without tsx or node_modules', () => {
  it('writes the five bundles, the wasm and the training file, and the app folder has no node_modules', () => {
    expect(written.map((w) => w.file).sort()).toEqual([
      'engine/engine-worker.cjs',
      'engine/import-worker.cjs',
      'engine/sql-wasm.wasm',
      'engine/steward-cli.cjs',
      'engine/training/training-department.xlsx',
      'main/main.cjs',
      'preload/preload.cjs',
    ]);
    for (const bundle of written) expect(bundle.bytes).toBeGreaterThan(1000);
    let dir = appDir;
    while (dirname(dir) !== dir) {
      expect(existsSync(join(dir, 'node_modules')), dir).toBe(false);
      dir = dirname(dir);
    }
  });

  it('starts the engine, the import worker and steward without loading ExcelJS or SheetJS (they load when a workbook is read or written)', () => {
    const heavy = /node_modules\/(exceljs|xlsx)\//;
    for (const file of [
      'engine/engine-worker.cjs',
      'engine/import-worker.cjs',
      'engine/steward-cli.cjs',
    ]) {
      const bundle = written.find((w) => w.file === file);
      // The bundle still holds them (the packaged app has no node_modules to load them from)...
      expect(bundle?.startupModules.length, file).toBeGreaterThan(10);
      // ...but a start runs none of their modules.
      expect(
        bundle?.startupModules.filter((m) => heavy.test(m)),
        file,
      ).toEqual([]);
    }
    const engineBundle = readFileSync(join(appDir, 'out/engine/engine-worker.cjs'), 'utf8');
    expect(engineBundle).toContain('WorkbookWriter');
    expect(engineBundle).toContain('set_cptable');
  });

  it('lists the bundled packs (inlined in the bundle)', async () => {
    const packs = valueOf(await engine.call('packs:list', {}));
    expect(packs.filter((p) => p.origin === 'bundled').map((p) => p.id)).toEqual(
      expect.arrayContaining(['pop-base', 'legal-entity-base', 'sgs-xzxk', 'sgs-xzcf']),
    );
    const codes = valueOf(await engine.call('packs:codes', { packId: 'pop-base', table: 'sex' }));
    expect(codes.find((c) => c.code === '1')?.name).toBe('男性');
  });

  it('makes a training project: demo data imported by the import worker into sql.js', async () => {
    const state = valueOf(await engine.call('project:training', { rows: 300, seed: 7 }));
    expect(state.records).toBe(300);
    expect(state.errors).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, 'training', '培训项目-7.dsw'))).toBe(true);
  });

  it('starts a lesson from the department’s file shipped beside the engine', async () => {
    const state = valueOf(await engine.call('training:start', { trainee: '王五' }));
    expect(state.records).toBe(0);
    const file = valueOf(await engine.call('training:file', {}));
    const inspected = valueOf(await engine.call('import:inspect', { fileId: file.fileId }));
    expect(inspected.sheets[0]?.headerRow).toBe(3);
    expect(inspected.sheets[0]?.rows).toBe(200);
  });

  it('imports an xlsx, checks every row and writes a sealed package', async () => {
    // The training CSV, saved as an xlsx with every cell as text (as a department sends it).
    const csvName = (await readdir(join(dataDir, 'training'))).find((n) => n.endsWith('.csv'));
    const csv = await readFile(join(dataDir, 'training', csvName ?? 'missing.csv'), 'utf8');
    const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), '户籍人口');
    const xlsx = join(temp.dir, '牡丹区户籍人口.xlsx');
    await writeFile(xlsx, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

    const file = valueOf(await engine.registerFile(xlsx, '牡丹区户籍人口.xlsx'));
    const inspected = valueOf(await engine.call('import:inspect', { fileId: file.fileId }));
    expect(inspected.format).toBe('xlsx');
    expect(inspected.sheets[0]?.rows).toBe(300);

    valueOf(
      await engine.call('project:create', {
        packId: 'pop-base',
        dataset: 'population',
        department: '牡丹区公安分局',
        period: '2026Q4',
      }),
    );
    const imported = await waitForJob(
      valueOf(await engine.call('project:import', { sources: [{ fileId: file.fileId }] })).jobId,
    );
    expect(imported.ok, imported.message.zh).toBe(true);
    const state = valueOf(await engine.call('project:state', {}));
    expect(state.records).toBe(300);
    const quality = valueOf(await engine.call('quality:summary', {}));
    expect(quality.records).toBe(300);
    expect(quality.rules.reduce((sum, r) => sum + r.errors, 0)).toBe(state.errors);

    const packaged = await waitForJob(
      valueOf(
        await engine.call('package:write', {
          kind: 'share',
          onError: 'exclude',
          steward: '王管理',
        }),
      ).jobId,
    );
    expect(packaged.ok, packaged.message.zh).toBe(true);
    const last = valueOf(await engine.call('package:last', {})).written;
    expect(last?.name).toMatch(/^population_371702_2026Q4_\d{14}\.zip$/);
    const { entries } = await readZipEntries(join(dataDir, 'packages', last?.name ?? ''));
    expect([...entries.keys()]).toEqual(
      expect.arrayContaining([
        'data/population.csv',
        'reports/validation.json',
        'reports/errors.xlsx',
        'datapackage.json',
      ]),
    );
    const manifest = JSON.parse(entries.get('datapackage.json')?.toString('utf8') ?? '{}') as {
      'x-submission': { tool: { version: string }; rows: { packaged: number } };
    };
    // The bundle finds the app's package.json (inside app.asar in the packaged app).
    expect(manifest['x-submission'].tool.version).toBe(version);
    expect(manifest['x-submission'].rows.packaged).toBe(last?.rows);
    expect(crashes).toEqual([]);
  });

  it('runs the built main: it starts this engine, points the window at the built preload and page, and answers IPC', async () => {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [
          '--import',
          pathToFileURL(join(repoRoot, 'test/helpers/fake-electron.mjs')).href,
          join(appDir, 'out/main/main.cjs'),
        ],
        {
          cwd: temp.dir,
          env: { ...process.env, FAKE_ELECTRON_USER_DATA: join(temp.dir, 'user-data') },
        },
        (error, out, stderr) =>
          error === null ? resolve(out) : reject(new Error(`${out}\n${stderr}`)),
      );
    });
    const line = stdout.split('\n').find((l) => l.startsWith('FAKE_ELECTRON '));
    const report = JSON.parse(line?.slice('FAKE_ELECTRON '.length) ?? '{}') as {
      preload: string;
      page: string;
      channels: string[];
      info: unknown;
      packs: { ok: boolean; value: { id: string }[] };
      refused: { ok: boolean; error: { code: string } };
    };
    expect(report.preload).toBe(join(appDir, 'out/preload/preload.cjs'));
    expect(existsSync(report.preload)).toBe(true);
    expect(report.page).toBe(join(appDir, 'dist/renderer/index.html'));
    expect(existsSync(report.page)).toBe(true);
    expect(report.channels).toEqual([...Object.keys(contract), 'files:drop'].sort());
    expect(report.packs.ok).toBe(true);
    expect(report.packs.value.map((p) => p.id)).toContain('pop-base');
    expect(report.refused).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    // The engine main started was told it serves Electron, with the app's version.
    expect(report.info).toMatchObject({
      ok: true,
      value: { mode: 'electron', version: '0.0.0-fake' },
    });
  });

  it('runs the built preload as a sandboxed preload: only electron required, window.api exposed', async () => {
    const source = await readFile(join(appDir, 'out/preload/preload.cjs'), 'utf8');
    expect([...source.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    const exposed = new Map<string, Record<string, (...args: unknown[]) => unknown>>();
    const invoked: string[] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: Record<string, (...args: unknown[]) => unknown>) =>
          exposed.set(key, api),
      },
      ipcRenderer: {
        invoke: async (channel: string) => {
          invoked.push(channel);
          return { ok: true, value: [] };
        },
        on() {},
        removeListener() {},
      },
      webUtils: { getPathForFile: () => '' },
    };
    const sandboxRequire = (name: string) => {
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', source)(sandboxRequire, module, module.exports);
    const api = exposed.get('api');
    expect(Object.keys(api ?? {}).sort()).toEqual(['dropFiles', 'invoke', 'on']);
    expect(await api?.invoke?.('fs:read', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(await api?.invoke?.('packs:list', {})).toEqual({ ok: true, value: [] });
    expect(invoked).toEqual(['packs:list']);
  });
});
