import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../../shared/pack/pack-schema.ts';
import { createDayDependence } from '../../../../shared/package/create-day-dependence.ts';
import { findBundledPack } from '../../../../shared/packs/index.ts';

const population = findBundledPack('pop-base')?.datasets[0];
if (population === undefined) throw new Error('pop-base is bundled');
const at = (dataset: Dataset, name: string): number =>
  dataset.fields.findIndex((field) => field.name === name);

/** A record of `dataset` with one value set. */
function recordOf(dataset: Dataset, name: string, value: string): string[] {
  const values = dataset.fields.map(() => '');
  values[at(dataset, name)] = value;
  return values;
}

describe('createDayDependence', () => {
  it('names nothing when the issues were checked on the package day', () => {
    const depends = createDayDependence(
      population,
      { from: '2026-11-26', to: '2026-11-26' },
      '2026-11-26',
    );
    expect(depends(recordOf(population, 'GMSFHM', '11010120261126100X'))).toBe(false);
  });

  it('names a record whose ID birth date lies between the day checked and the package day', () => {
    const depends = createDayDependence(
      population,
      { from: '2026-11-20', to: '2026-11-26' },
      '2027-01-15',
    );
    expect(depends(recordOf(population, 'GMSFHM', '110101202612201002'))).toBe(true);
    expect(depends(recordOf(population, 'GMSFHM', ' 110101202612201002 '))).toBe(true);
    // Born before the first day checked, or after the package day: the same answer either day.
    expect(depends(recordOf(population, 'GMSFHM', '110101199003071002'))).toBe(false);
    expect(depends(recordOf(population, 'GMSFHM', '110101202702011002'))).toBe(false);
  });

  it('names a record with a date-not-future date or an update time in its window', () => {
    const dataset: Dataset = {
      ...population,
      rules: [
        { id: 'not-future', type: 'date-not-future', field: 'CSRQ' },
        { id: 'fresh', type: 'update-age', field: 'HH', maxAgeDays: 10 },
      ],
    };
    const depends = createDayDependence(
      dataset,
      { from: '2026-11-26', to: '2026-11-26' },
      '2026-12-06',
    );
    expect(depends(recordOf(dataset, 'CSRQ', '2026-12-01'))).toBe(true);
    expect(depends(recordOf(dataset, 'CSRQ', '2026-11-26'))).toBe(false);
    expect(depends(recordOf(dataset, 'CSRQ', '2026-12-07'))).toBe(false);
    // Too old on 12-06 (before 11-26) but not on 11-26 (before 11-16): 11-16 up to 11-25.
    expect(depends(recordOf(dataset, 'HH', '2026-11-20'))).toBe(true);
    expect(depends(recordOf(dataset, 'HH', '2026-11-15'))).toBe(false);
    expect(depends(recordOf(dataset, 'HH', '2026-11-26'))).toBe(false);
  });
});
