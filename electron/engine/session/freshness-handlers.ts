/**
 * 更新情况 (issue #15 item 3): when each dataset was last packaged and whether it is overdue.
 * The source is the packages the app wrote into the data folder's `packages` folder: each zip's
 * own manifest says its standard, dataset, department and created time, so the answer holds
 * whichever project wrote the package and survives a deleted project, without opening any
 * project file (which may be large) for the start page.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChannelOutput } from '../../../shared/ipc/contract.ts';
import { manifestSchema } from '../../../shared/package/package-manifest.ts';
import { detectFreshness } from '../../../shared/package/package-freshness.ts';
import { ok } from '../../../shared/result.ts';
import { openZipFile } from '../package/read-zip.ts';
import { findPack } from '../packs/pack-store.ts';
import type { EngineHandlers } from './handler.ts';

type Entry = ChannelOutput<'package:freshness'>[number];

/** The submission facts of one package zip, or undefined when it is not a readable package. */
async function readSubmission(path: string) {
  try {
    const zip = await openZipFile(path);
    try {
      const entry = zip.entries.find((e) => e.name === 'datapackage.json');
      if (entry === undefined) return undefined;
      const parsed = manifestSchema.safeParse(JSON.parse((await zip.read(entry)).toString('utf8')));
      return parsed.success ? parsed.data['x-submission'] : undefined;
    } finally {
      zip.close();
    }
  } catch (error) {
    // A half-written, foreign or damaged zip says nothing about freshness; verify reports it.
    console.warn(`freshness: skipped ${path}:`, error);
    return undefined;
  }
}

/** The packages folder read into one entry per standard, dataset and department, now. */
export async function listFreshness(dataDir: string, now: Date): Promise<Entry[]> {
  const folder = join(dataDir, 'packages');
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => name.toLowerCase().endsWith('.zip'));
  } catch {
    return []; // no package written yet
  }
  const latest = new Map<
    string,
    {
      created: Date;
      name: string;
      standardId: string;
      dataset: string;
      datasetTitle: string;
      department: string;
    }
  >();
  for (const name of names.sort()) {
    const submission = await readSubmission(join(folder, name));
    if (submission === undefined) continue;
    const created = new Date(submission.created);
    if (Number.isNaN(created.getTime())) continue;
    const key = `${submission.standard.id}\u0000${submission.dataset.name}\u0000${submission.department}`;
    const seen = latest.get(key);
    if (seen !== undefined && seen.created >= created) continue;
    latest.set(key, {
      created,
      name,
      standardId: submission.standard.id,
      dataset: submission.dataset.name,
      datasetTitle: submission.dataset.title,
      department: submission.department,
    });
  }
  const entries: Entry[] = [];
  for (const last of latest.values()) {
    const pack = await findPack(last.standardId);
    // A pack no longer installed declares no cycle here: the date is still worth showing.
    const cycle = pack.ok
      ? pack.value.datasets.find((d) => d.name === last.dataset)?.updateCycle
      : undefined;
    entries.push({
      standardId: last.standardId,
      dataset: last.dataset,
      datasetTitle: last.datasetTitle,
      department: last.department,
      lastPackage: last.name,
      ...detectFreshness(cycle, last.created, now),
    });
  }
  const rank = { overdue: 0, never: 1, fresh: 2, 'no-cycle': 3 } as const;
  return entries.sort(
    (a, b) =>
      rank[a.status] - rank[b.status] ||
      (a.lastPackaged ?? '').localeCompare(b.lastPackaged ?? '') ||
      a.department.localeCompare(b.department),
  );
}

/** The handler of 更新情况. */
export const freshnessHandlers: Pick<EngineHandlers, 'package:freshness'> = {
  async 'package:freshness'(_input, session) {
    return ok(await listFreshness(session.config.dataDir, new Date()));
  },
};
