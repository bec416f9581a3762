import { describe, expect, it } from 'vitest';
import {
  createScientificNotationFinding,
  isScientificNotation,
} from '../../../../shared/validators/scientific-notation.ts';

describe('isScientificNotation', () => {
  it.each(['3.71702E+17', '3.71702e+17', '1E17', '3.717021990030710E17', '-1.5e-3'])(
    'recognises %s',
    (value) => {
      expect(isScientificNotation(value)).toBe(true);
    },
  );

  it.each(['371702199003071231', '37170219951120108X', 'E+17', '3.7E', '91371702MA3N7Q4K1H'])(
    'leaves %s alone',
    (value) => {
      expect(isScientificNotation(value)).toBe(false);
    },
  );
});

describe('createScientificNotationFinding', () => {
  it('is an error without a suggestion, quoting the value', () => {
    const finding = createScientificNotationFinding('3.71702E+17');
    expect(finding).toMatchObject({ code: 'scientific-notation', severity: 'error' });
    expect(finding).not.toHaveProperty('suggestion');
    expect(finding.message.zh).toContain('3.71702E+17');
    expect(finding.message.zh).toContain('无法恢复');
  });
});
