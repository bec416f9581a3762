/** The committed code-table data is what the generator makes from the reference CSVs today. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

describe('scripts/build-code-tables.ts', () => {
  it.runIf(existsSync(resolve(root, '../shared/reference')))(
    'finds shared/code-tables/data up to date with ../shared/reference',
    () => {
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/build-code-tables.ts', '--check'],
        { cwd: root, encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    },
  );
});
