/**
 * `数据归集工作台 --self-test <report.json>` (`data-steward-workbench --self-test` on Linux):
 * the installed app proves itself where it runs. No window is shown; the real renderer loads
 * from the app's files (app.asar when packaged), both workers start from there, sql.js loads its
 * wasm, a training project is made, a CSV and an xlsx are imported and checked, a 共享 package is
 * written into a temporary folder and verified, and the network requests, fuses and CSP are
 * checked. The JSON report lists each step and its time; the exit code is 0 when all held.
 * The same sequence runs in the tests through the built bundle and a faked `electron`
 * (test/integration/self-test.test.ts); the release workflow runs it in the real packages.
 */
import { app, BrowserWindow, session } from 'electron';
import { getCurrentFuseWire } from '@electron/fuses';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventPayload } from '../../shared/ipc/contract.ts';
import type { Result } from '../../shared/result.ts';
import { startEngine, type EngineClient } from '../engine/protocol-client.ts';
import { registerIpc } from './ipc.ts';
import { secureSession, secureWebPreferences } from './security.ts';
import {
  checkFuseWire,
  createSelfTestReport,
  expectStep,
  runSteps,
  type StepBody,
} from './self-test-report.ts';

/** Where the app's files are: out/main/main.cjs beside out/preload, out/engine and dist/renderer. */
const appRoot = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** Rows of the training data the self-test imports (small: it proves the path, not the speed). */
const trainingRows = 200;

/** What the page answers when the self-test probes it (run in the page, after it loaded). */
interface PageProbe {
  readonly hasApi: boolean;
  readonly rendered: boolean;
  readonly isEvalBlocked: boolean;
  readonly info: Result<{ mode: string; version: string }>;
}

/**
 * Run in the page: is window.api there, did React render, does the CSP refuse eval, and does a
 * call go through the preload and main's IPC handlers to the engine.
 */
const pageProbeScript = `(async () => {
  let isEvalBlocked = false;
  try { (0, eval)('1'); } catch { isEvalBlocked = true; }
  const root = document.getElementById('root');
  // React commits its first render just after the load event: give it up to 10 s.
  for (let i = 0; i < 200 && !(root !== null && root.childElementCount > 0); i += 1)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    hasApi: typeof window.api === 'object' && typeof window.api.invoke === 'function',
    rendered: root !== null && root.childElementCount > 0,
    isEvalBlocked,
    info: typeof window.api === 'object' ? await window.api.invoke('app:info', {}) : null,
  };
})()`;

/** Unwraps an engine Result inside a step: a refusal fails the step with its message. */
function valueOf<T>(result: Result<T>, what: string): T {
  if (!result.ok) expectStep(false, `${what}: ${result.error.code} ${result.error.message.en}`);
  return result.value;
}

