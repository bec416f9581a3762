import type { ParseArgsConfig } from 'node:util';
import type { AppError } from '../../shared/result.ts';
import { isWriteRefused, writeRefusedError } from '../engine/write-refused.ts';
import { writeJson, writeLine } from './output.ts';
import { parseOptions, type ParsedArgs } from './parse-options.ts';

/** One verb of the `steward` command line. */
export interface Command {
  /** One line for the usage text, Chinese / English. */
  readonly summary: string;
  /** The verb's usage text (`--help`); docs/cli.md carries it verbatim. */
  readonly help: string;
  /** Runs the verb with the arguments after it; resolves to the exit code. */
  run(args: readonly string[]): Promise<number>;
}

/** Prints a refused input or environment (not a usage mistake) and returns exit code 2. */
export type Refuse = (error: AppError) => number;

/** What a verb declares; `createCommand` does the parsing every verb shares. */
export interface CommandSpec {
  readonly summary: string;
  /** The verb's usage text, printed for `-h`/`--help` and after a usage mistake. */
  readonly help: string;
  /** Its options (`-h`/`--help` is added). */
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /**
   * Runs with the parsed options. `fail` answers a usage mistake (a missing or bad argument):
   * the message and, in text mode, the usage. `refuse` answers input or an environment the
   * verb cannot work with (a file not found, a pack that does not load): the message only.
   * Both print one `{"error":{"code","message"}}` object on stdout under `--format json`, and
   * return 2.
   */
  run(options: ParsedArgs, fail: (message: string) => number, refuse: Refuse): Promise<number>;
}

/**
 * True when the arguments ask for JSON (`--format json` or `--format=json`). Read from the raw
 * arguments, so even arguments that do not parse are answered in JSON.
 */
export function asksForJson(args: readonly string[]): boolean {
  return args.some(
    (arg, index) => arg === '--format=json' || (arg === '--format' && args[index + 1] === 'json'),
  );
}

/** Prints a refusal the way the caller asked for output, and returns exit code 2. */
export function writeRefusal(error: AppError, isJson: boolean, usage?: string): number {
  if (isJson) {
    writeJson({ error: { code: error.code, message: error.message.zh } });
    for (const detail of error.details ?? []) writeLine(`  ${detail}`, 'stderr');
    return 2;
  }
  writeLine(error.message.zh, 'stderr');
  for (const detail of error.details ?? []) writeLine(`  ${detail}`, 'stderr');
  if (usage !== undefined) writeLine(`\n${usage}`, 'stderr');
  return 2;
}

/** A verb: bad arguments and `--help` are answered before its own `run` sees the options. */
export function createCommand(spec: CommandSpec): Command {
  return {
    summary: spec.summary,
    help: spec.help,
    async run(args) {
      const isJson = asksForJson(args);
      const fail = (message: string): number =>
        writeRefusal(
          { code: 'bad-arguments', message: { zh: message, en: message } },
          isJson,
          spec.help,
        );
      const refuse: Refuse = (error) => writeRefusal(error, isJson);
      const parsed = parseOptions(args, {
        ...spec.options,
        help: { type: 'boolean', short: 'h' },
      });
      if (!parsed.ok) return writeRefusal(parsed.error, isJson, spec.help);
      if (parsed.value.values.help === true) {
        writeLine(spec.help);
        return 0;
      }
      try {
        return await spec.run(parsed.value, fail, refuse);
      } catch (error) {
        // A read-only target (the install folder, a read-only share) is the environment refusing,
        // not a bug: every verb that writes says which folder, exit 2, never a stack trace.
        if (!isWriteRefused(error)) throw error;
        const refused = writeRefusedError(error);
        return refused.ok ? 2 : refuse(refused.error);
      }
    },
  };
}
