import { describe, expect, it } from 'vitest';
import { compareLayout } from '../../../../shared/mapping/compare-layout.ts';
import { layoutFingerprint } from '../../../../shared/mapping/layout-fingerprint.ts';

describe('layoutFingerprint', () => {
  const headers = ['公民身份号码', '姓名', '性别', '民族'];

  it('is 16 hex digits, the same for the same headers in any order', () => {
    const fingerprint = layoutFingerprint(headers);
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(layoutFingerprint([...headers].reverse())).toBe(fingerprint);
  });

  it('reads headers normalised: required marks, spaces and full-width forms do not matter', () => {
    expect(layoutFingerprint(['*公民身份号码', '姓 名', '性别', '民族'])).toBe(
      layoutFingerprint(headers),
    );
  });

  it('changes when a column is added, dropped, renamed or repeated', () => {
    const fingerprint = layoutFingerprint(headers);
    expect(layoutFingerprint([...headers, '户号'])).not.toBe(fingerprint);
    expect(layoutFingerprint(headers.slice(1))).not.toBe(fingerprint);
    expect(layoutFingerprint(['身份证号', '姓名', '性别', '民族'])).not.toBe(fingerprint);
    expect(layoutFingerprint([...headers, '民族'])).not.toBe(fingerprint);
  });
});

describe('compareLayout', () => {
  it('says which headers are missing or extra, ignoring order and decoration', () => {
    expect(compareLayout(['姓名', '性别'], ['性别', '*姓名'])).toEqual({
      isSame: true,
      missing: [],
      extra: [],
    });
    expect(compareLayout(['姓名', '性别', '民族'], ['性别', '姓名', '电话'])).toEqual({
      isSame: false,
      missing: ['民族'],
      extra: ['电话'],
    });
  });
});
