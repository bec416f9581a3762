import { describe, expect, it } from 'vitest';
import { formatText, uiText } from '../../../../shared/i18n/ui-text.ts';

const marks = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('UI texts', () => {
  it('has every text in Chinese and English, with the same {marks} in both', () => {
    for (const [key, text] of Object.entries(uiText)) {
      expect(text.zh.trim(), key).not.toBe('');
      expect(text.en.trim(), key).not.toBe('');
      expect(marks(text.en), key).toEqual(marks(text.zh));
    }
  });

  it('fills the marks, numbers with thousands separators, and leaves a missing value visible', () => {
    expect(formatText('valueMapApplied', 'zh', { count: 12345 })).toBe('已按值映射修改 12,345 处');
    expect(formatText('valueMapApplied', 'en', { count: 5 })).toBe(
      'Changed 5 cells by the value map',
    );
    expect(formatText('valueMapTitle', 'zh', { field: '民族' })).toBe('值映射：民族');
    expect(formatText('valueMapTitle', 'zh', {})).toBe('值映射：{field}');
  });

  it('fills in places, numbers with the language’s grouping, and leaves unknown places', () => {
    expect(formatText('nextMappingCount', 'zh', { tables: 2, rows: 12345 })).toBe(
      '下一步：映射（2 个表，共 12,345 行）',
    );
    expect(formatText('nextMappingCount', 'en', { tables: 2, rows: 12345 })).toBe(
      'Next: mapping (2 tables, 12,345 rows)',
    );
    expect(formatText('templateFields', 'zh', {})).toBe('{n} 个字段');
  });
});
