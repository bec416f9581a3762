/**
 * `steward`: every step of the workbench, headless. One file per verb; this file only
 * dispatches. Exit codes: 0 success, 1 the data has errors (or the job is blocked), 2 bad input.
 */
import { asksForJson, writeRefusal } from './command.ts';
import { commands } from './commands.ts';
import { writeLine } from './output.ts';

/** The usage text of `steward --help`. */
export const usage = `用法 / usage: steward <命令> [选项]

命令 / commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`)
  .join('\n')}

steward <命令> --help 查看命令的选项 / shows a command's options.`;

/** Runs the command line and resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    writeLine(usage);
    return verb === undefined ? 2 : 0;
  }
  const command = commands[verb];
  if (command === undefined) {
    const message = `未知命令 / unknown command: ${verb}`;
    return writeRefusal(
      { code: 'unknown-command', message: { zh: message, en: message } },
      asksForJson(rest),
      usage,
    );
  }
  return command.run(rest);
}
