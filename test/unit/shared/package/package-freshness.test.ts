import { describe, expect, it } from 'vitest';
import { cycleStart, detectFreshness } from '../../../../shared/package/package-freshness.ts';

/** An instant written in Beijing time. */
const bj = (text: string): Date => new Date(`${text}+08:00`);

describe('cycleStart: the start of the cycle that holds now, in Beijing time', () => {
  // 2026-12-07 is a Monday; 2026-12-06 a Sunday.
  const now = bj('2026-12-09T15:00:00');
  it.each([
    ['实时', '2026-12-09T00:00:00+08:00', '今天（2026-12-09）'],
    ['每日', '2026-12-09T00:00:00+08:00', '今天（2026-12-09）'],
    ['每周', '2026-12-07T00:00:00+08:00', '本周（2026-12-07 起）'],
    ['每月', '2026-12-01T00:00:00+08:00', '2026年12月'],
    ['每季度', '2026-10-01T00:00:00+08:00', '2026年第4季度'],
    ['每年', '2026-01-01T00:00:00+08:00', '2026年'],
  ] as const)('%s starts at %s', (cycle, start, label) => {
    const found = cycleStart(cycle, now);
    expect(found.start.toISOString()).toBe(new Date(start).toISOString());
    expect(found.label).toBe(label);
  });

  it('takes the Beijing date, not the UTC one, near midnight', () => {
    // 2026-09-30T16:30Z is already 1 October 00:30 in Beijing: the fourth quarter.
    expect(cycleStart('每季度', new Date('2026-09-30T16:30:00Z')).label).toBe('2026年第4季度');
    expect(cycleStart('每季度', new Date('2026-09-30T15:59:59Z')).label).toBe('2026年第3季度');
  });

  it('starts a week on Monday, also when today is Sunday', () => {
    expect(cycleStart('每周', bj('2026-12-06T23:59:59')).label).toBe('本周（2026-11-30 起）');
    expect(cycleStart('每周', bj('2026-12-07T00:00:00')).label).toBe('本周（2026-12-07 起）');
  });
});

describe('detectFreshness: overdue when the last package is older than the current cycle start', () => {
  const today = bj('2026-12-07T10:00:00');
  it('is fresh with a package written at the very start of the quarter', () => {
    expect(detectFreshness('每季度', bj('2026-10-01T00:00:00'), today)).toMatchObject({
      status: 'fresh',
      cycleLabel: '2026年第4季度',
      lastPackaged: '2026-10-01',
    });
  });
  it('is overdue with one written a second before the quarter began', () => {
    expect(detectFreshness('每季度', bj('2026-09-30T23:59:59'), today)).toMatchObject({
      status: 'overdue',
      dueSince: '2026-10-01',
      lastPackaged: '2026-09-30',
    });
  });
  it('says never when no package was written', () => {
    expect(detectFreshness('每月', undefined, today)).toMatchObject({ status: 'never' });
  });
  it('says nothing about overdue when the pack declares no cycle', () => {
    expect(detectFreshness(undefined, bj('2020-01-01T00:00:00'), today)).toMatchObject({
      status: 'no-cycle',
      lastPackaged: '2020-01-01',
    });
  });
  it('checks each cycle against its own start', () => {
    const last = bj('2026-12-01T09:00:00');
    expect(detectFreshness('每日', last, today).status).toBe('overdue');
    expect(detectFreshness('每周', last, today).status).toBe('overdue');
    expect(detectFreshness('每月', last, today).status).toBe('fresh');
    expect(detectFreshness('每年', bj('2025-12-31T23:59:59'), today).status).toBe('overdue');
  });
});
