/**
 * `npm run build` (after `vite build`): bundles the Electron app's Node side with esbuild so the
 * packaged app needs no node_modules, no tsx and no TypeScript at run time.
 *
 *   out/main/main.cjs             Electron main (the `main` of package.json)
 *   out/preload/preload.cjs       the sandboxed preload (sandboxed preloads must be CommonJS)
 *   out/engine/engine-worker.cjs  the engine worker (sql.js, packs, code tables, packaging)
 *   out/engine/import-worker.cjs  the import worker the engine starts beside itself
 *   out/engine/steward-cli.cjs    the `steward` command line, run by main for `--steward`
 *   out/engine/sql-wasm.wasm      sql.js's WebAssembly, read by the engine from beside its bundle
 *   out/engine/training/          the department's file of 培训模式 (scripts/write-training-file.ts)
 *
 * Every bundle is CommonJS: Electron loads CommonJS main, preload and worker_threads scripts from
 * inside app.asar (Electron's own tests start a worker from an asar); packs and code tables are
 * JSON imports, inlined. `import.meta.url` is set from `__filename`, so the engine's paths
 * (`new URL('./import-worker.cjs', import.meta.url)`) resolve beside the bundle.
 *
 *   npx tsx scripts/write-app-bundles.ts [--out-dir dir]
 */
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { trainingResourceName } from '../electron/engine/demo/training-resource.ts';

const root = resolve(import.meta.dirname, '..');

/** One bundle the build wrote. */
export interface WrittenBundle {
  /** Path relative to the output folder, e.g. `engine/engine-worker.cjs`. */
  readonly file: string;
  readonly bytes: number;
  /**
   * The bundled modules (paths from the repository root) a start of the bundle runs: those its
   * entry reaches through static imports. A module reached only through `await import()` is
   * bundled too, but esbuild wraps it so that it runs on its first use, not at start.
   */
  readonly startupModules: readonly string[];
}

/** The inputs of `metafile` that `entry` reaches through static imports and requires. */
export function startupModulesOf(metafile: Metafile, entry: string): string[] {
  const reached = new Set<string>([entry]);
  const pending = [entry];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    for (const imported of metafile.inputs[path]?.imports ?? []) {
      if (imported.external || imported.kind === 'dynamic-import') continue;
      if (reached.has(imported.path)) continue;
      reached.add(imported.path);
      pending.push(imported.path);
    }
  }
  return [...reached].sort();
}

/** `import.meta` for a CommonJS bundle: the bundle's own file URL, and resolve() beside it. */
const importMetaBanner = [
  // The banner comes before esbuild's own "use strict", so it says it first: the sources are
  // ES modules, which are always strict.
  '"use strict";',
  'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;',
  'const __importMetaResolve = (specifier) => require("node:url").pathToFileURL(require.resolve(specifier)).href;',
].join('\n');

const common: BuildOptions = {
  bundle: true,
  format: 'cjs',
  external: ['electron'],
  legalComments: 'none',
  // Smaller and faster to parse; names are kept, so a crash report's stack stays readable.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
};

const nodeOptions: BuildOptions = {
  ...common,
  platform: 'node',
  // Electron 45 runs Node 22+; node20 also lets the tests run the bundles on this Node.
  target: 'node20',
  define: { 'import.meta.url': '__importMetaUrl', 'import.meta.resolve': '__importMetaResolve' },
  banner: { js: importMetaBanner },
};

/** What goes where: entry point (from the repository root) -> file in the output folder. */
const bundles: readonly { entry: string; file: string; options: BuildOptions }[] = [
  { entry: 'electron/main/index.ts', file: 'main/main.cjs', options: nodeOptions },
  {
    entry: 'electron/preload/preload.ts',
    file: 'preload/preload.cjs',
    // The sandboxed preload has no Node: a browser build fails on any Node import.
    options: { ...common, platform: 'browser', target: 'chrome130' },
  },
  {
    entry: 'electron/engine/engine-worker.ts',
    file: 'engine/engine-worker.cjs',
    options: nodeOptions,
  },
  {
    entry: 'electron/engine/import/import-worker.ts',
    file: 'engine/import-worker.cjs',
    options: nodeOptions,
  },
  // The command line, run by main for `--steward` (steward.cmd on Windows); beside the engine's
  // bundles so that the wasm and the import worker resolve beside it too.
  { entry: 'electron/cli/packaged-cli.ts', file: 'engine/steward-cli.cjs', options: nodeOptions },
];

/** Bundles main, preload and both workers into `outDir` (default `out/`), replacing what was there. */
export async function writeAppBundles(outDir = join(root, 'out')): Promise<WrittenBundle[]> {
  await rm(outDir, { recursive: true, force: true });
  const written: WrittenBundle[] = [];
  for (const { entry, file, options } of bundles) {
    const outfile = join(outDir, file);
    const result = await build({ ...options, entryPoints: [entry], outfile });
    const output = Object.values(result.metafile?.outputs ?? {})[0];
    const startupModules =
      result.metafile === undefined ? [] : startupModulesOf(result.metafile, entry);
    written.push({ file, bytes: output?.bytes ?? 0, startupModules });
  }
  const require = createRequire(import.meta.url);
  const wasm = join(dirname(require.resolve('sql.js')), 'sql-wasm.wasm');
  await mkdir(join(outDir, 'engine'), { recursive: true });
  await copyFile(wasm, join(outDir, 'engine/sql-wasm.wasm'));
  written.push({
    file: 'engine/sql-wasm.wasm',
    bytes: (await stat(wasm)).size,
    startupModules: [],
  });
  const training = join(root, 'electron/engine/demo/training', trainingResourceName);
  await mkdir(join(outDir, 'engine/training'), { recursive: true });
  await copyFile(training, join(outDir, 'engine/training', trainingResourceName));
  written.push({
    file: `engine/training/${trainingResourceName}`,
    bytes: (await stat(training)).size,
    startupModules: [],
  });
  return written;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
  const outDir = values['out-dir'] === undefined ? join(root, 'out') : resolve(values['out-dir']);
  const started = performance.now();
  const written = await writeAppBundles(outDir);
  for (const { file, bytes } of written) {
    process.stdout.write(
      `${relative(root, join(outDir, file))}  ${(bytes / 1024).toFixed(0)} kB\n`,
    );
  }
  process.stdout.write(`bundled in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
