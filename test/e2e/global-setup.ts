/** Builds the renderer once before the tests, so browser mode serves the current UI. */
import { build } from 'vite';
import { join } from 'node:path';

/** Vitest global setup. */
export default async function setup(): Promise<void> {
  const root = join(import.meta.dirname, '../..');
  await build({ configFile: join(root, 'vite.config.mts'), logLevel: 'warn' });
}
