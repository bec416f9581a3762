/**
 * Freshness facts in the validation report (issue #15 item 3): a package of a dataset whose pack
 * names an update-time field states the data's as-of date (the latest update time) and the oldest
 * update time, and the pack's update-age rule warns about the record not updated in time; a pack
 * without the field states the package's created date as the as-of date.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pack } from '../../../shared/pack/pack-schema.ts';
import { findBundledPack } from '../../../shared/packs/index.ts';
import type { ValidationReport } from '../../../shared/package/validation-report.ts';
import { readZipEntries } from '../../helpers/create-pack-workspace.ts';
import { createTempDir, runSteward } from '../../helpers/run-steward.ts';

let dir: string;
let cleanup: () => Promise<void>;
let register: string;

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
  register = join(dir, 'register.csv');
  const made = await runSteward([
    'demo-data',
    ...['--pack', 'pop-base', '--rows', '3', '--seed', '5', '--error-rate', '0'],
    ...['--today', '2026-11-26', '--out', register],
  ]);
  expect(made.code, made.stderr).toBe(0);
});

afterAll(async () => {
  await cleanup();
});

/** Packages `source` with `pack` on 7 December 2026 and reads back the validation report. */
async function packageAndRead(
  source: string,
  pack: string,
  name: string,
): Promise<{ json: ValidationReport; html: string }> {
  const out = join(dir, name);
  await mkdir(out);
  const run = await runSteward([
    ...['package', source, '--pack', pack, '--kind', 'share'],
    ...['--department', '牡丹区公安分局', '--period', '2026年第4季度', '--on-error', 'exclude'],
    ...[
      '--created',
      '2026-12-07T10:00:00+08:00',
      '--steward',
      '张三',
      '--division',
      '371702',
      '--out',
      out,
    ],
  ]);
  expect(run.stderr).not.toContain('内部错误');
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const [file] = await readdir(out);
  const { entries } = await readZipEntries(join(out, file ?? ''));
  const json = JSON.parse(entries.get('reports/validation.json')?.toString('utf8') ?? '{}');
  return { json, html: entries.get('reports/validation.html')?.toString('utf8') ?? '' };
}

describe('the validation report says how fresh the data is', () => {
  it('states the latest update time as the as-of date, the oldest one, and warns about a stale record', async () => {
    const bundled = findBundledPack('pop-base');
    if (bundled === undefined) throw new Error('pop-base is bundled');
    const pack = structuredClone(bundled) as Pack;
    pack.id = 'pop-fresh';
    const [dataset] = pack.datasets;
    if (dataset === undefined) throw new Error('pop-base has a dataset');
    dataset.fields.push({
      name: 'GXSJ',
      title: '更新时间',
      type: 'date',
      synonyms: ['最后更新时间'],
      classification: { sharing: '无条件共享', opening: '开放', personal: '一般', mask: 'none' },
    });
    dataset.updateTimeField = 'GXSJ';
    dataset.rules = [
      ...(dataset.rules ?? []),
      { id: 'POP-FRESH', type: 'update-age', field: 'GXSJ', maxAgeDays: 365 },
    ];
    const packPath = join(dir, 'pop-fresh.json');
    await writeFile(packPath, JSON.stringify(pack));

    const lines = (await readFile(register, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split(/\r?\n/);
    const updated = ['更新时间', '2026-11-30', '2025-06-01', '2026-10-15'];
    const source = join(dir, 'register-with-update-times.csv');
    await writeFile(source, lines.map((line, i) => `${line},${updated[i] ?? ''}`).join('\n'));

    const { json, html } = await packageAndRead(source, packPath, 'with-field');
    expect(json.freshness).toEqual({
      asOf: '2026-11-30',
      asOfSource: 'update-time',
      updateCycle: '每季度',
      updateTimeField: 'GXSJ',
      oldestUpdate: '2025-06-01',
    });
    const stale = json.issues.filter((i) => i.rule === 'POP-FRESH');
    expect(stale.map((i) => [i.value, i.severity])).toEqual([['2025-06-01', 'warning']]);
    expect(stale[0]?.message.zh).toContain('距今 554 天未更新，超过 365 天的更新时限');
    expect(html).toContain('<th>数据截至</th><td>2026-11-30（按「更新时间」的最新值）</td>');
    expect(html).toContain('<th>最早更新时间</th><td>2025-06-01</td>');
    expect(html).toContain('<th>更新周期</th><td>每季度</td>');
  }, 120_000);

  it('states the created date when the pack names no update-time field', async () => {
    const { json, html } = await packageAndRead(register, 'pop-base', 'without-field');
    expect(json.freshness).toEqual({
      asOf: '2026-12-07',
      asOfSource: 'created',
      updateCycle: '每季度',
    });
    expect(html).toContain('<th>数据截至</th><td>2026-12-07（数据包生成日期）</td>');
    expect(html).not.toContain('最早更新时间');
  }, 120_000);
});
