import { describe, expect, it } from 'vitest';
import { formatFingerprint } from '../../../../shared/signing/format-fingerprint.ts';

describe('formatFingerprint', () => {
  it('reads out as 16 upper-case groups of 4 hex digits', () => {
    const hex = '374df1bcde0afec81c4527fee2b3333640107fdab9097f425ce8025f5c1d7246';
    expect(formatFingerprint(hex)).toBe(
      '374D F1BC DE0A FEC8 1C45 27FE E2B3 3336 4010 7FDA B909 7F42 5CE8 025F 5C1D 7246',
    );
  });
});
