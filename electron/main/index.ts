/**
 * The Electron entry point: the app; its self-test (`--self-test <report.json>`); or the
 * `steward` command line (`--steward <命令> ...`, what steward.cmd runs), without a window.
 */
import { app } from 'electron';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startApp } from './main.ts';
import { runSelfTest } from './self-test.ts';
import { selfTestReportPath } from './self-test-report.ts';

/** The command line's bundle (out/engine/steward-cli.cjs), loaded only for `--steward`. */
interface StewardCli {
  runPackagedCli(argv: readonly string[]): Promise<number>;
}

/** Ends the process with `code`, or 3 when the run itself crashed (a bug): never hangs. */
function exitWith(run: Promise<number>, what: string): void {
  void run.then(
    (code) => app.exit(code),
    (error: unknown) => {
      console.error(`${what} crashed`, error);
      app.exit(3);
    },
  );
}

const args = process.argv.slice(1);
const stewardAt = args.indexOf('--steward');
const reportPath = selfTestReportPath(args);
if (stewardAt >= 0) {
  // Loaded at run time from beside the engine, not bundled into main: the command line is the
  // engine's layer, and the app's start stays as small as it was.
  const cli = createRequire(import.meta.url)(
    fileURLToPath(new URL('../engine/steward-cli.cjs', import.meta.url)),
  ) as StewardCli;
  exitWith(cli.runPackagedCli(args.slice(stewardAt + 1)), 'steward');
} else if (reportPath !== undefined) {
  exitWith(runSelfTest(reportPath), 'self-test');
} else {
  void startApp();
}
