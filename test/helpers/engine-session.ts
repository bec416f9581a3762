/**
 * Test helpers: the real engine session behind the IPC contract, as the session tests drive it:
 * a channel asked through the engine's handlers (its Result, or its value unwrapped), a job
 * started and waited for until its `job:done` event, and the session closed at the end.
 */
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { engineHandlers } from '../../electron/engine/session/engine-handlers.ts';
import { EngineSession } from '../../electron/engine/session/engine-session.ts';
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
} from '../../shared/ipc/contract.ts';
import type { Result } from '../../shared/result.ts';
import { createTempDir } from './run-steward.ts';

/** Where the engine runs: in the desktop app or behind the browser-mode server. */
type EngineMode = EngineSession['config']['mode'];

/** What a job's end says. */
export type JobDone = EventPayload<'job:done'>;

/** A real engine session and the ways a test talks to it. */
export interface TestSession {
  /** The session itself (its open project, its registered files, its downloads). */
  readonly session: EngineSession;
  /** A channel's answer as the engine gives it: a value, or an AppError. */
  answer<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** A channel's value; a refusal fails the test with the channel and its message. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** The `job:done` event of a job, whether it has ended already or not yet. */
  jobDone(jobId: string): Promise<JobDone>;
  /** Starts a job (a channel that answers a job id) and waits for its end. */
  runJob(start: () => Promise<{ jobId: string }>): Promise<JobDone>;
  /** Closes the open project, as quitting the app does. */
  close(): Promise<void>;
}

/** Creates an engine session over `dataDir` that keeps every job's end for `jobDone`. */
export function createTestSession(options: {
  readonly dataDir: string;
  readonly mode?: EngineMode;
}): TestSession {
  const ended = new Map<string, JobDone>();
  const waiting = new Map<string, ((done: JobDone) => void)[]>();
  const session = new EngineSession(
    { dataDir: options.dataDir, mode: options.mode ?? 'browser', version: 'test' },
    <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (event !== 'job:done') return;
      const done = payload as JobDone;
      ended.set(done.jobId, done);
      for (const resolve of waiting.get(done.jobId) ?? []) resolve(done);
      waiting.delete(done.jobId);
    },
  );
  const answer = <C extends Channel>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<Result<ChannelOutput<C>>> => engineHandlers[channel](input, session);
  const call = async <C extends Channel>(
    channel: C,
    input: ChannelInput<C>,
  ): Promise<ChannelOutput<C>> => {
    const result = await answer(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message.en}`);
    return result.value;
  };
  const jobDone = (jobId: string): Promise<JobDone> => {
    const done = ended.get(jobId);
    if (done !== undefined) return Promise.resolve(done);
    return new Promise((resolve) => waiting.set(jobId, [...(waiting.get(jobId) ?? []), resolve]));
  };
  return {
    session,
    answer,
    call,
    jobDone,
    runJob: async (start) => jobDone((await start()).jobId),
    close: () => session.replaceProject(undefined),
  };
}

/** A test file's one engine session, in a temp folder of its own. */
export interface FileTestSession extends TestSession {
  /** The file's temp folder; the data folder is its `data`. */
  readonly dir: string;
}

/**
 * One engine session for the whole test file: made before the file's own `beforeAll` (call this
 * before registering them), closed and its temp folder removed after the file. `templates`
 * chooses where mapping templates go: `temp` (the temp folder's `templates`), `unset` (the
 * app's default place: the data folder's), or, left out, as the environment says; the
 * variable is put back afterwards.
 */
export function createFileTestSession(
  options: { readonly mode?: EngineMode; readonly templates?: 'temp' | 'unset' } = {},
): FileTestSession {
  let temp: Awaited<ReturnType<typeof createTempDir>> | undefined;
  let current: TestSession | undefined;
  const previousTemplatesDir = process.env.STEWARD_TEMPLATES_DIR;
  const started = (): TestSession => {
    if (current === undefined) throw new Error('the session starts in beforeAll');
    return current;
  };
  beforeAll(async () => {
    temp = await createTempDir();
    if (options.templates === 'temp')
      process.env.STEWARD_TEMPLATES_DIR = join(temp.dir, 'templates');
    if (options.templates === 'unset') delete process.env.STEWARD_TEMPLATES_DIR;
    current = createTestSession({
      dataDir: join(temp.dir, 'data'),
      ...(options.mode === undefined ? {} : { mode: options.mode }),
    });
  });
  afterAll(async () => {
    await current?.close();
    if (previousTemplatesDir === undefined) delete process.env.STEWARD_TEMPLATES_DIR;
    else process.env.STEWARD_TEMPLATES_DIR = previousTemplatesDir;
    await temp?.cleanup();
  });
  return {
    get session() {
      return started().session;
    },
    get dir() {
      if (temp === undefined) throw new Error('the temp folder is made in beforeAll');
      return temp.dir;
    },
    answer: (channel, input) => started().answer(channel, input),
    call: (channel, input) => started().call(channel, input),
    jobDone: (jobId) => started().jobDone(jobId),
    runJob: (start) => started().runJob(start),
    close: () => started().close(),
  };
}
