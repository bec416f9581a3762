/**
 * Starts a job and waits for its end. It listens for `job:done` before the job starts, so the
 * end of a job faster than the answer that started it is never missed.
 */
import type { EventPayload } from '../../shared/ipc/contract.ts';
import type { Result } from '../../shared/result.ts';
import type { WindowApi } from './window-api.ts';

/** A started job's answer and how it ended. */
export interface FinishedJob<T> {
  readonly started: T;
  readonly done: EventPayload<'job:done'>;
}

/** Runs `start` (an invoke that starts a job) and resolves when that job is done. */
export async function runJob<T extends { jobId: string }>(
  api: WindowApi,
  start: () => Promise<Result<T>>,
): Promise<Result<FinishedJob<T>>> {
  const ended = new Map<string, EventPayload<'job:done'>>();
  let waiting: { jobId: string; resolve: (done: EventPayload<'job:done'>) => void } | undefined;
  const stop = api.on('job:done', (payload) => {
    if (waiting?.jobId === payload.jobId) waiting.resolve(payload);
    else ended.set(payload.jobId, payload);
  });
  try {
    const started = await start();
    if (!started.ok) return started;
    const { jobId } = started.value;
    const done =
      ended.get(jobId) ??
      (await new Promise<EventPayload<'job:done'>>((resolve) => {
        waiting = { jobId, resolve };
      }));
    return { ok: true, value: { started: started.value, done } };
  } finally {
    stop();
  }
}
