/** Loads sql.js (SQLite compiled to WebAssembly) once per thread. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | undefined;
let loaded: SqlJsStatic | undefined;

/**
 * Where sql.js's wasm is: in the sql.js package when the engine runs from its sources, beside
 * the engine's bundle (out/engine/sql-wasm.wasm) in the built app, which has no node_modules.
 */
function locateWasm(): string {
  if (!import.meta.url.endsWith('.ts'))
    return fileURLToPath(new URL('./sql-wasm.wasm', import.meta.url));
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('sql.js')), 'sql-wasm.wasm');
}

/**
 * Resolves the sql.js module. The wasm bytes are read by us and handed over, so the same code
 * works in Node, in an Electron worker and from inside an asar archive.
 */
export function loadSqlite(): Promise<SqlJsStatic> {
  loading ??= (async () => {
    const wasm = await readFile(locateWasm());
    const wasmBinary = wasm.buffer.slice(
      wasm.byteOffset,
      wasm.byteOffset + wasm.byteLength,
    ) as ArrayBuffer;
    loaded = await initSqlJs({ wasmBinary });
    return loaded;
  })();
  return loading;
}

/** The sql.js module once `loadSqlite` has resolved (every database is made after that). */
export function loadedSqlite(): SqlJsStatic | undefined {
  return loaded;
}
