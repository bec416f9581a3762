import { describe, expect, it } from 'vitest';
import { parseCodePage, planCodePageSwitch } from '../../../../electron/cli/console-code-page.ts';

describe('parseCodePage', () => {
  it('reads chcp’s answer in Chinese and English Windows', () => {
    expect(parseCodePage('活动代码页: 936\r\n')).toBe(936);
    expect(parseCodePage('Active code page: 65001.\r\n')).toBe(65001);
    expect(parseCodePage('')).toBeUndefined();
  });
});

describe('planCodePageSwitch', () => {
  it('switches a GBK console to UTF-8 for a piped or redirected run, and back to 936 after', () => {
    expect(planCodePageSwitch('win32', false, '活动代码页: 936')).toEqual({
      switchTo: 65001,
      restore: 936,
    });
  });

  it('leaves the console alone when stdout is the console itself (Node writes UTF-16 there)', () => {
    expect(planCodePageSwitch('win32', true, '活动代码页: 936')).toBeUndefined();
  });

  it('leaves it alone when it is UTF-8 already, unknown, or not Windows', () => {
    expect(planCodePageSwitch('win32', false, 'Active code page: 65001')).toBeUndefined();
    expect(planCodePageSwitch('win32', false, undefined)).toBeUndefined();
    expect(planCodePageSwitch('linux', false, '活动代码页: 936')).toBeUndefined();
  });
});
