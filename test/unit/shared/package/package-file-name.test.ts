import { describe, expect, it } from 'vitest';
import { packageFileName } from '../../../../shared/package/package-file-name.ts';

describe('packageFileName', () => {
  it('names the package by dataset, division, period and Beijing time', () => {
    const created = new Date('2026-11-26T02:00:05Z');
    expect(packageFileName('population', '371702', '2026Q4', created)).toBe(
      'population_371702_2026Q4_20261126100005.zip',
    );
    expect(
      packageFileName('xzxk', '371702', '2026年/第4季度', new Date('2026-12-31T16:30:00Z')),
    ).toBe('xzxk_371702_2026年_第4季度_20270101003000.zip');
  });

  it('marks a 开放 package, so it never replaces the 共享 one of the same time', () => {
    expect(
      packageFileName('population', '371702', '2026Q4', new Date('2026-11-26T02:00:05Z'), 'open'),
    ).toBe('population_371702_2026Q4_20261126100005_open.zip');
  });
});
