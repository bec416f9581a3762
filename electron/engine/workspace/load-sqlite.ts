/** Loads sql.js (SQLite compiled to WebAssembly) once per thread. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | undefined;

/**
 * Resolves the sql.js module. The wasm bytes are read by us and handed over, so the same code
 * works in Node, in an Electron worker and from inside an asar archive.
 */
export function loadSqlite(): Promise<SqlJsStatic> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = join(dirname(require.resolve('sql.js')), 'sql-wasm.wasm');
    const wasm = await readFile(wasmPath);
    const wasmBinary = wasm.buffer.slice(
      wasm.byteOffset,
      wasm.byteOffset + wasm.byteLength,
    ) as ArrayBuffer;
    return initSqlJs({ wasmBinary });
  })();
  return loading;
}
