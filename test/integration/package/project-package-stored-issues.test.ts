/**
 * One validation per record on the way to a package (issue #11): a project's stored issues are
 * current (every change checks its records again), so its package takes them instead of
 * checking every record a second time; only a record whose day-dependent rules may answer
 * otherwise on the package's day ("today" is the package's created date, Beijing time) is
 * checked again. The package is the same, byte for byte, as the one written by checking every
 * record in the writer.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as DatasetValidatorModule from '../../../shared/validate/dataset-validator.ts';
import {
  createProjectPackageSource,
  type PackageSource,
} from '../../../electron/engine/package/package-source.ts';
import {
  writePackage,
  writeSourcePackage,
  type PackageOptions,
} from '../../../electron/engine/package/write-package.ts';
import type { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import {
  createPackWorkspace,
  exemptEveryError,
  packageContext,
  packageCreated,
} from '../../helpers/create-pack-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

/** Every record a validator checks, counted. */
const calls = vi.hoisted(() => ({ validateRecord: 0 }));

vi.mock('../../../shared/validate/dataset-validator.ts', async (importOriginal) => {
  const original = await importOriginal<typeof DatasetValidatorModule>();
  return {
    ...original,
    createDatasetValidator: (
      ...args: Parameters<typeof original.createDatasetValidator>
    ): ReturnType<typeof original.createDatasetValidator> => {
      const validator = original.createDatasetValidator(...args);
      return {
        dataset: validator.dataset,
        validateRecord(row, values) {
          calls.validateRecord += 1;
          return validator.validateRecord(row, values);
        },
      };
    },
  };
});

let temp: Awaited<ReturnType<typeof createTempDir>>;
const open: Workspace[] = [];
let written = 0;

beforeAll(async () => {
  temp = await createTempDir();
});

afterAll(async () => {
  for (const workspace of open) await workspace.close();
  await temp.cleanup();
});

beforeEach(() => {
  calls.validateRecord = 0;
});

function options(created: Date): PackageOptions {
  written += 1;
  mkdirSync(join(temp.dir, `out-${written}`));
  return {
    kind: 'share',
    onError: 'exclude',
    created,
    outDir: join(temp.dir, `out-${written}`),
    division: '371702',
    steward: '张管理',
    toolVersion: '0.0.0-test',
  };
}

/** The project as a source whose records the writer checks itself (as before issue #11). */
function checkedInWriter(workspace: Workspace): PackageSource {
  const { checked: _stored, records: _records, ...rest } = createProjectPackageSource(workspace);
  return { ...rest, records: () => workspace.iterateRecords() };
}

/** The package written from the stored issues and the one checked in the writer, as bytes. */
async function bothPackages(
  workspace: Workspace,
  created: Date,
): Promise<{ stored: Buffer; checked: Buffer; storedCalls: number }> {
  calls.validateRecord = 0;
  const stored = await writePackage(workspace, options(created));
  if (!stored.ok) throw new Error(stored.error.message.en);
  const storedCalls = calls.validateRecord;
  const checked = await writeSourcePackage(checkedInWriter(workspace), options(created));
  if (!checked.ok) throw new Error(checked.error.message.en);
  return {
    stored: await readFile(stored.value.path),
    checked: await readFile(checked.value.path),
    storedCalls,
  };
}

describe('a project package takes the stored issues', () => {
  it('checks no record again, and writes the same bytes as checking every record', async () => {
    const { workspace } = await createPackWorkspace(temp.dir, 'pop-base', {
      rows: 150,
      seed: 23,
      errorRate: 0.3,
      name: 'stored-issues',
    });
    open.push(workspace);
    // Edits are checked as they are made; the package still checks nothing again.
    const edited = await workspace.writeCells(
      'paste',
      [
        { rid: 3, field: 'CSRQ', value: '1985/6/7' },
        { rid: 4, field: 'XB', value: '不知道' },
      ],
      { who: '测试员', context: packageContext },
    );
    expect(edited.ok).toBe(true);
    expect(workspace.issueCounts().errors).toBeGreaterThan(0);
    const first = await bothPackages(workspace, packageCreated);
    expect(first.storedCalls).toBe(0);
    expect(first.stored.equals(first.checked)).toBe(true);

    // With every error exempted, the records with errors are packaged with their issues too.
    await exemptEveryError(workspace);
    const exempted = await bothPackages(workspace, packageCreated);
    expect(exempted.storedCalls).toBe(0);
    expect(exempted.stored.equals(exempted.checked)).toBe(true);
  }, 120_000);

  it('checks again only the records whose day-dependent rules answer by the package day', async () => {
    const { workspace } = await createPackWorkspace(temp.dir, 'sgs-xzcf', {
      rows: 40,
      name: 'decisions',
    });
    open.push(workspace);
    const dataset = workspace.dataset;
    const rule = (dataset.rules ?? []).find((r) => r.type === 'date-not-future');
    if (rule?.type !== 'date-not-future') throw new Error('sgs-xzcf has a date-not-future rule');
    // A decision dated after the day it was checked on (2026-11-26): stored as in the future.
    const edited = await workspace.editCell(5, rule.field, '2026-12-20', {
      who: '测试员',
      context: packageContext,
    });
    expect(edited.ok).toBe(true);
    const future = (): string[] =>
      workspace
        .issuesOf({ rids: [5] })
        .filter((issue) => issue.rule === rule.id)
        .map((issue) => issue.rule);
    expect(future()).toEqual([rule.id]);

    // Packaged on the day it was checked: the stored issue stands, nothing is checked again.
    const sameDay = await bothPackages(workspace, packageCreated);
    expect(sameDay.storedCalls).toBe(0);
    expect(sameDay.stored.equals(sameDay.checked)).toBe(true);

    // Packaged in January 2027: 2026-12-20 is no longer in the future. Record 5 is checked
    // again (with any other record whose dates fall between the two days), not all 40.
    const later = await bothPackages(workspace, new Date('2027-01-15T02:00:00Z'));
    expect(later.storedCalls).toBeGreaterThan(0);
    expect(later.storedCalls).toBeLessThan(40);
    expect(later.stored.equals(later.checked)).toBe(true);
    // The project's own issues stay as they were checked.
    expect(future()).toEqual([rule.id]);
  }, 120_000);
});
