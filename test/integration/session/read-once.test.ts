/**
 * A file read once from inspect to import (issue #11): the engine keeps the file it opened for
 * 导入 (its worker and its survey) for the mapping and import steps, instead of opening and
 * surveying it again at each step; a file changed on disk is read anew, another file replaces
 * it, and the import lets it go.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ImportWorkerClient } from '../../../electron/engine/import/import-worker-client.ts';
import { createFileTestSession } from '../../helpers/engine-session.ts';

const engine = createFileTestSession({ templates: 'unset' });
const { call, runJob } = engine;
/** The requests the engine sent to import workers, by type ('open', 'survey', ...). */
const requests: string[] = [];
const closes = vi.spyOn(ImportWorkerClient.prototype, 'close');

const header = ['公民身份号码', '姓名', '性别', '民族', '出生日期', '住址'];
const rows = Array.from({ length: 40 }, (_, i) => [
  `37170219900307${String(1000 + i)}`,
  `张${i}`,
  i % 2 === 0 ? '男' : '女',
  '汉族',
  '1990-03-07',
  `安兴镇${i}村`,
]);
const csvText = (lines: readonly (readonly string[])[]) =>
  ['安兴镇户籍人口登记表', header.join(','), ...lines.map((l) => l.join(','))].join('\r\n') +
  '\r\n';

const count = (type: string) => requests.filter((t) => t === type).length;

let csvPath: string;
let csvId: string;

beforeAll(async () => {
  const original = ImportWorkerClient.prototype.request;
  vi.spyOn(ImportWorkerClient.prototype, 'request').mockImplementation(function (
    this: ImportWorkerClient,
    body,
    stallMs,
  ) {
    requests.push(body.type);
    return original.call(this, body, stallMs);
  } as typeof original);
  csvPath = join(engine.dir, '安兴镇.csv');
  await writeFile(csvPath, csvText(rows));
  const registered = await engine.session.registerFile(csvPath, '安兴镇.csv');
  if (!registered.ok) throw new Error(registered.error.message.en);
  csvId = registered.value.fileId;
  await call('project:create', {
    packId: 'pop-base',
    dataset: 'population',
    department: '牡丹区公安分局',
    period: '2026年第4季度',
  });
});

afterAll(() => {
  vi.restoreAllMocks();
});

describe('a file read once from inspect to import', () => {
  it('opens and surveys the file once for inspect, suggest and import, with the same rows', async () => {
    requests.length = 0;
    const inspected = await call('import:inspect', { fileId: csvId });
    const sheet = inspected.sheets[0];
    expect([sheet?.headerRow, sheet?.rows]).toEqual([2, 40]);
    expect(sheet?.sample[0]).toEqual({ sourceRow: 3, cells: rows[0] });

    // The clerk keeps the header row found: suggest and import name it explicitly.
    const source = { fileId: csvId, sheet: sheet?.name ?? '', headerRow: 2 };
    const suggested = await call('mapping:suggest', { source });
    expect(suggested.sampledRows).toBe(40);
    const ended = await runJob(() =>
      call('project:import', { sources: [source], mapping: suggested.mapping }),
    );
    expect(ended.ok).toBe(true);
    expect(ended.message.zh).toContain('已导入 40 条记录');

    expect(count('open')).toBe(1);
    expect(count('survey')).toBe(1);
    const page = await call('records:page', { offset: 38, limit: 5, filter: {} });
    expect(page.total).toBe(40);
    expect(page.rows.map((r) => r.sourceRow)).toEqual([41, 42]);
    expect(page.rows.map((r) => r.values.includes(`张${r.sourceRow - 3}`))).toEqual([true, true]);
  });

  it('lets the file go after the import, and reads a file changed on disk anew', async () => {
    requests.length = 0;
    const again = await call('import:inspect', { fileId: csvId });
    expect(again.sheets[0]?.rows).toBe(40);
    expect(count('open')).toBe(1);
    await appendFile(csvPath, '371702199003072000,新增,男,汉族,1990-03-07,安兴镇新村\r\n');
    const changed = await call('import:inspect', { fileId: csvId });
    expect(changed.sheets[0]?.rows).toBe(41);
    expect(count('open')).toBe(2);
    expect(count('survey')).toBe(2);
  });

  it('surveys again when the clerk picks another header row', async () => {
    await call('import:inspect', { fileId: csvId });
    requests.length = 0;
    const name = '安兴镇.csv';
    const lower = await call('mapping:suggest', {
      source: { fileId: csvId, sheet: name, headerRow: 3 },
    });
    expect(lower.columns[1]?.column).toBe('张0');
    expect(lower.sampledRows).toBe(40);
    expect([count('open'), count('survey')]).toEqual([0, 1]);
  });

  it('keeps one file at a time: another file stops the first one’s worker', async () => {
    const otherPath = join(engine.dir, '吕陵镇.csv');
    await writeFile(otherPath, csvText(rows.slice(0, 3)));
    const other = await engine.session.registerFile(otherPath, '吕陵镇.csv');
    if (!other.ok) throw new Error(other.error.message.en);
    await call('import:inspect', { fileId: csvId });
    const closedBefore = closes.mock.calls.length;
    const inspected = await call('import:inspect', { fileId: other.value.fileId });
    expect(inspected.sheets[0]?.rows).toBe(3);
    expect(closes.mock.calls.length).toBe(closedBefore + 1);
  });
});
