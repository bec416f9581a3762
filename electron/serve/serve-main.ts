/**
 * `npm run serve`: browser mode. Starts the engine worker and the host on 127.0.0.1, prints the
 * full URL on a line of its own, and stops cleanly on SIGTERM/SIGINT: the engine first (it saves
 * the open project), then the server, then this process's upload folder.
 */
import { rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startEngine } from '../engine/protocol-client.ts';
import { startBrowserHost } from './browser-host.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    renderer: { type: 'string' },
  },
});
const root = resolve(import.meta.dirname, '../..');
const dataDir =
  values['data-dir'] ?? process.env.STEWARD_DATA_DIR ?? join(homedir(), '.data-steward');
const engine = startEngine(
  new URL('../engine/engine-worker.ts', import.meta.url),
  { dataDir, mode: 'browser', version: process.env.npm_package_version ?? '0.0.0' },
  {
    runTypeScript: true,
    onCrash: (message, stack) => console.error(`engine crash: ${message}\n${stack ?? ''}`),
  },
);
// This process's own upload folder, removed when it stops (another serve may share the data dir).
const uploadDir = join(dataDir, 'uploads', `serve-${process.pid}`);
const host = await startBrowserHost({
  engine,
  rendererDir: values.renderer ?? join(root, 'dist/renderer'),
  uploadDir,
  port: values.port === undefined ? 0 : Number(values.port),
});
process.stdout.write(
  `数据归集工作台（浏览器模式）已启动 / browser mode is running:\n${host.url}\n`,
);

let isStopping = false;
const stop = async (): Promise<void> => {
  if (isStopping) return;
  isStopping = true;
  let code = 0;
  try {
    await engine.stop();
  } catch (error) {
    console.error('engine stop failed:', error);
    code = 1;
  }
  await host.close();
  await rm(uploadDir, { recursive: true, force: true });
  process.exit(code);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
