/** The name a clerk sees for a rule: a declared rule's description reads as a title in English. */
import { describe, expect, it } from 'vitest';
import { describeRule } from '../../../../shared/package/describe-rule.ts';
import { findBundledPack } from '../../../../shared/packs/index.ts';

describe('describeRule', () => {
  it('starts every rule title of every bundled pack with a capital letter in English', () => {
    const titles: string[] = [];
    for (const id of ['pop-base', 'legal-entity-base', 'sgs-xzxk', 'sgs-xzcf']) {
      const pack = findBundledPack(id);
      if (pack === undefined) throw new Error(`${id} is bundled`);
      for (const dataset of pack.datasets)
        for (const rule of dataset.rules ?? []) titles.push(describeRule(dataset, rule.id).en);
    }
    expect(titles.length).toBeGreaterThan(30);
    expect(titles.filter((title) => !/^[A-Z0-9"“(]/.test(title))).toEqual([]);
  });

  it('keeps the Chinese title and the rest of the English as the pack wrote them', () => {
    const pack = findBundledPack('pop-base');
    const dataset = pack?.datasets[0];
    const rule = dataset?.rules?.[0];
    if (dataset === undefined || rule?.description === undefined) throw new Error('POP rules');
    const title = describeRule(dataset, rule.id);
    expect(title.zh).toBe(rule.description.zh);
    expect(title.en).toBe('The birth date equals positions 7-14 of the ID');
  });
});
