/**
 * Packaging policy: errors no exemption covers stop the package (and say what stops it), or
 * leave their records out (`exclude`, counted in the manifest); an exemption with a reason and
 * a reviewer lets its errors in, recorded in the history and the manifest; records the user
 * excluded are counted; the masks depend on the kind; nothing that looks finished is left by a
 * blocked or interrupted write.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZipWriter } from '../../../electron/engine/package/create-zip-writer.ts';
import {
  writePackage,
  type PackageOptions,
} from '../../../electron/engine/package/write-package.ts';
import type { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { isUnrecoverableValue } from '../../../shared/package/find-exemption.ts';
import { validationReportSchema } from '../../../shared/package/validation-report.ts';
import { manifestSchema } from '../../../shared/package/package-manifest.ts';
import {
  createPackWorkspace,
  packageCreated,
  readZipEntries,
} from '../../helpers/create-pack-workspace.ts';
import { createTempDir, repoRoot } from '../../helpers/run-steward.ts';

let dir: string;
let cleanup: () => Promise<void>;
let workspace: Workspace;
let outCount = 0;

async function freshOut(): Promise<string> {
  outCount += 1;
  const out = join(dir, `out-${outCount}`);
  await mkdir(out);
  return out;
}

function options(outDir: string, extra: Partial<PackageOptions> = {}): PackageOptions {
  return {
    kind: 'share',
    onError: 'block',
    created: packageCreated,
    outDir,
    division: '371702',
    steward: '王管理',
    toolVersion: '0.1.0',
    ...extra,
  };
}

async function contents(path: string) {
  const { entries } = await readZipEntries(path);
  const manifest = manifestSchema.parse(
    JSON.parse((entries.get('datapackage.json') as Buffer).toString('utf8')),
  );
  const report = validationReportSchema.parse(
    JSON.parse((entries.get('reports/validation.json') as Buffer).toString('utf8')),
  );
  const data = (entries.get('data/population.csv') as Buffer).toString('utf8');
  return { manifest, report, data };
}

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
  ({ workspace } = await createPackWorkspace(dir, 'pop-base', {
    rows: 300,
    seed: 9,
    errorRate: 0.06,
  }));
});

afterAll(async () => {
  await workspace.close();
  await cleanup();
});

describe('packaging policy', () => {
  it('blocks on errors without exemption, says which, and leaves nothing behind', async () => {
    const out = await freshOut();
    const result = await writePackage(workspace, options(out));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('package-blocked');
    const rules = new Set(
      workspace
        .issuesOf()
        .filter((i) => i.severity === 'error')
        .map((i) => i.rule),
    );
    for (const rule of rules) {
      expect(
        result.error.details?.some((line) => line.includes(`（${rule}）`)),
        rule,
      ).toBe(true);
    }
    expect(await readdir(out)).toEqual([]);
  });

  it('leaves the records with errors out under `exclude` and counts them', async () => {
    const path = await writePackage(workspace, options(await freshOut(), { onError: 'exclude' }));
    if (!path.ok) throw new Error(path.error.message.en);
    const { manifest, report, data } = await contents(path.value.path);
    const s = manifest['x-submission'];
    const withErrors = new Set(
      workspace
        .issuesOf()
        .filter((i) => i.severity === 'error')
        .map((i) => i.row),
    );
    expect(s.rows.excludedByPolicy).toBe(withErrors.size);
    expect(s.rows.packaged).toBe(300 - withErrors.size);
    expect(data.split('\r\n').length - 2).toBe(s.rows.packaged);
    expect(s.issues.errors).toBe(0);
    expect(Object.values(s.excludedByRule).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(
      withErrors.size,
    );
    expect(report.issues.every((i) => !withErrors.has(i.rid))).toBe(true);
    expect(s.policy.onError).toBe('exclude');
  });

  it('lets exempted errors in, and records the exemptions in the history and the manifest', async () => {
    const errors = workspace.issuesOf().filter((i) => i.severity === 'error');
    const rules = [...new Set(errors.map((i) => i.rule))].sort();
    const [firstRule, ...otherRules] = rules;
    if (firstRule === undefined) throw new Error('demo data has errors');
    // One record's exemption for the first rule, whole-rule exemptions for the rest.
    const one = errors.find((i) => i.rule === firstRule);
    const incomplete = await workspace.addExemption(
      { rule: firstRule, reason: ' ', reviewer: '李审核' },
      { who: '李审核' },
    );
    expect(incomplete.ok).toBe(false);
    const byRecord = await workspace.addExemption(
      { rule: firstRule, field: one?.field, rid: one?.row, reason: '原件如此', reviewer: '李审核' },
      { who: '李审核' },
    );
    expect(byRecord.ok).toBe(true);
    for (const rule of otherRules) {
      await workspace.addExemption(
        { rule, reason: '已核实', reviewer: '赵审核' },
        { who: '赵审核' },
      );
    }
    // A value a spreadsheet destroyed gets in only when the reviewer names its record.
    const unrecoverable = errors.filter((i) => isUnrecoverableValue(i.value) && i !== one);
    for (const issue of unrecoverable) {
      await workspace.addExemption(
        {
          rule: issue.rule,
          field: issue.field,
          rid: issue.row,
          reason: '原件如此',
          reviewer: '赵审核',
        },
        { who: '赵审核' },
      );
    }
    const stillBlocked = errors.filter((i) => i.rule === firstRule && i.row !== one?.row);
    const result = await writePackage(workspace, options(await freshOut()));
    if (stillBlocked.length > 0) {
      expect(result.ok).toBe(false);
      await workspace.addExemption(
        { rule: firstRule, reason: '已核实', reviewer: '赵审核' },
        { who: '赵审核' },
      );
    }
    const written = await writePackage(workspace, options(await freshOut()));
    if (!written.ok) throw new Error(written.error.details?.join('\n'));
    const { manifest, report } = await contents(written.value.path);
    const s = manifest['x-submission'];
    expect(s.rows.packaged).toBe(300);
    expect(s.issues.errors).toBe(errors.length);
    expect(s.issues.exemptedErrors).toBe(errors.length);
    expect(
      report.issues.filter((i) => i.severity === 'error').every((i) => i.exemption !== undefined),
    ).toBe(true);
    const recorded = s.exemptions.find((e) => e.rid === one?.row);
    expect(recorded).toMatchObject({
      rule: firstRule,
      reason: '原件如此',
      reviewer: '李审核',
      issues: 1,
    });
    expect(s.reviewer).toContain('李审核');
    const history = workspace.history().filter((op) => op.kind === 'exemption');
    expect(history.length).toBe(s.exemptions.length);
    expect(history.every((op) => op.summary.includes('审核人'))).toBe(true);
  });

  it('counts the records the user excluded', async () => {
    const excluded = await workspace.excludeRecords([3, 4], { who: '王管理', why: '重复报送' });
    expect(excluded.ok).toBe(true);
    const written = await writePackage(workspace, options(await freshOut()));
    if (!written.ok) throw new Error(written.error.message.en);
    const { manifest } = await contents(written.value.path);
    expect(manifest['x-submission'].rows).toMatchObject({
      project: 300,
      packaged: 298,
      excludedByUser: 2,
    });
  });

  it('masks by kind: 共享 carries IDs and names whole, 开放 masked', async () => {
    const share = await writePackage(workspace, options(await freshOut()));
    const open = await writePackage(workspace, options(await freshOut(), { kind: 'open' }));
    if (!share.ok || !open.ok) throw new Error('both are written');
    const shareData = (await contents(share.value.path)).data.split('\r\n');
    const openData = (await contents(open.value.path)).data.split('\r\n');
    expect(shareData[0]).toBe('GMSFHM,XM,XB,MZ,CSRQ,CSD,HJDZ,XZZ,LXDH,HYZK,WHCD,YHZGX,HH');
    expect(openData[0]).toBe('GMSFHM,XM,XB,CSD,HJDZ,XZZ,LXDH');
    const [id, name] = (shareData[1] as string).split(',');
    const [maskedId, maskedName] = (openData[1] as string).split(',');
    expect(id).toMatch(/^\d{17}[\dX]$/);
    expect(maskedId).toBe(`${id?.slice(0, 4)}**********${id?.slice(14)}`);
    expect(maskedName).toBe(`${name?.[0]}${'*'.repeat((name?.length ?? 1) - 1)}`);
  });
});

describe('writing the zip', () => {
  it('writes under a temp name and renames only when complete', async () => {
    const out = await freshOut();
    const target = join(out, 'p.zip');
    const zip = createZipWriter(target, packageCreated);
    const entry = zip.addStream('data/a.csv');
    await entry.write(Buffer.from('a,b\r\n'.repeat(100_000)));
    await entry.end();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readdir(out)).toEqual(['.p.zip.partial']);
    await zip.finish('seal');
    expect(await readdir(out)).toEqual(['p.zip']);
    const aborted = createZipWriter(join(out, 'q.zip'), packageCreated);
    aborted.addBuffer('x.txt', Buffer.from('x'));
    await aborted.abort();
    expect(await readdir(out)).toEqual(['p.zip']);
  });

  it('leaves no file that looks finished when the process is killed while writing', async () => {
    const { workspace: big, path } = await createPackWorkspace(dir, 'pop-base', {
      rows: 20_000,
      seed: 2,
      errorRate: 0,
      name: 'big',
    });
    await big.close();
    const out = await freshOut();
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'bin/steward.js'),
        'package',
        path,
        '--kind',
        'share',
        '--on-error',
        'exclude',
        '--division',
        '371702',
        '--created',
        '2026-11-26T10:00:00+08:00',
        '--out',
        out,
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let sawPartial = false;
    for (let i = 0; i < 3000 && !sawPartial; i += 1) {
      // The zip is written in the run's temp folder inside the output folder.
      const names = await readdir(out, { recursive: true });
      const partial = names.find((n) => n.endsWith('.partial'));
      if (partial !== undefined && (await stat(join(out, partial))).size > 0) sawPartial = true;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await exited;
    expect(sawPartial).toBe(true);
    const names = await readdir(out, { recursive: true });
    expect(names.filter((n) => n.endsWith('.zip'))).toEqual([]);
    expect(
      names.every(
        (n) => n.startsWith('.steward-tmp-') && (!n.includes(sep) || n.endsWith('.partial')),
      ),
    ).toBe(true);
  }, 180_000);
});
