import { parseArgs, type ParseArgsConfig } from 'node:util';
import { err, ok, type Result } from '../../shared/result.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed arguments of a verb: its positional arguments and its options. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly values: Record<string, string | boolean | undefined>;
}

/**
 * Parses a verb's arguments with node's parseArgs; a bad option is an AppError, not a throw.
 * The message names the option in plain Chinese; node's own text goes to the details.
 */
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
    const code = (error as { code?: unknown }).code;
    const option = /'(-[^' ,]*)/.exec(reason)?.[1] ?? '';
    const [zh, en] =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? [`参数有误：不认识的选项 ${option}，用 --help 查看可用的选项`, `Unknown option ${option}`]
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /argument missing/.test(reason)
          ? [`参数有误：选项 ${option} 后面缺少取值`, `Option ${option} needs a value`]
          : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
            ? [`参数有误：选项 ${option} 不接受取值`, `Option ${option} takes no value`]
            : ['参数有误，用 --help 查看用法', 'Bad arguments'];
    return err('bad-arguments', zh, en, [reason]);
  }
}

/** Reads a string option. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}
