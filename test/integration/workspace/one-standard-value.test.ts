/**
 * One standardisation of a value: a birth date written 1990/3/7 in the source is stored as
 * 1990-03-07, so the grid shows the value the issues read and the package carries, while the
 * source row keeps 1990/3/7 as read, shown beside it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mapping } from '../../../shared/mapping/mapping-schema.ts';
import { createRecordStandardizer } from '../../../shared/package/create-record-standardizer.ts';
import { findBundledPack } from '../../../shared/packs/index.ts';
import { importTables } from '../../../electron/engine/session/import-handlers.ts';
import { createEmptyProject, writeDemoCsv } from '../../helpers/open-demo-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

describe('a date written in another accepted form', () => {
  it('shows 1990-03-07 in the grid and the package, and 1990/3/7 in the source row', async () => {
    const pack = findBundledPack('pop-base');
    if (pack === undefined) throw new Error('pop-base is bundled');
    const { csv } = await writeDemoCsv(temp.dir, {
      rows: 20,
      seed: 5,
      errorRate: 0,
      name: 'slashed-dates',
    });
    // Every birth date of the file rewritten as 1990/3/7 (no leading zeros, slashes).
    const lines = (await readFile(csv, 'utf8')).split('\n');
    const headers = (lines[0] ?? '').split(',');
    const at = headers.indexOf('出生日期');
    expect(at).toBeGreaterThanOrEqual(0);
    const slashed = (iso: string): string =>
      iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_, y: string, m: string, d: string) =>
        [y, String(Number(m)), String(Number(d))].join('/'),
      );
    const isoOfFirst = (lines[1] ?? '').split(',')[at] ?? '';
    expect(isoOfFirst).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const rewritten = lines.map((line, index) => {
      if (index === 0 || line === '') return line;
      const cells = line.split(',');
      cells[at] = slashed(cells[at] ?? '');
      return cells.join(',');
    });
    await writeFile(csv, rewritten.join('\n'));

    const workspace = await createEmptyProject(join(temp.dir, 'dates.dsw'));
    const { dataset } = workspace;
    // Each field read from the column of its title, with no transform: as a clerk maps it.
    const fields: Mapping['fields'] = {};
    for (const field of dataset.fields) {
      if (headers.includes(field.title))
        fields[field.name] = { source: { kind: 'column', column: field.title } };
    }
    const mapping: Mapping = {
      pack: { id: pack.id, version: pack.version },
      dataset: dataset.name,
      fields,
    };
    const imported = await importTables(workspace, [{ path: csv }], mapping, {
      signal: new AbortController().signal,
      progress: () => undefined,
    });
    if (!imported.ok) throw new Error(imported.error.message.en);

    const birth = dataset.fields.findIndex((field) => field.name === 'CSRQ');
    const [record] = workspace.pageRecords(0, 1);
    expect(record?.values[birth]).toBe(isoOfFirst);
    expect(workspace.sourceOf(1)?.cells[at]).toBe(slashed(isoOfFirst));
    expect(workspace.issuesOf().filter((issue) => issue.field === 'CSRQ')).toEqual([]);
    const standard = createRecordStandardizer(pack, dataset);
    for (const row of workspace.pageRecords(0, 20)) {
      expect(row.values[birth]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(standard(row.values)[birth]).toBe(row.values[birth]);
    }
    await workspace.close();
  });
});
