/**
 * The plain-data half of the packaged app's self-test (`--self-test <report.json>`): the
 * report, the step runner and the fuse check. No Electron here, so unit tests load it directly;
 * electron/main/self-test.ts runs the steps in the real app.
 */

/** One step of the self-test, as the report shows it. */
export interface SelfTestStep {
  readonly name: string;
  readonly ok: boolean;
  /** Wall-clock time of the step, in milliseconds. */
  readonly ms: number;
  /** What the step saw (counts, paths, versions), for the person reading the report. */
  readonly detail?: Readonly<Record<string, unknown>>;
  /** Why it failed (library text is fine here: the report is for maintainers). */
  readonly error?: string;
}

/** The JSON report the self-test writes. */
export interface SelfTestReport {
  readonly ok: boolean;
  /** The first step that failed; the steps after it were not run. */
  readonly failedStep?: string;
  readonly app: Readonly<Record<string, unknown>>;
  readonly startedAt: string;
  readonly ms: number;
  readonly steps: readonly SelfTestStep[];
}

/** What a step's body returns: its detail, or throws (a failed step). */
export type StepBody = () => Promise<Readonly<Record<string, unknown>>>;

/** A step failed a check of its own (not a crash): the message says what was expected. */
export class StepFailure extends Error {
  readonly detail: Readonly<Record<string, unknown>>;
  constructor(message: string, detail: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = 'StepFailure';
    this.detail = detail;
  }
}

/** Throws a StepFailure unless `condition` holds. */
export function expectStep(
  condition: boolean,
  message: string,
  detail: Readonly<Record<string, unknown>> = {},
): asserts condition {
  if (!condition) throw new StepFailure(message, detail);
}

/** How long one step may take before it counts as hung (a CI job must end). */
export const stepTimeoutMs = 180_000;

/**
 * Runs the steps in order, timing each; stops at the first that fails (the later ones build on
 * it) and returns what ran.
 */
export async function runSteps(
  steps: readonly { readonly name: string; readonly run: StepBody }[],
  timeoutMs: number = stepTimeoutMs,
): Promise<SelfTestStep[]> {
  const done: SelfTestStep[] = [];
  for (const step of steps) {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const detail = await Promise.race([
        step.run(),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(
            () => reject(new StepFailure(`no answer within ${timeoutMs / 1000} s`)),
            timeoutMs,
          );
        }),
      ]);
      done.push({ name: step.name, ok: true, ms: Math.round(performance.now() - started), detail });
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      const message = error instanceof Error ? error.message : String(error);
      const detail = error instanceof StepFailure ? error.detail : { stack: String(error) };
      done.push({ name: step.name, ok: false, ms, detail, error: message });
      break;
    } finally {
      clearTimeout(timer);
    }
  }
  return done;
}

/** The report of a run: ok only when every step ran and held. */
export function createSelfTestReport(
  steps: readonly SelfTestStep[],
  expectedSteps: number,
  app: Readonly<Record<string, unknown>>,
  startedAt: Date,
  ms: number,
): SelfTestReport {
  const failed = steps.find((s) => !s.ok);
  return {
    ok: failed === undefined && steps.length === expectedSteps,
    ...(failed === undefined ? {} : { failedStep: failed.name }),
    app,
    startedAt: startedAt.toISOString(),
    ms: Math.round(ms),
    steps,
  };
}

/** The report path after `--self-test` (also `--self-test=path`), or undefined without the switch. */
export function selfTestReportPath(argv: readonly string[]): string | undefined {
  for (const [index, arg] of argv.entries()) {
    if (arg.startsWith('--self-test=')) return arg.slice('--self-test='.length);
    if (arg === '--self-test') return argv[index + 1] ?? '';
  }
  return undefined;
}

/**
 * The fuses the installers flip (build/electron-builder.yml `electronFuses`, kept equal by a
 * test), by their index in Electron's version-1 fuse wire (@electron/fuses FuseV1Options).
 */
export const expectedFuses: readonly { name: string; index: number; isOn: boolean }[] = [
  { name: 'runAsNode', index: 0, isOn: false },
  { name: 'enableCookieEncryption', index: 1, isOn: true },
  { name: 'enableNodeOptionsEnvironmentVariable', index: 2, isOn: false },
  { name: 'enableNodeCliInspectArguments', index: 3, isOn: false },
  { name: 'enableEmbeddedAsarIntegrityValidation', index: 4, isOn: true },
  { name: 'onlyLoadAppFromAsar', index: 5, isOn: true },
];

/** The fuse wire's byte for a fuse that is on ('1'); '0' is off, 'r' removed. */
const fuseOnByte = 0x31;

/** The fuses whose state differs from `expectedFuses`, by name (empty when all hold). */
export function checkFuseWire(wire: Readonly<Record<number, number>>): string[] {
  return expectedFuses
    .filter(({ index, isOn }) => (wire[index] === fuseOnByte) !== isOn)
    .map(({ name }) => name);
}
