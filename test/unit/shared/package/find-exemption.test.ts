import { describe, expect, it } from 'vitest';
import { createExemptionFinder } from '../../../../shared/package/find-exemption.ts';

describe('createExemptionFinder', () => {
  const base = { reason: '原始档案如此', reviewer: '李审核' };
  const find = createExemptionFinder([
    { ...base, operationId: 1, rule: 'phone' },
    { ...base, operationId: 2, rule: 'resident-id', field: 'GMSFHM', rid: 7 },
    { ...base, operationId: 3, rule: 'required', field: 'MZ' },
    { ...base, operationId: 4, rule: 'phone', rid: 9 },
  ]);

  it('covers an error by rule, narrowed to its field and record', () => {
    expect(find({ rule: 'phone', field: 'LXDH', value: '1391234567' }, 3)?.operationId).toBe(1);
    expect(
      find({ rule: 'resident-id', field: 'GMSFHM', value: '37170219800101123' }, 7)?.operationId,
    ).toBe(2);
    expect(
      find({ rule: 'resident-id', field: 'GMSFHM', value: '37170219800101123' }, 8),
    ).toBeUndefined();
    expect(find({ rule: 'required', field: 'MZ', value: '' }, 1)?.operationId).toBe(3);
    expect(find({ rule: 'required', field: 'XM', value: '' }, 1)).toBeUndefined();
    expect(find({ rule: 'date', field: 'CSRQ', value: '1980-13-01' }, 1)).toBeUndefined();
  });

  it('records the most specific exemption that covers an error', () => {
    expect(find({ rule: 'phone', field: 'LXDH', value: '1391234567' }, 9)?.operationId).toBe(4);
  });

  it('never lets an unrecoverable value in unless the exemption names its record', () => {
    const byField = createExemptionFinder([
      { ...base, operationId: 1, rule: 'resident-id', field: 'GMSFHM' },
      { ...base, operationId: 2, rule: 'resident-id', field: 'GMSFHM', rid: 5 },
    ]);
    const scientific = { rule: 'resident-id', field: 'GMSFHM', value: '3.71702E+17' };
    const digitsLost = { rule: 'resident-id', field: 'GMSFHM', value: '371702198001011000' };
    const undecodable = { rule: 'resident-id', field: 'GMSFHM', value: '3717021980\uFFFD10112' };
    expect(byField(scientific, 4)).toBeUndefined();
    expect(byField(digitsLost, 4)).toBeUndefined();
    expect(byField(undecodable, 4)).toBeUndefined();
    expect(byField(scientific, 5)?.operationId).toBe(2);
    // A recoverable error of the same field is covered by the field's exemption.
    expect(byField({ ...scientific, value: '37170219800101123' }, 4)?.operationId).toBe(1);
  });
});