/** Runs the self-test, writes the report to `reportPath`, and resolves to the exit code. */
export async function runSelfTest(reportPath: string): Promise<number> {
  if (reportPath === '') {
    process.stderr.write('用法 / usage: --self-test <报告.json>\n');
    return 2;
  }
  const startedAt = new Date();
  const started = performance.now();
  const temp = await mkdtemp(join(tmpdir(), 'dsw-self-test-'));
  // Nothing of the clerk's is touched: the profile, the data folder, the packs and templates
  // all live in the temporary folder, removed at the end (共享不落地).
  app.setPath('userData', join(temp, 'profile'));
  process.env.STEWARD_PACKS_DIR = join(temp, 'packs');
  process.env.STEWARD_TEMPLATES_DIR = join(temp, 'templates');
  const dataDir = join(temp, 'data');
  app.enableSandbox();
  app.disableHardwareAcceleration();
  await app.whenReady();

  const requests = { app: 0, refused: [] as string[] };
  secureSession(session.defaultSession, appRoot, (url, isAllowed) => {
    if (isAllowed) requests.app += 1;
    else requests.refused.push(url);
  });

  const doneJobs = new Map<string, EventPayload<'job:done'>>();
  const jobWaiters = new Map<string, (done: EventPayload<'job:done'>) => void>();
  const crashes: string[] = [];
  let engine: EngineClient | undefined;
  let window: BrowserWindow | undefined;
  let probe: PageProbe | undefined;
  let packagePath = '';

  const waitForJob = (jobId: string): Promise<EventPayload<'job:done'>> => {
    const done = doneJobs.get(jobId);
    return done !== undefined
      ? Promise.resolve(done)
      : new Promise((resolveJob) => jobWaiters.set(jobId, resolveJob));
  };
  const running = (): EngineClient => {
    expectStep(engine !== undefined, 'the engine is not running');
    return engine;
  };

  const steps: { name: string; run: StepBody }[] = [
    {
      name: 'engine-worker',
      run: async () => {
        engine = startEngine(
          new URL('../engine/engine-worker.cjs', import.meta.url),
          { dataDir, mode: 'electron', version: app.getVersion() },
          { onCrash: (message, stack) => crashes.push(`${message}\n${stack ?? ''}`) },
        );
        engine.onEvent((event, payload) => {
          if (event !== 'job:done') return;
          const done = payload as EventPayload<'job:done'>;
          doneJobs.set(done.jobId, done);
          jobWaiters.get(done.jobId)?.(done);
        });
        const info = valueOf(await engine.call('app:info', {}), 'app:info');
        expectStep(info.mode === 'electron', `the engine says mode ${info.mode}`);
        return { version: info.version };
      },
    },
    {
      name: 'renderer',
      run: async () => {
        registerIpc(running(), appRoot, {});
        window = new BrowserWindow({
          show: false,
          webPreferences: secureWebPreferences(join(appRoot, 'out/preload/preload.cjs')),
        });
        await window.loadFile(join(appRoot, 'dist/renderer/index.html'));
        const url = window.webContents.getURL();
        const isInAsar = url.includes('app.asar/');
        expectStep(!app.isPackaged || isInAsar, `the page did not load from app.asar: ${url}`);
        probe = (await window.webContents.executeJavaScript(pageProbeScript)) as PageProbe;
        expectStep(probe.hasApi, 'the page has no window.api (the preload did not run)');
        expectStep(probe.rendered, 'the page rendered nothing');
        const info = valueOf(probe.info, 'app:info from the page');
        expectStep(info.mode === 'electron', `the page reached an engine in mode ${info.mode}`);
        return { url, isInAsar };
      },
    },
    {
      name: 'training-project',
      run: async () => {
        // The import worker and sql.js's wasm both start here: the demo data is imported by the
        // import worker into a sql.js workspace, saved as a .dsw file.
        const state = valueOf(
          await running().call('project:training', { rows: trainingRows, seed: 14 }),
          'project:training',
        );
        expectStep(state.records === trainingRows, `${state.records} records, not ${trainingRows}`);
        return { records: state.records, errors: state.errors };
      },
    },
    {
      name: 'import-csv',
      run: async () => {
        const folder = join(dataDir, 'training');
        const csv = (await readdir(folder)).find((name) => name.endsWith('.csv'));
        expectStep(csv !== undefined, `the training project wrote no CSV in ${folder}`);
        const file = valueOf(await running().registerFile(join(folder, csv), csv), 'register');
        valueOf(
          await running().call('project:create', {
            packId: 'pop-base',
            dataset: 'population',
            department: '自检部门',
            period: '2026Q4',
          }),
          'project:create',
        );
        const job = valueOf(
          await running().call('project:import', { sources: [{ fileId: file.fileId }] }),
          'project:import',
        );
        const done = await waitForJob(job.jobId);
        expectStep(done.ok, `import failed: ${done.message.en}`);
        const state = valueOf(await running().call('project:state', {}), 'project:state');
        expectStep(state.records === trainingRows, `${state.records} records imported`);
        return { file: csv, records: state.records };
      },
    },
    {
      name: 'checks',
      run: async () => {
        const quality = valueOf(await running().call('quality:summary', {}), 'quality:summary');
        const state = valueOf(await running().call('project:state', {}), 'project:state');
        const errors = quality.rules.reduce((sum, rule) => sum + rule.errors, 0);
        expectStep(quality.records === trainingRows, `${quality.records} records checked`);
        expectStep(
          errors === state.errors,
          `the summary counts ${errors} errors, not ${state.errors}`,
        );
        expectStep(errors > 0, 'the training data has errors, but the checks found none');
        return { records: quality.records, errors, rules: quality.rules.length };
      },
    },
    {
      name: 'package',
      run: async () => {
        const job = valueOf(
          await running().call('package:write', {
            kind: 'share',
            onError: 'exclude',
            steward: '自检',
          }),
          'package:write',
        );
        const done = await waitForJob(job.jobId);
        expectStep(done.ok, `package failed: ${done.message.en}`);
        const written = valueOf(await running().call('package:last', {}), 'package:last').written;
        expectStep(written !== null && written !== undefined, 'no package was written');
        packagePath = join(dataDir, 'packages', written.name);
        return { name: written.name, rows: written.rows, bytes: (await stat(packagePath)).size };
      },
    },
    {
      name: 'verify',
      run: async () => {
        const verified = valueOf(await running().verifyPackage(packagePath), 'verify');
        expectStep(verified.ok, `the package does not verify`, { problems: verified.problems });
        return { problems: verified.problems.length };
      },
    },
    {
      name: 'import-xlsx',
      run: async () => {
        // The error workbook the engine writes is a real xlsx: it is read back through the
        // import worker as a department's workbook is.
        const exported = valueOf(await running().call('errors:export', {}), 'errors:export');
        const done = await waitForJob(exported.jobId);
        expectStep(done.ok, `export failed: ${done.message.en}`);
        const download = valueOf(await running().resolveDownload(exported.downloadId), 'download');
        const file = valueOf(
          await running().registerFile(download.path, download.name),
          'register',
        );
        const inspected = valueOf(
          await running().call('import:inspect', { fileId: file.fileId }),
          'import:inspect',
        );
        expectStep(inspected.format === 'xlsx', `read as ${inspected.format}, not xlsx`);
        const rows = inspected.sheets[0]?.rows ?? 0;
        expectStep(rows > 0, 'the xlsx has no rows');
        return { file: download.name, sheets: inspected.sheets.length, rows };
      },
    },
    {
      name: 'network',
      run: async () => {
        expectStep(
          requests.refused.length === 0,
          `${requests.refused.length} network requests attempted`,
          {
            refused: requests.refused,
          },
        );
        expectStep(requests.app > 0, 'the page requested none of its own files');
        return { appFiles: requests.app, refused: 0 };
      },
    },
    {
      name: 'csp',
      run: async () => {
        expectStep(probe?.isEvalBlocked === true, 'the page may eval: the CSP is not in force');
        return { isEvalBlocked: true };
      },
    },
    {
      name: 'fuses',
      run: async () => {
        const executable = app.getPath('exe');
        const wire = await getCurrentFuseWire(executable);
        const wrong = checkFuseWire(wire as unknown as Record<number, number>);
        expectStep(wrong.length === 0, `fuses not as built: ${wrong.join(', ')}`, { executable });
        return { executable };
      },
    },
  ];

  const done = await runSteps(steps);
  if (crashes.length > 0)
    done.push({
      name: 'no-crash',
      ok: false,
      ms: 0,
      error: 'the engine crashed',
      detail: { crashes },
    });
  window?.destroy();
  await engine?.stop();
  const report = createSelfTestReport(
    done,
    steps.length,
    {
      name: app.getName(),
      version: app.getVersion(),
      electron: process.versions.electron ?? null,
      platform: process.platform,
      arch: process.arch,
      isPackaged: app.isPackaged,
      appRoot,
    },
    startedAt,
    performance.now() - started,
  );
  await rm(temp, { recursive: true, force: true });
  const path = resolve(reportPath);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    report.ok
      ? `自检通过 / self-test passed: ${path}\n`
      : `自检未通过 / self-test failed at ${report.failedStep ?? 'no-crash'}: ${path}\n`,
  );
  return report.ok ? 0 : 1;
}
