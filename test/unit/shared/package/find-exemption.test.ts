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
    expect(find({ rule: 'phone', field: 'LXDH' }, 3)?.operationId).toBe(1);
    expect(find({ rule: 'resident-id', field: 'GMSFHM' }, 7)?.operationId).toBe(2);
    expect(find({ rule: 'resident-id', field: 'GMSFHM' }, 8)).toBeUndefined();
    expect(find({ rule: 'required', field: 'MZ' }, 1)?.operationId).toBe(3);
    expect(find({ rule: 'required', field: 'XM' }, 1)).toBeUndefined();
    expect(find({ rule: 'date', field: 'CSRQ' }, 1)).toBeUndefined();
  });

  it('records the most specific exemption that covers an error', () => {
    expect(find({ rule: 'phone', field: 'LXDH' }, 9)?.operationId).toBe(4);
  });
});
