import { describe, expect, it } from 'vitest';
import {
  listDivisions,
  lookupDivision,
  lookupDivisionByNumber,
} from '../../../../shared/code-tables/divisions.ts';

describe('divisions', () => {
  it('holds the 7,272 distinct codes of the current and historical lists', () => {
    const all = listDivisions();
    expect(all).toHaveLength(7272);
    expect(all.filter((d) => d.status === 'current')).toHaveLength(3213);
    expect(all.filter((d) => d.isWeakSource)).toHaveLength(241);
  });

  it('knows Heze and Mudan as current codes', () => {
    expect(lookupDivision('371700')).toMatchObject({
      name: '菏泽市',
      level: 'prefecture',
      parent: '370000',
      status: 'current',
      isWeakSource: false,
    });
    expect(lookupDivision('371702')).toMatchObject({ name: '牡丹区', level: 'county' });
    expect(lookupDivision('370000')).not.toHaveProperty('parent');
  });

  it('knows the old Mudan codes as historical, with their successors', () => {
    expect(lookupDivision('372901')).toMatchObject({
      name: '菏泽市',
      status: 'historical',
      isWeakSource: false,
      successors: ['371702'],
    });
    expect(lookupDivision('372921')).toMatchObject({ name: '菏泽县', status: 'historical' });
    expect(lookupDivision('321083')).toMatchObject({ name: '兴化市', status: 'historical' });
  });

  it('keeps the latest name of a code that was renamed before it was abolished', () => {
    expect(lookupDivision('532726')?.name).toBe('镇沅彝族哈尼族拉祜族自治县');
  });

  it('marks codes known only from mumuy as a weak source', () => {
    expect(lookupDivision('110201')).toMatchObject({
      name: '昌平县',
      status: 'historical',
      isWeakSource: true,
    });
  });

  it('knows summary codes as historical', () => {
    expect(lookupDivision('370101')).toMatchObject({ level: 'summary', status: 'historical' });
  });

  it('does not know NBS development-zone codes or malformed input', () => {
    expect(lookupDivision('371771')).toBeUndefined();
    expect(lookupDivision('371772')).toBeUndefined();
    expect(lookupDivision('37170')).toBeUndefined();
    expect(lookupDivision('37170A')).toBeUndefined();
    expect(lookupDivision('３７１７０２')).toBeUndefined();
  });

  it('looks up by number the same division as by text', () => {
    expect(lookupDivisionByNumber(371702)).toBe(lookupDivision('371702'));
  });
});
