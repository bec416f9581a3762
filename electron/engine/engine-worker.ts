/**
 * The engine worker: a worker thread that owns the project, the readers and every long job.
 * The host (Electron main or the browser-mode server) sends requests already checked against
 * the IPC contract; the worker answers with Results and pushes events.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Channel } from '../../shared/ipc/contract.ts';
import { err, ok } from '../../shared/result.ts';
import { diskFullError, isDiskFull } from './disk-full.ts';
import { isWriteRefused, writeRefusedError } from './write-refused.ts';
import {
  defaultProjectLimits,
  isOutOfMemory,
  projectTooLargeError,
} from './workspace/project-size.ts';
import { verifyPackage } from './package/verify-package.ts';
import type {
  EngineConfig,
  EngineMessage,
  EngineRequest,
  PackageVerification,
} from './protocol.ts';
import { engineHandlers } from './session/engine-handlers.ts';
import { EngineSession } from './session/engine-session.ts';

const port = parentPort;
if (port === null) throw new Error('engine-worker must run in a worker thread');

const post = (message: EngineMessage): void => port.postMessage(message);
const session = new EngineSession(workerData as EngineConfig, (event, payload) =>
  post({ kind: 'event', event, payload }),
);

// What killed engines left in the data folder (packages half zipped, exports) goes at start.
session.removeDeadTemp().catch((error: unknown) => {
  console.error('engine: could not remove old temp folders', error);
});

async function handle(request: EngineRequest): Promise<void> {
  try {
    if (request.kind === 'register-file') {
      post({
        kind: 'result',
        id: request.id,
        result: await session.registerFile(request.path, request.name),
      });
      return;
    }
    if (request.kind === 'verify-package') {
      const report = await verifyPackage(request.path);
      const verification: PackageVerification = {
        ok: report.ok,
        problems: report.problems.map((p) => p.message.zh),
      };
      post({ kind: 'result', id: request.id, result: ok(verification) });
      return;
    }
    if (request.kind === 'resolve-download') {
      post({ kind: 'result', id: request.id, result: session.download(request.downloadId) });
      return;
    }
    const handler = engineHandlers[request.channel] as (
      input: unknown,
      s: EngineSession,
    ) => ReturnType<(typeof engineHandlers)[Channel]>;
    post({ kind: 'result', id: request.id, result: await handler(request.input, session) });
  } catch (error) {
    if (isDiskFull(error)) {
      // Expected, not a bug: the project was rolled back to its last good save.
      console.warn('engine: disk full', error);
      post({ kind: 'result', id: request.id, result: diskFullError(error) });
      return;
    }
    if (isWriteRefused(error)) {
      // Expected, not a bug: a data folder on a read-only share, say; the message names it.
      console.warn('engine: write refused', error);
      post({ kind: 'result', id: request.id, result: writeRefusedError(error) });
      return;
    }
    if (isOutOfMemory(error)) {
      // Expected, not a bug: the project grew past what sql.js's heap holds (project-size.ts).
      console.warn('engine: out of memory', error);
      post({
        kind: 'result',
        id: request.id,
        result: projectTooLargeError(defaultProjectLimits, [
          error instanceof Error ? error.message : String(error),
        ]),
      });
      return;
    }
    // A bug: report it as a crash with its stack for the log; the host shows a crash report.
    const stack = error instanceof Error ? error.stack : undefined;
    post({
      kind: 'crash',
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
      ...(stack ? { stack } : {}),
    });
    post({
      kind: 'result',
      id: request.id,
      result: err('internal-error', '内部错误，已记录日志', 'Internal error; it was logged'),
    });
  }
}

port.on('message', (request: EngineRequest) => {
  void handle(request);
});
