import { parseArgs, type ParseArgsConfig } from 'node:util';
import { err, ok, type Result } from '../../shared/result.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed arguments of a verb: its positional arguments and its options. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly values: Record<string, string | boolean | undefined>;
}

/** Parses a verb's arguments with node's parseArgs; a bad option is an AppError, not a throw. */
export function parseOptions(args: readonly string[], options: Options): Result<ParsedArgs> {
  try {
    const { positionals, values } = parseArgs({
      args: [...args],
      options,
      allowPositionals: true,
      strict: true,
    });
    return ok({ positionals, values: values as Record<string, string | boolean | undefined> });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return err('bad-arguments', `参数有误：${reason}`, `Bad arguments: ${reason}`);
  }
}

/** Reads a string option. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}
