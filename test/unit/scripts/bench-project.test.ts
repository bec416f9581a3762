import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir, repoRoot } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;

beforeAll(async () => {
  temp = await createTempDir();
});

afterAll(async () => {
  await temp?.cleanup();
});

/** Runs a bench-project step under tsx, resolving to the modules it loaded and its stderr. */
function runStep(args: readonly string[]): Promise<{ loaded: string[]; stderr: string }> {
  const log = join(temp.dir, 'loaded-modules.txt');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        pathToFileURL(join(repoRoot, 'test/helpers/record-loaded-modules.mjs')).href,
        join(repoRoot, 'scripts/bench-project.ts'),
        ...args,
      ],
      { cwd: repoRoot, env: { ...process.env, LOADED_MODULES_LOG: log } },
      (_error, _stdout, stderr) => {
        readFile(log, 'utf8').then((text) => resolve({ loaded: text.split('\n'), stderr }), reject);
      },
    );
  });
}

describe('bench-project measures only the step it runs', () => {
  it('import loads the import path and the workspace, not the engine handlers or ExcelJS', async () => {
    const { loaded, stderr } = await runStep([
      'import',
      join(temp.dir, 'missing.csv'),
      join(temp.dir, 'data'),
      'bench',
      join(repoRoot, 'test/fixtures/missing-template.json'),
    ]);
    expect(loaded.some((url) => url.endsWith('/scripts/bench-project.ts'))).toBe(true);
    expect(loaded.some((url) => url.endsWith('/electron/engine/mapping/template-store.ts'))).toBe(
      true,
    );
    expect(loaded.filter((url) => url.endsWith('/session/engine-handlers.ts'))).toEqual([]);
    expect(loaded.filter((url) => url.includes('/node_modules/exceljs/'))).toEqual([]);
    expect(stderr).toContain('STEWARD_STATS');
  });
});
