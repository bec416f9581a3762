import { describe, expect, it } from 'vitest';
import { renderValidationHtml } from '../../../../shared/package/render-validation-html.ts';
import {
  validationFormat,
  type ValidationReport,
} from '../../../../shared/package/validation-report.ts';

const report: ValidationReport = {
  format: validationFormat,
  submission: {
    standard: { id: 'pop-base', title: '人口基础信息', version: '1.0.0' },
    dataset: { name: 'population', title: '人口基础信息' },
    division: '371702',
    department: '牡丹区公安分局',
    provider: '牡丹区公安分局',
    steward: '王管理',
    reviewer: '李审核',
    period: '2026Q4',
    kind: '共享',
    created: '2026-11-26T02:00:00.000Z',
    today: '2026-11-26',
  },
  rows: { project: 3, packaged: 2, excludedByUser: 1, excludedByPolicy: 0 },
  summary: { errors: 1, warnings: 0, rowsWithErrors: 1, exemptedErrors: 1 },
  rules: [{ rule: 'phone', title: { zh: '电话号码', en: 'Phone number' }, errors: 1, warnings: 0 }],
  fields: [
    { name: 'XM', title: '姓名', action: 'keep', filled: 2, invalid: 0, errors: 0, warnings: 0 },
    {
      name: 'LXDH',
      title: '联系电话',
      action: 'keep',
      filled: 1,
      invalid: 1,
      errors: 1,
      warnings: 0,
    },
  ],
  exemptions: [
    { operationId: 5, rule: 'phone', reason: '号码<已停用>', reviewer: '李审核', issues: 1 },
  ],
  issues: [
    {
      row: 2,
      rid: 3,
      source: { file: '户籍<表>.xlsx', sheet: '东城街道', row: 14 },
      field: 'LXDH',
      rule: 'phone',
      severity: 'error',
      value: '<script>alert(1)</script>',
      message: { zh: '「联系电话」不是有效的电话号码', en: 'not a phone number' },
      exemption: 5,
    },
  ],
};

describe('renderValidationHtml', () => {
  const html = renderValidationHtml(report);

  it('is one page in Chinese that needs no network and runs no script', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
    expect(html).not.toMatch(/<script|https?:\/\/|\ssrc=|<link/i);
  });

  it('states the facts, the quality chart, the rules and the issues with their source row', () => {
    expect(html).toContain('牡丹区公安分局');
    expect(html).toContain('<svg role="img" aria-label="各字段完整率与有效率"');
    expect(html).toContain('联系电话（LXDH）');
    expect(html).toContain('50%');
    expect(html).toContain('<td>电话号码</td><td>phone</td><td>1</td><td>0</td>');
    expect(html).toContain('<td>户籍&lt;表&gt;.xlsx</td><td>东城街道</td><td>14</td>');
    expect(html).toContain('已豁免（操作 5）');
    expect(html).toContain('2026-11-26 10:00:00（北京时间）');
    expect(html).toContain('<td>电话号码（phone）</td>');
  });

  it('escapes every value it shows', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('号码&lt;已停用&gt;');
  });
});

describe('renderValidationHtml with code names', () => {
  it('shows the name beside a code field’s value, and other values as they are', () => {
    const coded: ValidationReport = {
      ...report,
      fields: [
        ...report.fields,
        {
          name: 'XB',
          title: '性别',
          action: 'keep',
          filled: 2,
          invalid: 0,
          errors: 0,
          warnings: 2,
        },
      ],
      issues: [
        ...report.issues,
        ...['2', '9'].map((value, i) => ({
          row: 3 + i,
          rid: 4 + i,
          source: { file: '户籍.xlsx', sheet: '东城街道', row: 15 + i },
          field: 'XB',
          rule: 'id-sex',
          severity: 'warning' as const,
          value,
          message: { zh: '性别与身份证号不一致', en: 'sex differs from the ID' },
        })),
      ],
    };
    const html = renderValidationHtml(coded, new Map([['XB', new Map([['2', '女性']])]]));
    expect(html).toContain('<td>2 女性</td>');
    expect(html).toContain('<td>9</td>');
    expect(renderValidationHtml(coded)).toContain('<td>2</td>');
  });
});

describe('renderValidationHtml on paper', () => {
  const html = renderValidationHtml(report);
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const print = /@media print \{([\s\S]*)\}\s*$/.exec(style.trim())?.[1] ?? '';

  it('prints on A4 with margins, the chart within the page width', () => {
    expect(style).toMatch(/@page \{[^}]*size: A4[^}]*margin: [^;}]+/);
    expect(print).toMatch(/svg \{[^}]*max-width: 100%/);
    expect(print).toMatch(/body \{[^}]*margin: 0/);
  });

  it('repeats the header row of a table on each page and never splits a row', () => {
    expect(print).toMatch(/thead \{[^}]*display: table-header-group/);
    expect(print).toMatch(/tr \{[^}]*break-inside: avoid/);
    expect(print).toMatch(/h2 \{[^}]*break-after: avoid/);
  });
});
