/**
 * `steward` in the installed app: steward.cmd, beside the executable, runs
 * `data-steward-workbench.exe --steward <命令> ...`; main runs the bundled command line
 * (out/engine/steward-cli.cjs) without a window and exits with its code. Run here through the
 * built main bundle under plain Node and the faked `electron`, from an app folder with Chinese
 * and spaces in its path and no node_modules.
 */
import { execFile } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAppBundles } from '../../scripts/write-app-bundles.ts';
import { createTempDir, repoRoot } from '../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let appDir: string;

/** Runs the built main as steward.cmd does: `<app> --steward <args>`. */
function runInstalledSteward(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(repoRoot, 'test/helpers/fake-electron.mjs')).href,
        join(appDir, 'out/main/main.cjs'),
        '--steward',
        ...args,
      ],
      {
        cwd: temp.dir,
        env: {
          ...process.env,
          STEWARD_PACKS_DIR: join(temp.dir, 'packs'),
          STEWARD_TEMPLATES_DIR: join(temp.dir, 'templates'),
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  temp = await createTempDir();
  appDir = join(temp.dir, 'Program Files', '数据归集工作台', 'resources', 'app');
  await writeAppBundles(join(appDir, 'out'));
  await cp(join(repoRoot, 'package.json'), join(appDir, 'package.json'));
});

afterAll(async () => {
  await temp?.cleanup();
});

describe('steward inside the installed app', () => {
  it('inspects a GBK CSV with the bundled command line and exits 0', async () => {
    const csv = join(temp.dir, '新建 文件夹', '户籍人口 GBK.csv');
    await cp(join(repoRoot, 'test/fixtures/population-gbk.csv'), csv);
    const { code, stdout, stderr } = await runInstalledSteward(['inspect', csv]);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
    expect(stdout).toContain('户籍人口 GBK.csv');
    expect(stdout).toMatch(/gb18030/i);
  });

  it('refuses a missing file with exit 2 and a Chinese message, no stack trace', async () => {
    const { code, stderr } = await runInstalledSteward(['inspect', join(temp.dir, '没有.xlsx')]);
    expect(code).toBe(2);
    expect(stderr).toContain('找不到');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('is shipped as steward.cmd beside the Windows executable, which it runs with --steward', async () => {
    const config = await getConfig(repoRoot, 'build/electron-builder.yml', null);
    expect(config.win?.extraFiles).toEqual([{ from: 'build/steward.cmd', to: 'steward.cmd' }]);
    const script = await readFile(join(repoRoot, 'build/steward.cmd'), 'latin1');
    // cmd.exe reads a batch file in the console's code page: ASCII only, CRLF line ends.
    expect(/^[\x20-\x7e\r\n]*$/.test(script)).toBe(true);
    expect(script.split('\r\n').join('')).not.toContain('\n');
    expect(script).toContain(`"%~dp0${config.win?.executableName}.exe" --steward %*`);
    expect(script).toContain('exit /b %ERRORLEVEL%');
  });
});
