/**
 * Stopping the engine answers every call: one in flight when the worker ends and one made
 * after it. A call left unanswered kept a browser-mode request open, so the host's server
 * never closed and `npm run serve` hung on SIGTERM.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEngine } from '../../../electron/engine/protocol-client.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;

beforeAll(async () => {
  temp = await createTempDir();
});

afterAll(async () => {
  await temp.cleanup();
});

it('answers engine-stopped to calls in flight at stop and made after it', async () => {
  const engine = startEngine(
    new URL('../../../electron/engine/engine-worker.ts', import.meta.url),
    { dataDir: join(temp.dir, 'data'), mode: 'browser', version: 'test' },
    { runTypeScript: true },
  );
  expect((await engine.call('app:info', {})).ok).toBe(true);
  const stopping = engine.stop();
  const inFlight = engine.call('app:info', {});
  await stopping;
  const after = engine.call('app:info', {});
  // The call made while stopping may still be answered; it must not hang.
  await inFlight;
  const answer = await after;
  expect(answer.ok ? 'answered' : answer.error.code).toBe('engine-stopped');
});
