/**
 * Exemptions by rule and field, or by record (issue #12 item 17): exempting 公民身份号码's
 * format errors lets the IDs with a wrong check digit into a 共享 package, never the IDs a
 * spreadsheet destroyed (`3.71702E+17`); those need the reviewer to name each record.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePackage } from '../../../electron/engine/package/write-package.ts';
import type { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { manifestSchema } from '../../../shared/package/package-manifest.ts';
import {
  createPackWorkspace,
  packageCreated,
  readZipEntries,
} from '../../helpers/create-pack-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let dir: string;
let cleanup: () => Promise<void>;
let workspace: Workspace;

const options = async (name: string) => {
  const outDir = join(dir, name);
  await mkdir(outDir);
  return {
    kind: 'share' as const,
    onError: 'block' as const,
    created: packageCreated,
    outDir,
    division: '371702',
    steward: '王管理',
    toolVersion: '0.1.0',
  };
};

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
  ({ workspace } = await createPackWorkspace(dir, 'pop-base', {
    rows: 600,
    seed: 21,
    errorRate: 0.2,
  }));
});

afterAll(async () => {
  await workspace.close();
  await cleanup();
});

describe('an exemption of 公民身份号码', () => {
  it('lets recoverable ID errors in, and each destroyed ID only when its record is named', async () => {
    const errors = workspace.issuesOf().filter((i) => i.severity === 'error');
    const ids = errors.filter((i) => i.rule === 'resident-id' && i.field === 'GMSFHM');
    const destroyed = ids.filter((i) => /E\+17$/.test(i.value));
    expect(destroyed.length).toBeGreaterThan(0);
    expect(ids.length).toBeGreaterThan(destroyed.length);
    // Every other error is exempted by its rule and field.
    const others = new Set(errors.map((i) => `${i.rule}\u0000${i.field}`));
    for (const key of others) {
      const [rule, field] = key.split('\u0000') as [string, string];
      const added = await workspace.addExemption(
        { rule, field, reason: '原始档案如此，已核实', reviewer: '李审核' },
        { who: '李审核' },
      );
      expect(added.ok).toBe(true);
    }

    const blocked = await writePackage(workspace, await options('blocked'));
    expect(blocked.ok).toBe(false);
    if (blocked.ok) return;
    expect(blocked.error.code).toBe('package-blocked');
    const line = blocked.error.details?.find((l) => l.includes('公民身份号码')) ?? '';
    expect(line).toContain(`${destroyed.length} 条记录`);

    // The reviewer names each destroyed ID's record: now the package is written, and the
    // manifest keeps who allowed each and why.
    for (const issue of destroyed) {
      const named = await workspace.addExemption(
        {
          rule: 'resident-id',
          field: 'GMSFHM',
          rid: issue.row,
          reason: '原件遗失，以此号码报送',
          reviewer: '赵科长',
        },
        { who: '赵科长' },
      );
      expect(named.ok).toBe(true);
    }
    const written = await writePackage(workspace, await options('written'));
    if (!written.ok) throw new Error(written.error.details?.join('\n'));
    const { entries } = await readZipEntries(written.value.path);
    const manifest = manifestSchema.parse(
      JSON.parse((entries.get('datapackage.json') as Buffer).toString('utf8')),
    );
    const byRecord = manifest['x-submission'].exemptions.filter((e) => e.row !== undefined);
    expect(byRecord).toHaveLength(destroyed.length);
    expect(byRecord.every((e) => e.reviewer === '赵科长' && e.issues === 1)).toBe(true);
    expect(byRecord[0]?.reason).toBe('原件遗失，以此号码报送');
  });
});
