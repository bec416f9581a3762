import { describe, expect, it } from 'vitest';
import { formatText, uiText } from '../../../../shared/i18n/ui-text.ts';

describe('ui-text', () => {
  it('has every text in Chinese and English, with the same places to fill in', () => {
    for (const [key, text] of Object.entries(uiText)) {
      expect(text.zh, key).not.toBe('');
      expect(text.en, key).not.toBe('');
      const places = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(places(text.en), key).toEqual(places(text.zh));
    }
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
