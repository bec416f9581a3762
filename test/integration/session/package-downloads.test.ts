/**
 * The written package offered for download (issue #12 item 1): package:last names a download of
 * the zip and of its reports/validation.html. Exporting the error workbook afterwards must not
 * withdraw them (nor delete the package); closing the project withdraws the offers, removes the
 * report copy, and keeps the package in the data folder.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openZipFile } from '../../../electron/engine/package/read-zip.ts';
import { createTestSession } from '../../helpers/engine-session.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

describe('the written package as downloads', () => {
  it('offers the zip and its validation report until the project closes', async () => {
    const dataDir = join(temp.dir, 'data');
    const { session, answer, jobDone: finished } = createTestSession({ dataDir });
    expect((await answer('project:training', { rows: 300, seed: 4 })).ok).toBe(true);
    const started = await answer('package:write', {
      kind: 'share',
      onError: 'exclude',
      steward: '王科员',
    });
    if (!started.ok) throw new Error(started.error.message.zh);
    expect((await finished(started.value.jobId))?.ok).toBe(true);

    const last = await answer('package:last', {});
    if (!last.ok || last.value.written === null) throw new Error('a package was written');
    const { name, downloads } = last.value.written;
    const zip = session.download(downloads.package);
    const report = session.download(downloads.report);
    if (!zip.ok || !report.ok) throw new Error('both are offered');
    expect(zip.value.name).toBe(name);
    expect(zip.value.path).toBe(join(dataDir, 'packages', name));
    expect(report.value.name).toBe(name.replace(/\.zip$/, '_校验报告.html'));
    // The very page the package holds.
    const opened = await openZipFile(zip.value.path);
    try {
      const entry = opened.entries.find((e) => e.name === 'reports/validation.html');
      if (entry === undefined) throw new Error('the package holds its report');
      expect(await readFile(report.value.path)).toEqual(await opened.read(entry));
    } finally {
      opened.close();
    }

    const exported = await answer('errors:export', {});
    if (!exported.ok) throw new Error(exported.error.message.zh);
    expect((await finished(exported.value.jobId))?.ok).toBe(true);
    expect(session.download(downloads.package).ok).toBe(true);
    expect(session.download(downloads.report).ok).toBe(true);
    expect((await stat(zip.value.path)).isFile()).toBe(true);

    await session.replaceProject(undefined);
    expect(session.download(downloads.package).ok).toBe(false);
    expect(session.download(downloads.report).ok).toBe(false);
    await expect(stat(report.value.path)).rejects.toThrow();
    expect(await readdir(join(dataDir, 'packages'))).toContain(name);
  });
});
