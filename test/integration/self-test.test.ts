/**
 * The packaged app's self-test (`--self-test <report.json>`), run as the release workflow runs
 * it but through the built main bundle under plain Node and a faked `electron`
 * (test/helpers/fake-electron.mjs): the steps' logic, the report and the exit code. The app is
 * installed where Windows puts clerks' files: a path with Chinese, spaces and more than 260
 * characters, in a folder the app must not write to (read-only for a clerk; checked here by
 * comparing its files before and after, since root ignores permissions).
 */
import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SelfTestReport } from '../../electron/main/self-test-report.ts';
import { writeAppBundles } from '../../scripts/write-app-bundles.ts';
import { createTempDir, repoRoot } from '../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let appDir: string;
let tempRoot: string;
let exe: string;

/** A folder a Chinese Windows desktop gives: 桌面\新建文件夹\…, deep enough to pass 260 characters. */
function deepChinesePath(base: string): string {
  const parts = ['桌面', '新建 文件夹', '2026年 数据归集', '县信息中心 (备份)'];
  let path = join(base, ...parts);
  for (let i = 1; path.length <= 300; i += 1) path = join(path, `第${i}层 子文件夹 long name`);
  return path;
}

/**
 * A stand-in Electron executable that carries the fuse sentinel and a version-1 wire of 8
 * fuses, set as the installers set them (`flipped`) or as Electron ships them.
 */
async function writeStandInExecutable(path: string, flipped: boolean): Promise<void> {
  const wire = flipped ? '01001101' : '10110001';
  await writeFile(
    path,
    Buffer.concat([
      Buffer.from('stand-in Electron\n'),
      Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
      Buffer.from([1, 8]),
      Buffer.from(wire, 'latin1'),
      Buffer.from('\n'),
    ]),
  );
}

/** Every file under a folder with its size and modification time. */
async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path);
    out.push(`${relative(dir, path)} ${info.size} ${info.mtimeMs}`);
  }
  return out.sort();
}

/** Runs the built main with `--self-test`; resolves to its exit code, output and report. */
function runSelfTest(
  name: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string; report: SelfTestReport }> {
  const reportPath = join(temp.dir, '报告 目录', `${name}.json`);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(repoRoot, 'test/helpers/fake-electron.mjs')).href,
        join(appDir, 'out/main/main.cjs'),
        '--self-test',
        reportPath,
      ],
      {
        cwd: temp.dir,
        env: {
          ...process.env,
          TMPDIR: tempRoot,
          FAKE_ELECTRON_EXE: exe,
          FAKE_ELECTRON_USER_DATA: join(temp.dir, 'user-data'),
          ...env,
        },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : Number(error.code);
        readFile(reportPath, 'utf8').then(
          (text) => resolve({ code, stdout, stderr, report: JSON.parse(text) as SelfTestReport }),
          () => reject(new Error(`no report (exit ${code}):\n${stdout}\n${stderr}`)),
        );
      },
    );
  });
}

beforeAll(async () => {
  temp = await createTempDir();
  const install = deepChinesePath(join(temp.dir, 'install'));
  appDir = join(install, '数据归集工作台', 'resources', 'app');
  tempRoot = deepChinesePath(join(temp.dir, 'AppData Local Temp'));
  await mkdir(tempRoot, { recursive: true });
  await writeAppBundles(join(appDir, 'out'));
  await cp(join(repoRoot, 'dist/renderer'), join(appDir, 'dist/renderer'), { recursive: true });
  await cp(join(repoRoot, 'package.json'), join(appDir, 'package.json'));
  exe = join(install, '数据归集工作台', 'data-steward-workbench');
  await writeStandInExecutable(exe, true);
});

afterAll(async () => {
  if (appDir !== undefined) await chmod(appDir, 0o755).catch(() => undefined);
  await temp?.cleanup();
});

describe('--self-test in the built app', () => {
  it('runs every step from an install path with Chinese, spaces and over 260 characters, writes nothing there, and exits 0', async () => {
    expect(appDir.length).toBeGreaterThan(260);
    expect(tempRoot.length).toBeGreaterThan(260);
    await chmod(appDir, 0o555);
    const before = await snapshot(join(appDir, '..', '..'));
    const { code, stdout, report } = await runSelfTest('passing');
    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toContain('自检通过');
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.name)).toEqual([
      'engine-worker',
      'renderer',
      'training-project',
      'import-csv',
      'checks',
      'package',
      'verify',
      'import-xlsx',
      'network',
      'csp',
      'fuses',
    ]);
    for (const step of report.steps) expect(step.ms).toBeGreaterThanOrEqual(0);
    const step = (name: string) => report.steps.find((s) => s.name === name)?.detail ?? {};
    expect(step('training-project')).toMatchObject({ records: 200 });
    expect(step('import-csv')).toMatchObject({ records: 200 });
    expect(step('package').name).toMatch(/^population_\d{6}_2026Q4_\d{14}\.zip$/);
    expect(step('verify')).toEqual({ problems: 0 });
    expect(step('import-xlsx').rows).toBeGreaterThan(0);
    expect(step('network')).toMatchObject({ refused: 0 });
    expect(step('network').appFiles).toBeGreaterThan(1);
    expect(report.app).toMatchObject({ version: '0.0.0-fake', isPackaged: false });
    // The install folder is as it was, and the temporary folder is left empty (共享不落地).
    expect(await snapshot(join(appDir, '..', '..'))).toEqual(before);
    expect(await readdir(tempRoot)).toEqual([]);
  });

  it('fails at the network step, naming the request, when the page asks for anything off the app', async () => {
    const { code, stdout, report } = await runSelfTest('network', {
      FAKE_ELECTRON_REQUESTS: 'https://cdn.example.com/font.woff2',
    });
    expect(code).toBe(1);
    expect(stdout).toContain('self-test failed at network');
    expect(report.ok).toBe(false);
    expect(report.failedStep).toBe('network');
    const network = report.steps.find((s) => s.name === 'network');
    expect(network?.detail).toEqual({ refused: ['https://cdn.example.com/font.woff2'] });
    // The steps after the failing one did not run.
    expect(report.steps.at(-1)?.name).toBe('network');
  });

  it('fails at the fuses step on an executable whose fuses were never flipped', async () => {
    const unflipped = join(temp.dir, 'electron-as-shipped');
    await writeStandInExecutable(unflipped, false);
    const { code, report } = await runSelfTest('fuses', { FAKE_ELECTRON_EXE: unflipped });
    expect(code).toBe(1);
    expect(report.failedStep).toBe('fuses');
    expect(report.steps.find((s) => s.name === 'fuses')?.error).toBe(
      'fuses not as built: runAsNode, enableCookieEncryption, enableNodeOptionsEnvironmentVariable, enableNodeCliInspectArguments, enableEmbeddedAsarIntegrityValidation, onlyLoadAppFromAsar',
    );
  });

  it('fails at the renderer step when a packaged app loads its page from outside app.asar', async () => {
    const { code, report } = await runSelfTest('asar', { FAKE_ELECTRON_PACKAGED: '1' });
    expect(code).toBe(1);
    expect(report.failedStep).toBe('renderer');
    expect(report.steps.find((s) => s.name === 'renderer')?.error).toMatch(/app\.asar/);
  });
});
