import { describe, expect, it } from 'vitest';
import { createMemoryFirstRowIndex } from '../../../../shared/rules/first-row-index.ts';
import { createPrimaryKeyCheck } from '../../../../shared/rules/primary-key.ts';
import { makeField } from './fixtures.ts';

describe('createPrimaryKeyCheck', () => {
  const wsh = makeField({ name: 'XK_WSH', title: '行政许可决定文书号' });
  const code = makeField({ name: 'XK_XDR_SHXYM', title: '统一社会信用代码' });
  it('reports a repeated combination, not a repeated part', () => {
    const check = createPrimaryKeyCheck([wsh, code], createMemoryFirstRowIndex());
    expect(check?.(1, ['许字1号', 'A'])).toBeUndefined();
    expect(check?.(2, ['许字1号', 'B'])).toBeUndefined();
    expect(check?.(3, ['许字1号', 'A'])).toMatchObject({ rule: 'primary-key', field: 'XK_WSH' });
  });
  it('skips records with a blank key part (the required rule reports those)', () => {
    const check = createPrimaryKeyCheck([wsh, code], createMemoryFirstRowIndex());
    expect(check?.(1, ['', 'A'])).toBeUndefined();
    expect(check?.(2, ['', 'A'])).toBeUndefined();
  });
  it('leaves a single unique key to the unique rule', () => {
    expect(
      createPrimaryKeyCheck(
        [makeField({ name: 'ID', title: 'ID', constraints: { unique: true } })],
        createMemoryFirstRowIndex(),
      ),
    ).toBeUndefined();
  });
});
