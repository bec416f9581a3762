import { describe, expect, it } from 'vitest';
import type { Mapping } from '../../../../shared/mapping/mapping-schema.ts';
import { createTemplate, parseTemplate } from '../../../../shared/mapping/parse-template.ts';

const mapping: Mapping = {
  pack: { id: 'pop-base', version: '1.0.0' },
  dataset: 'population',
  sheet: '花名册',
  headerRow: 2,
  fields: {
    GMSFHM: {
      source: { kind: 'column', column: '身份证号' },
      transforms: [{ kind: 'trim' }, { kind: 'case', to: 'upper' }],
    },
    CSRQ: { source: { kind: 'column', column: '出生日期' }, transforms: [{ kind: 'date' }] },
    HJDZ: { source: { kind: 'join', columns: ['省', '市'], separator: '' } },
  },
  valueMaps: { XB: { M: '1', 未知: null } },
};

const template = createTemplate({
  name: '牡丹区公安分局 户籍花名册',
  department: '牡丹区公安分局',
  headers: ['身份证号', '出生日期', '省', '市', '性别'],
  mapping,
  createdAt: '2026-11-26T10:00:00.000Z',
});

describe('templates', () => {
  it('survive a round trip through JSON unchanged', () => {
    const parsed = parseTemplate(JSON.parse(JSON.stringify(template)));
    expect(parsed).toEqual({ ok: true, value: template });
  });

  it('refuse a schema problem with its JSON path, in Chinese and English', () => {
    const broken = JSON.parse(JSON.stringify(template)) as Record<string, unknown>;
    (broken.mapping as { fields: Record<string, unknown> }).fields.CSRQ = {
      source: { kind: 'column', column: '出生日期' },
      transforms: [{ kind: 'date-ish' }],
    };
    const parsed = parseTemplate(broken);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('template-invalid');
      expect(parsed.error.details?.[0]).toMatch(/^mapping\.fields\.CSRQ\.transforms\[0\]/);
    }
  });

  it('refuse a fingerprint that is not the headers’ and a column that is not among them', () => {
    const parsed = parseTemplate({
      ...template,
      fingerprint: '0123456789abcdef',
      mapping: {
        ...mapping,
        fields: { ...mapping.fields, XM: { source: { kind: 'column', column: '姓名' } } },
      },
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.details).toEqual([
        expect.stringContaining('fingerprint: 版式指纹与 headers 不符'),
        expect.stringContaining('mapping.fields.XM.source: 列「姓名」不在 headers 中'),
      ]);
    }
  });
});
