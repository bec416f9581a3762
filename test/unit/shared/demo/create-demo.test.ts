import { describe, expect, it } from 'vitest';
import { createDemo, demoPackIds } from '../../../../shared/demo/create-demo.ts';
import type { DemoGenerator, DemoOptions } from '../../../../shared/demo/demo-data.ts';
import { bundledPacks, findBundledPack } from '../../../../shared/packs/index.ts';

const options: DemoOptions = { rows: 400, seed: 7, errorRate: 0.3, today: '2026-11-26' };

function generate(
  packId: string,
  overrides: Partial<DemoOptions> = {},
): {
  rows: string[][];
  generator: DemoGenerator;
} {
  const pack = findBundledPack(packId);
  if (pack === undefined) throw new Error(`no bundled pack ${packId}`);
  const made = createDemo(pack, { ...options, ...overrides });
  if (!made.ok) throw new Error(made.error.message.en);
  return { rows: [...made.value.rows()], generator: made.value };
}

describe('createDemo', () => {
  it('has demo data for every bundled pack', () => {
    expect([...demoPackIds].sort()).toEqual(bundledPacks.map((p) => p.id).sort());
  });

  describe.each(demoPackIds)('%s', (packId) => {
    it('gives the same rows and the same ground truth for the same seed', () => {
      const first = generate(packId);
      const second = generate(packId);
      expect(second.rows).toEqual(first.rows);
      expect(second.generator.injections).toEqual(first.generator.injections);
      expect(first.generator.injections.length).toBeGreaterThan(0);
    });

    it('gives other rows for another seed', () => {
      expect(generate(packId, { seed: 8 }).rows).not.toEqual(generate(packId).rows);
    });

    it('writes one cell per field, under the fields’ titles', () => {
      const { rows, generator } = generate(packId);
      expect(rows).toHaveLength(options.rows);
      expect(generator.header).toEqual(generator.dataset.fields.map((f) => f.title));
      for (const row of rows) expect(row).toHaveLength(generator.header.length);
    });
  });

  it('refuses a pack it has no generator for, naming the ones it has', () => {
    const pack = { ...bundledPacks[0], id: 'custom-pack' } as (typeof bundledPacks)[number];
    const made = createDemo(pack, options);
    expect(made.ok).toBe(false);
    if (!made.ok) expect(made.error.message.zh).toContain('sgs-xzcf');
  });
});
