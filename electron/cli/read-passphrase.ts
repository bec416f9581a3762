/**
 * The passphrase of a signing key, from (in this order) `--passphrase-file` (its first line),
 * the `STEWARD_KEY_PASSPHRASE` environment variable, or a prompt on the terminal that does not
 * echo what is typed. Never from a plain option: command lines end up in shell histories and
 * process lists.
 */
import { readFile } from 'node:fs/promises';
import { err, ok, type Result } from '../../shared/result.ts';
import { stringOption, type ParsedArgs } from './parse-options.ts';

/** The environment variable a script may hand the passphrase in. */
export const passphraseEnv = 'STEWARD_KEY_PASSPHRASE';

/**
 * Reads one line from the terminal without echo. Written by hand: Node's readline always echoes,
 * and the npm prompt packages would be a dependency for these few lines of raw-mode reading.
 */
function promptHidden(question: string): Promise<string | undefined> {
  const input = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve) => {
    let typed = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const finish = (value: string | undefined): void => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish(typed);
        if (char === '\u0003' || char === '\u0004') return finish(undefined);
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}

function noPassphrase(): Result<never> {
  return err(
    'passphrase-missing',
    `需要签名密钥的口令：请用 --passphrase-file 指定口令文件，或设置环境变量 ${passphraseEnv}，或在终端中运行以便输入`,
    `The key's passphrase is needed: --passphrase-file, ${passphraseEnv}, or run in a terminal`,
  );
}

/** Reads the passphrase; `isNew` asks twice on a terminal and checks both agree. */
export async function readPassphrase(parsed: ParsedArgs, isNew: boolean): Promise<Result<string>> {
  const file = stringOption(parsed, 'passphrase-file');
  if (file !== undefined) {
    try {
      const text = await readFile(file, 'utf8');
      return ok(text.split(/\r?\n/)[0] ?? '');
    } catch (error) {
      return err(
        'passphrase-file',
        `无法读取口令文件：${file}`,
        `Cannot read the passphrase file: ${file}`,
        [error instanceof Error ? error.message : String(error)],
      );
    }
  }
  const fromEnv = process.env[passphraseEnv];
  if (fromEnv !== undefined && fromEnv !== '') return ok(fromEnv);
  if (process.stdin.isTTY !== true) return noPassphrase();
  const first = await promptHidden(isNew ? '设置口令（不显示）：' : '签名密钥口令（不显示）：');
  if (first === undefined) return noPassphrase();
  if (!isNew) return ok(first);
  const second = await promptHidden('再次输入口令：');
  if (second !== first)
    return err('passphrase-mismatch', '两次输入的口令不一致，请重新运行', 'The passphrases differ');
  return ok(first);
}
