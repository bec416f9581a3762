/**
 * The installers' configuration and what the packaged app holds, checked offline: the builder
 * config is validated against electron-builder's own schema, then the real `electron-builder
 * --linux dir` packs the app around a stand-in Electron (the binary cannot be downloaded here),
 * and the resulting app.asar and fuse wire are read back.
 */
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { join, relative, sep } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAppBundles, type WrittenBundle } from '../../scripts/write-app-bundles.ts';
import { createTempDir, repoRoot } from '../helpers/run-steward.ts';

const configFile = 'build/electron-builder.yml';
/** The fuse wire's byte for a fuse that is off / on ('0' / '1'). */
const fuseOff = 0x30;
const fuseOn = 0x31;

let temp: Awaited<ReturnType<typeof createTempDir>>;
let config: Configuration;
let written: WrittenBundle[];
let asarPath: string;
let asarFiles: string[];
let executable: string;

/** The debug logger validateConfiguration wants; nothing is logged. */
const quietLogger = { isEnabled: false, add: () => undefined } as unknown as Parameters<
  typeof validateConfiguration
>[1];

/**
 * A stand-in for the Electron distribution (TOOLCHAIN.md section 3): an `electron` file that
 * carries Electron's fuse sentinel and a version-1 wire of 8 fuses as a real 45.x binary ships
 * them (RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, asar integrity off,
 * only-asar off, browser snapshot off, file:// privileges on), so the fuses step really runs.
 */
async function writeStandInElectron(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const wire = Buffer.from(
    [1, 8, ...'10110001'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0))),
  );
  const body = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron: not runnable"; exit 1\n# '),
    Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
    wire,
    Buffer.from('\n'),
  ]);
  await writeFile(join(dir, 'electron'), body);
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'version'), '45.5.0');
  await writeFile(join(dir, 'LICENSE'), 'stand-in');
}

/** Every file under a folder, as paths relative to `base` with forward slashes. */
async function listFiles(dir: string, base: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path, base)));
    else out.push(relative(base, path).split(sep).join('/'));
  }
  return out;
}

beforeAll(async () => {
  temp = await createTempDir();
  config = await getConfig(repoRoot, configFile, null);
  // `npm run build`: the renderer was built by the test setup (vite), the bundles are written here.
  written = await writeAppBundles(join(repoRoot, 'out'));
  const electronDist = join(temp.dir, 'electron-dist');
  await writeStandInElectron(electronDist);
  const release = join(temp.dir, 'release');
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [
        join(repoRoot, 'node_modules/electron-builder/cli.js'),
        '--config',
        configFile,
        '--linux',
        'dir',
        '--x64',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${release}`,
      ],
      { cwd: repoRoot, env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null) reject(new Error(`electron-builder failed:\n${stdout}\n${stderr}`));
        else resolve();
      },
    );
  });
  const unpacked = join(release, 'linux-unpacked');
  asarPath = join(unpacked, 'resources/app.asar');
  executable = join(unpacked, 'data-steward-workbench');
  asarFiles = listPackage(asarPath, { isPack: false })
    .map((p) => p.split(sep).join('/').replace(/^\//, ''))
    .filter((p) => {
      try {
        extractFile(asarPath, p);
        return true;
      } catch {
        return false; // a folder
      }
    })
    .sort();
});

afterAll(async () => {
  await temp?.cleanup();
});

describe('the builder configuration (build/electron-builder.yml)', () => {
  it('passes electron-builder’s own schema check, which refuses a broken copy', async () => {
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
    const broken = { ...config, nsis: { ...config.nsis, oneClick: 'yes' } } as never;
    await expect(validateConfiguration(broken, quietLogger)).rejects.toThrow(/oneClick/);
    const misspelt = {
      ...config,
      electronFuses: { ...config.electronFuses, runAsnode: false },
    } as never;
    await expect(validateConfiguration(misspelt, quietLogger)).rejects.toThrow(/electronFuses/);
  });

  it('names the app in Chinese and packs an asar with no native rebuild', () => {
    expect(config.productName).toBe('数据归集工作台');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'dsw', name: '数据归集项目' }),
    ]);
  });

  it('builds a per-user, Chinese NSIS installer and a portable exe for Windows x64', () => {
    expect(config.win?.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: 'always',
      createStartMenuShortcut: true,
      shortcutName: '数据归集工作台',
      language: '2052',
      installerLanguages: ['zh_CN'],
    });
  });

  it('builds deb and AppImage for Linux x64 and arm64, in the Office menu', () => {
    expect(config.linux?.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(config.linux).toMatchObject({ category: 'Office' });
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
    expect(config.linux?.synopsis).toMatch(/[\u4e00-\u9fff]/);
    expect(config.linux?.description).toMatch(/[\u4e00-\u9fff]/);
  });

  it('sets the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});

describe('the packed app (electron-builder --linux dir, stand-in Electron)', () => {
  it('holds exactly the built app: bundles, wasm, renderer and package.json', async () => {
    const renderer = await listFiles(join(repoRoot, 'dist/renderer'), repoRoot);
    expect(renderer).toContain('dist/renderer/index.html');
    const expected = [...written.map((w) => `out/${w.file}`), ...renderer, 'package.json'].sort();
    expect(asarFiles).toEqual(expected);
  });

  it('leaves out node_modules, sources, tests and sql.js’s zips', () => {
    expect(asarFiles.filter((f) => f.includes('node_modules'))).toEqual([]);
    expect(asarFiles.filter((f) => /\.(ts|tsx|mts|zip|map)$/.test(f))).toEqual([]);
    expect(
      asarFiles.filter((f) => /^(test|electron|shared|renderer|scripts|build|bin)\//.test(f)),
    ).toEqual([]);
  });

  it('starts where package.json says, and every path main and the engine load is inside', () => {
    const manifest = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as {
      main: string;
      version: string;
    };
    expect(manifest.main).toBe('out/main/main.cjs');
    expect(asarFiles).toContain(manifest.main);
    const main = extractFile(asarPath, 'out/main/main.cjs').toString('utf8');
    expect(main).toContain('../engine/engine-worker.cjs');
    expect(main).toContain('out/preload/preload.cjs');
    expect(main).toContain('dist/renderer/index.html');
    const engine = extractFile(asarPath, 'out/engine/engine-worker.cjs').toString('utf8');
    expect(engine).toContain('./import-worker.cjs');
    expect(engine).toContain('./sql-wasm.wasm');
    // The page's scripts and styles, as index.html names them.
    const html = extractFile(asarPath, 'dist/renderer/index.html').toString('utf8');
    const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map(
      (m) => `dist/renderer/${m[1]}`,
    );
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(asarFiles).toContain(asset);
  });

  it('keeps the sql.js wasm byte for byte', async () => {
    const packed = extractFile(asarPath, 'out/engine/sql-wasm.wasm');
    const source = await readFile(join(repoRoot, 'node_modules/sql.js/dist/sql-wasm.wasm'));
    expect(packed.equals(source)).toBe(true);
  });

  it('flips the fuses on the packed executable', async () => {
    const wire = await getCurrentFuseWire(executable);
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
    }).toEqual({
      runAsNode: fuseOff,
      cookieEncryption: fuseOn,
      nodeOptions: fuseOff,
      inspect: fuseOff,
      asarIntegrity: fuseOn,
      onlyAsar: fuseOn,
    });
  });
});
