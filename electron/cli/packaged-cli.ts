/**
 * The `steward` command line inside the installed app (out/engine/steward-cli.cjs, beside the
 * engine's bundles, so sql.js's wasm and the import worker are found). `steward.cmd`, installed
 * beside the executable, runs `data-steward-workbench.exe --steward <命令> ...`; main hands the
 * arguments here and exits with the code. The same exit codes as bin/steward.js.
 */
import { switchConsoleToUtf8 } from './console-code-page.ts';
import { main } from './main.ts';

/** Runs one command and resolves to its exit code (3 for a bug, with the details on stderr). */
export async function runPackagedCli(argv: readonly string[]): Promise<number> {
  // `steward validate x.csv | more` closes stdout early: stop quietly, as other tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const restoreConsole = switchConsoleToUtf8();
  try {
    return await main(argv);
  } catch (error) {
    process.stderr.write('内部错误，请把以下信息报告给维护人员 / internal error, please report:\n');
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 3;
  } finally {
    restoreConsole();
  }
}
