/**
 * `npm run serve`: browser mode. Starts the engine worker and the host on 127.0.0.1, prints the
 * full URL on a line of its own, and stops cleanly (saving the open project) on SIGTERM/SIGINT.
 */
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
const host = await startBrowserHost({
  engine,
  rendererDir: values.renderer ?? join(root, 'dist/renderer'),
  uploadDir: join(dataDir, 'uploads'),
  port: values.port === undefined ? 0 : Number(values.port),
});
process.stdout.write(
  `数据归集工作台（浏览器模式）已启动 / browser mode is running:\n${host.url}\n`,
);

let isStopping = false;
const stop = async (): Promise<void> => {
  if (isStopping) return;
  isStopping = true;
  await host.close();
  await engine.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
