/**
 * Every entry of the reference test vectors (../shared/reference/test-vectors.json, copied to
 * test/fixtures/reference so that CI needs nothing outside the repo) agrees with the validators.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCreditCode } from '../../../../shared/validators/credit-code.ts';
import type { Finding } from '../../../../shared/validators/finding.ts';
import { checkOrgCode } from '../../../../shared/validators/org-code.ts';
import { checkResidentId } from '../../../../shared/validators/resident-id.ts';

interface Vector {
  readonly kind: 'ric18' | 'ric15' | 'uscc' | 'orgcode';
  readonly value: string;
  readonly valid: boolean;
  readonly reason: string;
  readonly converted_18?: string;
  readonly valid_after_normalize?: boolean;
}

const root = resolve(import.meta.dirname, '../../../..');
const fixture = resolve(root, 'test/fixtures/reference/test-vectors.json');
const reference = resolve(root, '../shared/reference/test-vectors.json');
const vectors = JSON.parse(readFileSync(fixture, 'utf8')) as Vector[];

const today = { today: '2025-06-01' };

function check(vector: Vector, value = vector.value): Finding | undefined {
  switch (vector.kind) {
    case 'ric18':
    case 'ric15':
      return checkResidentId(value, today);
    case 'uscc':
      return checkCreditCode(value);
    case 'orgcode':
      return checkOrgCode(value);
  }
}

/** The reason code each invalid vector must produce, read from its `reason` text. */
const expectedCode: Record<string, string> = {
  '371702199003071230': 'checksum',
  '371702199013071235': 'birth-date-invalid',
  '371702199002301234': 'birth-date-invalid',
  '371702190002291231': 'birth-date-invalid',
  '371702209901011237': 'birth-date-future',
  '000000199003071236': 'area-unknown',
  '371799199003071230': 'area-unknown',
  '371771199003071234': 'area-unknown',
  '37170219900307123': 'length',
  '3717021990030712310': 'length',
  '37170219951120108x': 'lowercase-x',
  '371702199003X71231': 'charset',
  '36042619910102009X': 'checksum',
  '360426199113010079': 'birth-date-invalid',
  '990426199112010074': 'area-unknown',
  '371702901307123': 'birth-date-invalid',
  '37170290030712': 'length',
  '37170290030712X': 'charset',
  '91371702MA3N7Q4K10': 'checksum',
  '91371702MA3NIQ4K1H': 'charset',
  '91371702MA3NOQ4K1H': 'charset',
  '91371702MA3NZQ4K1H': 'charset',
  '91371702MA3NSQ4K1H': 'charset',
  '91371702MA3NVQ4K1H': 'charset',
  '91371702MA3N7Q4K1': 'length',
  '91371702ma3n7q4k1h': 'lowercase',
  '9137A702MA3N7Q4K11': 'region-format',
  B1371702MA3N7Q4K1F: 'authority-unknown',
  '94371702MA3N7Q4K18': 'authority-type-unknown',
  '91999999MA3N7Q4K10': 'region-unknown',
  '91371702MA3N7Q4K2L': 'embedded-org-code',
  '91350211M00013FA1N': 'checksum',
  'D2143569-1': 'checksum',
  '12345678-X': 'checksum',
  '1234567-8': 'length',
  'd2143569-x': 'lowercase',
};

describe('reference test vectors', () => {
  it('has the 70 vectors the reference README counts', () => {
    expect(vectors).toHaveLength(70);
    expect(vectors.filter((v) => !v.valid)).toHaveLength(Object.keys(expectedCode).length);
  });

  it.runIf(existsSync(reference))('the fixture holds the same vectors as the reference', () => {
    expect(vectors).toEqual(JSON.parse(readFileSync(reference, 'utf8')));
  });

  it.each(vectors.filter((v) => v.valid))('$kind $value is valid ($reason)', (vector) => {
    const finding = check(vector);
    if (vector.kind === 'ric15') {
      expect(finding).toMatchObject({
        code: 'legacy-15',
        severity: 'warning',
        suggestion: vector.converted_18,
      });
    } else {
      expect(finding).toBeUndefined();
    }
  });

  it.each(vectors.filter((v) => !v.valid))('$kind $value is invalid ($reason)', (vector) => {
    const finding = check(vector);
    expect(finding?.severity).toBe('error');
    expect(finding?.code).toBe(expectedCode[vector.value]);
  });

  it.each(vectors.filter((v) => v.valid_after_normalize === true))(
    '$kind $value is valid after upper-casing, and the suggestion says so',
    (vector) => {
      const upper = vector.value.toUpperCase();
      expect(check(vector, upper)).toBeUndefined();
      expect(check(vector)?.suggestion).toBe(upper);
    },
  );
});
