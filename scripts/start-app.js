// `npm start`: builds the app (`npm run build`: renderer and bundles) and opens it in Electron.
// The Electron binary is not in the npm package: it is downloaded once, on first use. Where it
// is missing and cannot be downloaded (an offline machine), this says so and points to browser
// mode instead of failing with a stack trace. Arguments after `npm start --` go to Electron.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const electronPackage = join(root, 'node_modules/electron');

/** The Electron executable if it is on this machine (as node_modules/electron finds it). */
function findElectron() {
  const pathFile = join(electronPackage, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : undefined;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
    return existsSync(path) ? path : undefined;
  }
  if (relative === undefined) return undefined;
  const path = join(electronPackage, 'dist', relative);
  return existsSync(path) ? path : undefined;
}

/** Downloads Electron with its own installer; returns the reason when that fails. */
function downloadElectron() {
  process.stdout.write(
    '正在下载 Electron（仅首次需要联网）/ downloading Electron (first run only)…\n',
  );
  const run = spawnSync(process.execPath, [join(electronPackage, 'install.js')], {
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (run.status === 0) return undefined;
  const lines = (run.stderr ?? '').trim().split('\n');
  return lines[0] ?? `exit code ${run.status}`;
}

let electron = findElectron();
if (electron === undefined) {
  const failure = existsSync(join(electronPackage, 'install.js'))
    ? downloadElectron()
    : 'node_modules/electron is missing (run npm ci)';
  electron = findElectron();
  if (electron === undefined) {
    process.stderr.write(
      [
        '',
        '无法启动桌面程序：本机没有 Electron，也无法下载（首次启动需要联网下载一次）。',
        '请改用浏览器模式：npm run serve，然后在 Chromium 或 Chrome 中打开它打印的网址。',
        '',
        'Cannot start the desktop app: Electron is not on this machine and could not be downloaded',
        '(the first start needs the network once). Use browser mode instead: npm run serve, then',
        'open the URL it prints in Chromium or Chrome.',
        '',
        `(${failure ?? 'Electron was not found after the download'})`,
        '',
      ].join('\n'),
    );
    process.exit(1);
  }
}

const npm = process.env.npm_execpath;
const build = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: true });
if (build.status !== 0) process.exit(build.status ?? 1);

const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
