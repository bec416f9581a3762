import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { describe, expect, it } from 'vitest';
import {
  checkFuseWire,
  createSelfTestReport,
  expectedFuses,
  expectStep,
  runSteps,
  selfTestReportPath,
} from '../../../../electron/main/self-test-report.ts';
import { repoRoot } from '../../../helpers/run-steward.ts';

describe('selfTestReportPath', () => {
  it('finds the report path after --self-test, in both spellings, and nothing without it', () => {
    expect(selfTestReportPath(['--self-test', 'C:\\报告 目录\\r.json'])).toBe(
      'C:\\报告 目录\\r.json',
    );
    expect(selfTestReportPath(['--no-sandbox', '--self-test=r.json'])).toBe('r.json');
    expect(selfTestReportPath(['--self-test'])).toBe('');
    expect(selfTestReportPath(['项目.dsw'])).toBeUndefined();
  });
});

describe('the fuse check', () => {
  it('expects exactly the fuses build/electron-builder.yml flips', async () => {
    const config = await getConfig(repoRoot, 'build/electron-builder.yml', null);
    expect(Object.fromEntries(expectedFuses.map((f) => [f.name, f.isOn]))).toEqual(
      config.electronFuses,
    );
  });

  it('names every fuse whose byte differs, and none when the wire is as built', () => {
    const asBuilt = Object.fromEntries([...'01001101'].map((c, i) => [i, c.charCodeAt(0)]));
    expect(checkFuseWire(asBuilt)).toEqual([]);
    expect(checkFuseWire({ ...asBuilt, 0: 0x31 })).toEqual(['runAsNode']);
    // A removed fuse ('r') is not on.
    expect(checkFuseWire({ ...asBuilt, 4: 0x72 })).toEqual([
      'enableEmbeddedAsarIntegrityValidation',
    ]);
  });
});

describe('runSteps and the report', () => {
  it('times each step, stops at the first failure with its message and detail', async () => {
    const ran: string[] = [];
    const steps = await runSteps([
      { name: 'a', run: async () => (ran.push('a'), { rows: 1 }) },
      {
        name: 'b',
        run: async () => {
          ran.push('b');
          expectStep(false, 'two rows expected', { rows: 1 });
          return {};
        },
      },
      { name: 'c', run: async () => (ran.push('c'), {}) },
    ]);
    expect(ran).toEqual(['a', 'b']);
    expect(steps.map(({ ms: _ms, ...rest }) => rest)).toEqual([
      { name: 'a', ok: true, detail: { rows: 1 } },
      { name: 'b', ok: false, detail: { rows: 1 }, error: 'two rows expected' },
    ]);
    const report = createSelfTestReport(steps, 3, { version: '1' }, new Date(0), 12.4);
    expect(report).toMatchObject({ ok: false, failedStep: 'b', ms: 12 });
  });

  it('fails a step that never answers, and a crash in a step, without stopping the report', async () => {
    const steps = await runSteps(
      [
        { name: 'hangs', run: () => new Promise(() => undefined) },
        { name: 'next', run: async () => ({}) },
      ],
      20,
    );
    expect(steps).toMatchObject([{ name: 'hangs', ok: false, error: 'no answer within 0.02 s' }]);
    const crashed = await runSteps([
      {
        name: 'throws',
        run: async () => {
          throw new TypeError('x is undefined');
        },
      },
    ]);
    expect(crashed).toMatchObject([{ ok: false, error: 'x is undefined' }]);
  });

  it('is ok only when every expected step ran and held', () => {
    const held = [{ name: 'a', ok: true, ms: 1 }];
    expect(createSelfTestReport(held, 1, {}, new Date(0), 1).ok).toBe(true);
    expect(createSelfTestReport(held, 2, {}, new Date(0), 1).ok).toBe(false);
  });
});
