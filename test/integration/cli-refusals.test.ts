/**
 * How every `steward` verb refuses: under `--format json`, exactly one
 * `{"error":{"code","message"}}` object on stdout and no usage text; in text mode, the usage
 * only after a real usage mistake, never after refused input. Exit code 2 either way.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/main.ts';
import { createTempDir } from '../helpers/run-steward.ts';

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
  // The user's own packs and templates folders stay out of it.
  vi.stubEnv('STEWARD_PACKS_DIR', join(dir, 'packs'));
  vi.stubEnv('STEWARD_TEMPLATES_DIR', join(dir, 'templates'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await cleanup();
});

/**
 * Runs the command line in this process (as bin/steward.js does, without starting a node per
 * case) and collects what it printed.
 */
async function runSteward(args: readonly string[]) {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Per verb, arguments it must refuse (input that is not there), as a user would type them. */
const refusals: Readonly<Record<string, (missing: string) => string[]>> = {
  packs: (missing) => ['--import', join(missing, 'pack.json')],
  'demo-data': (missing) => ['--pack', 'no-such-pack', '--out', join(missing, 'demo.csv')],
  map: (missing) => [join(missing, 'a.csv'), '--pack', 'pop-base'],
  validate: (missing) => [join(missing, 'a.csv'), '--pack', 'pop-base'],
  templates: (missing) => ['--import', join(missing, 'template.json')],
  package: (missing) => [join(missing, 'a.csv'), '--kind', 'share', '--out', missing],
  verify: (missing) => [join(missing, 'package.zip')],
  apply: (missing) => [
    join(missing, 'base.zip'),
    join(missing, 'delta.zip'),
    '--out',
    join(dir, 'full.zip'),
  ],
  merge: (missing) => [join(missing, 'p.dsw'), join(missing, 'errors.xlsx')],
  'export-errors': (missing) => [join(missing, 'p.dsw'), '--out', join(missing, 'e.xlsx')],
  export: (missing) => [
    join(missing, 'p.dsw'),
    '--format',
    'xlsx',
    '--out',
    join(missing, 'd.xlsx'),
  ],
  inspect: (missing) => [join(missing, 'a.csv')],
  key: (missing) => [
    'create',
    '--office',
    '牡丹区大数据中心',
    '--out',
    join(dir, 'keys'),
    '--passphrase-file',
    join(missing, 'passphrase.txt'),
  ],
};

/** The one JSON object a refusal printed, checked for its shape. */
function parseRefusal(stdout: string): { code: string; message: string } {
  const output = JSON.parse(stdout) as { error: { code: string; message: string } };
  expect(Object.keys(output)).toEqual(['error']);
  expect(Object.keys(output.error)).toEqual(['code', 'message']);
  expect(output.error.code).toMatch(/^[a-z-]+$/);
  expect(output.error.message).toMatch(/[\u4e00-\u9fff]/);
  return output.error;
}

describe('steward refusals', () => {
  it('has a row for every verb steward --help lists', async () => {
    const run = await runSteward(['--help']);
    const verbs = [...run.stdout.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1]);
    expect(verbs.length).toBeGreaterThan(5);
    expect(Object.keys(refusals).sort()).toEqual([...verbs].sort());
  });

  describe.each(Object.entries(refusals))('%s', (verb, refusalArgs) => {
    it('answers a usage mistake under --format json with one JSON error and no usage', async () => {
      const run = await runSteward([verb, '--no-such-option', '--format', 'json']);
      expect(run.code).toBe(2);
      const error = parseRefusal(run.stdout);
      expect(error.code).toBe('bad-arguments');
      expect(error.message).toContain('--no-such-option');
      expect(error.message).not.toContain('Unknown option');
      expect(run.stdout + run.stderr).not.toContain('用法');
    });

    it('answers refused input under --format json with one JSON error and no usage', async () => {
      const missing = join(dir, 'not-there');
      const run = await runSteward([verb, ...refusalArgs(missing), '--format', 'json']);
      expect(run.code).toBe(2);
      parseRefusal(run.stdout);
      expect(run.stdout + run.stderr).not.toContain('用法');
    });

    it('prints the usage after a usage mistake in text mode', async () => {
      const run = await runSteward([verb, '--no-such-option']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('--no-such-option');
      expect(run.stderr).toContain('用法');
    });

    it('refuses input in text mode with a message and no usage', async () => {
      const missing = join(dir, 'not-there');
      const run = await runSteward([verb, ...refusalArgs(missing)]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/[\u4e00-\u9fff]/);
      expect(run.stderr).not.toContain('用法');
    });
  });

  it('refuses a line of text named .xls as not a spreadsheet, saying what it holds', async () => {
    const path = join(dir, '低保名单.xls');
    await writeFile(path, '文件已转移至共享盘，请到共享盘下载最新名单');
    for (const verb of ['inspect', 'validate']) {
      const args = verb === 'inspect' ? [path] : [path, '--pack', 'pop-base'];
      const run = await runSteward([verb, ...args, '--format', 'json']);
      expect(run.code).toBe(2);
      expect(parseRefusal(run.stdout)).toEqual({
        code: 'not-a-spreadsheet',
        message: expect.stringMatching(
          /^文件扩展名是 \.xls，但内容是一行文本：「文件已转移至共享盘，请到共享盘下载最新名单」，不是表格。/,
        ) as string,
      });
    }
  });

  it('answers an unknown verb under --format json with one JSON error', async () => {
    const run = await runSteward(['no-such-verb', '--format', 'json']);
    expect(run.code).toBe(2);
    expect(parseRefusal(run.stdout).code).toBe('unknown-command');
  });
});
