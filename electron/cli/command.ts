import type { ParseArgsConfig } from 'node:util';
import { writeLine } from './output.ts';
import { parseOptions, type ParsedArgs } from './parse-options.ts';

/** One verb of the `steward` command line. */
export interface Command {
  /** One line for the usage text, Chinese / English. */
  readonly summary: string;
  /** Runs the verb with the arguments after it; resolves to the exit code. */
  run(args: readonly string[]): Promise<number>;
}

/** What a verb declares; `createCommand` does the parsing every verb shares. */
export interface CommandSpec {
  readonly summary: string;
  /** The verb's usage text, printed for `-h`/`--help` and after a bad-input message. */
  readonly help: string;
  /** Its options (`-h`/`--help` is added). */
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Runs with the parsed options; `fail` prints a message and the usage and returns 2. */
  run(options: ParsedArgs, fail: (message: string) => number): Promise<number>;
}

/** A verb: bad arguments and `--help` are answered before its own `run` sees the options. */
export function createCommand(spec: CommandSpec): Command {
  return {
    summary: spec.summary,
    async run(args) {
      const fail = (message: string): number => {
        writeLine(`${message}\n\n${spec.help}`, 'stderr');
        return 2;
      };
      const parsed = parseOptions(args, {
        ...spec.options,
        help: { type: 'boolean', short: 'h' },
      });
      if (!parsed.ok) return fail(parsed.error.message.zh);
      if (parsed.value.values.help === true) {
        writeLine(spec.help);
        return 0;
      }
      return spec.run(parsed.value, fail);
    },
  };
}
