import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerSynonyms } from '../../../../shared/mapping/header-synonyms.ts';
import { sharedDir } from '../../../helpers/run-steward.ts';

describe('headerSynonyms', () => {
  it('holds every row of ../shared/reference/synonyms.csv', async () => {
    const csv = await readFile(join(sharedDir, 'reference/synonyms.csv'), 'utf8');
    const rows = csv
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(','));
    expect(rows.length).toBeGreaterThan(100);
    for (const [standard = '', synonym = ''] of rows) {
      if (standard === synonym) continue;
      expect(headerSynonyms[standard], `${standard},${synonym}`).toContain(synonym);
    }
  });
});
