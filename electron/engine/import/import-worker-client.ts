/**
 * The engine's side of the import worker: starts it with a heap limit, sends requests, and
 * turns every way the worker can fail into an AppError: out of memory, a crash, a bug, or a
 * stall (no reply and no progress within the limit, after which the worker is stopped).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportLimits } from '../../../shared/import/import-limits.ts';
import { err, type Result } from '../../../shared/result.ts';
import type { ImportReply, ImportRequest } from './import-protocol.ts';

type RequestBody = ImportRequest extends infer R
  ? R extends ImportRequest
    ? Omit<R, 'id'>
    : never
  : never;

interface Pending {
  readonly resolve: (result: Result<unknown>) => void;
  readonly timers: { stall: NodeJS.Timeout; total: NodeJS.Timeout };
}

/**
 * Starts the worker script: its bundle beside the engine's (out/engine/import-worker.cjs) in the
 * built app, or the TypeScript source through tsx when the engine runs from its sources.
 */
function startWorker(limits: ImportLimits): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: limits.maxMemoryMb, stackSizeMb: 8 };
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./import-worker.cjs', import.meta.url), { resourceLimits });
  }
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(
    join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
  ).href;
  const script = new URL('./import-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

function failureOf(error: unknown): Result<never> {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return err(
      'out-of-memory',
      '读取时内存不足：文件过大或结构异常，已停止读取（程序本身不受影响）',
      'Out of memory while reading: the file is too large or malformed; the read was stopped (the program is unharmed)',
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return err(
    'import-crashed',
    '读取文件时出错，已停止读取（程序本身不受影响）',
    'Reading the file failed and was stopped (the program is unharmed)',
    [reason],
  );
}

/** A running import worker. */
export class ImportWorkerClient {
  private readonly worker: Worker;
  private readonly limits: ImportLimits;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Result<never> | undefined;

  constructor(limits: ImportLimits) {
    this.limits = limits;
    this.worker = startWorker(limits);
    this.worker.unref();
    this.worker.on('message', (reply: ImportReply) => this.receive(reply));
    this.worker.on('error', (error) => this.fail(failureOf(error)));
    this.worker.on('exit', (code) => {
      this.fail(
        err(
          'import-stopped',
          '读取文件的进程已停止',
          `The reading worker stopped (exit code ${code})`,
        ),
      );
    });
  }

  /**
   * Sends a request; resolves to its result, or to an AppError when the worker fails. The
   * request may go `stallMs` without a reply or a sign of progress before the worker is stopped
   * (a step that cannot report progress, such as SheetJS parsing a large xls, gets more).
   */
  request<T>(body: RequestBody, stallMs = this.limits.stallTimeoutMs): Promise<Result<T>> {
    if (this.failure !== undefined) return Promise.resolve(this.failure);
    const id = this.nextId++;
    return new Promise<Result<T>>((resolve) => {
      const stall = setTimeout(() => this.stall(stallMs), stallMs);
      const total = setTimeout(
        () => this.stall(this.limits.totalTimeoutMs),
        this.limits.totalTimeoutMs,
      );
      this.pending.set(id, {
        resolve: resolve as (result: Result<unknown>) => void,
        timers: { stall, total },
      });
      this.worker.postMessage({ ...body, id } as ImportRequest);
    });
  }

  /** Whether the worker failed or was closed: every request now answers that failure. */
  get hasFailed(): boolean {
    return this.failure !== undefined;
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    this.fail(err('closed', '文件已关闭', 'The file is closed'));
    await this.worker.terminate();
  }

  private receive(reply: ImportReply): void {
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    if (reply.type === 'progress') {
      pending.timers.stall.refresh();
      return;
    }
    clearTimeout(pending.timers.stall);
    clearTimeout(pending.timers.total);
    this.pending.delete(reply.id);
    pending.resolve(reply.result);
  }

  private stall(ms: number): void {
    const seconds = Math.round(ms / 1000);
    this.fail(
      err(
        'timeout',
        `读取超时：${seconds} 秒内没有进展，已停止读取（文件可能结构异常）`,
        `The read timed out: no progress in ${seconds} s, so it was stopped (the file may be malformed)`,
      ),
    );
    void this.worker.terminate();
  }

  private fail(failure: Result<never>): void {
    this.failure ??= failure;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timers.stall);
      clearTimeout(pending.timers.total);
      this.pending.delete(id);
      pending.resolve(this.failure);
    }
  }
}
