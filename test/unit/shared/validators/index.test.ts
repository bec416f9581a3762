import { describe, expect, it } from 'vitest';
import { fieldFormats } from '../../../../shared/pack/pack-schema.ts';
import { formatValidators } from '../../../../shared/validators/index.ts';

const context = { today: '2025-06-01' };

describe('formatValidators', () => {
  it('has a validator for every field format of the pack schema', () => {
    expect(Object.keys(formatValidators).sort()).toEqual([...fieldFormats].sort());
  });

  it.each([
    ['gb11643', '371702199003071231', '371702199003071230', 'checksum'],
    ['gb32100', '91371702MA3N7Q4K1H', '91371702MA3N7Q4K10', 'checksum'],
    ['gb11714', 'D2143569-X', 'D2143569-1', 'checksum'],
    ['gb2260', '371702', '371771', 'unknown'],
    ['mobile', '13912345678', '12912345678', 'prefix'],
    ['phone', '0530-1234567', '无', 'format'],
    ['postal-code', '274000', '27400', 'length'],
  ] as const)('%s passes %s and refuses %s as %s', (format, good, bad, code) => {
    expect(formatValidators[format](good, context)).toBeUndefined();
    expect(formatValidators[format](bad, context)?.code).toBe(code);
  });

  it('passes today through to the resident ID check', () => {
    expect(formatValidators.gb11643('371702202506021230', { today: '2025-06-01' })?.code).toBe(
      'birth-date-future',
    );
  });
});
