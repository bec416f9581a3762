/**
 * The fixtures of real-file shapes (test/fixtures/MANIFEST.md): each is inspected through the
 * real importer (the import worker, as `steward inspect` and the import step use it), the way
 * corpus.test.ts runs the corpus, and must do what its MANIFEST row says.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFile, type InspectReport } from '../../electron/engine/import/inspect-file.ts';

const fixtures = resolve(import.meta.dirname, '../fixtures');
const shapes = join(fixtures, 'real-shapes');

/** The files the MANIFEST lists: the first cell of each row of its table. */
const manifestFiles = readFileSync(join(fixtures, 'MANIFEST.md'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('| ') && !line.startsWith('| file ') && !line.startsWith('| -'))
  .map((line) => line.split('|')[1]?.trim() ?? '');

type Expectation =
  | {
      readonly kind: 'table';
      readonly headerRow: number;
      readonly columns: readonly string[];
      readonly requiredColumns?: readonly string[];
      /** The source rows of the data, in order. */
      readonly dataRows: readonly number[];
      readonly footerRows: readonly number[];
      /** A text the footer warning must hold (absent when there are no footers). */
      readonly footerWarning?: string;
    }
  | { readonly kind: 'refused'; readonly code: string; readonly zh: string };

const bankColumns = [
  '交易日期',
  '交易时间',
  '摘要',
  '交易金额',
  '账户余额',
  '对方户名',
  '对方账号',
  '交易渠道',
  '附言',
];

const expectations: Readonly<Record<string, Expectation>> = {
  'prefixed-styled-empty-rows.xlsx': {
    kind: 'table',
    headerRow: 1,
    columns: ['姓名', '身份证号', '金额'],
    dataRows: [2, 3],
    footerRows: [],
  },
  'bank-statement-metadata-row.xlsx': {
    kind: 'table',
    headerRow: 2,
    columns: bankColumns,
    dataRows: [3, 4, 5, 6, 7],
    footerRows: [8],
    footerWarning: '第 8 行',
  },
  'bank-statement-footers.csv': {
    kind: 'table',
    headerRow: 1,
    columns: ['交易日期', '摘要', '交易金额', '账户余额', '对方户名', '对方账号'],
    dataRows: [2, 3, 4, 5],
    footerRows: [6, 7, 8, 9, 10],
    footerWarning: '第 6–10 行',
  },
  'text-line-named-xls.xls': {
    kind: 'refused',
    code: 'not-a-spreadsheet',
    zh: '文件扩展名是 .xls，但内容是一行文本：「请于12月31日前报送人口登记表，表格见附件」，不是表格',
  },
  'text-line-named-xlsx.xlsx': {
    kind: 'refused',
    code: 'not-a-spreadsheet',
    zh: '文件扩展名是 .xlsx，但内容是一行文本：「户籍人口登记表（2025年12月）」，不是表格',
  },
  'required-marks.csv': {
    kind: 'table',
    headerRow: 1,
    columns: ['姓名', '公民身份号码', '与户主关系', '性别', '民族', '备注'],
    requiredColumns: ['姓名', '公民身份号码', '与户主关系', '性别', '民族'],
    dataRows: [2, 3],
    footerRows: [],
  },
};

/** Inspects a fixture, keeping every data row as the sample. */
async function inspect(file: string): Promise<Awaited<ReturnType<typeof inspectFile>>> {
  return inspectFile(join(shapes, file), {
    sampleRows: 1000,
    limits: { maxMemoryMb: 512, stallTimeoutMs: 30_000 },
  });
}

function checkTable(report: InspectReport, expected: Extract<Expectation, { kind: 'table' }>) {
  const [sheet] = report.sheets;
  expect(report.sheets).toHaveLength(1);
  expect(sheet?.headerRow).toBe(expected.headerRow);
  expect(sheet?.columns).toEqual(expected.columns);
  if (expected.requiredColumns !== undefined) {
    expect(sheet?.requiredColumns).toEqual(expected.requiredColumns);
  }
  expect(sheet?.rows).toBe(expected.dataRows.length);
  expect(sheet?.sample.map((row) => row.sourceRow)).toEqual(expected.dataRows);
  expect(sheet?.footerRows).toEqual(expected.footerRows);
  const footerWarnings = report.warnings.filter((warning) => warning.code === 'footer-rows');
  if (expected.footerWarning === undefined) {
    expect(footerWarnings).toEqual([]);
  } else {
    expect(footerWarnings).toHaveLength(1);
    expect(footerWarnings[0]?.message.zh).toContain(expected.footerWarning);
    expect(footerWarnings[0]?.message.zh).toContain('没有作为数据导入');
  }
}

describe('the fixtures of real-file shapes', () => {
  it('has an expectation for every MANIFEST row', () => {
    expect(manifestFiles.length).toBeGreaterThan(0);
    expect(Object.keys(expectations).sort()).toEqual([...manifestFiles].sort());
  });

  for (const file of manifestFiles) {
    it(file, async () => {
      const expected = expectations[file];
      if (expected === undefined) throw new Error(`no expectation for ${file}`);
      const report = await inspect(file);
      if (expected.kind === 'refused') {
        expect(report.ok ? 'read' : report.error.code).toBe(expected.code);
        if (!report.ok) expect(report.error.message.zh).toContain(expected.zh);
        return;
      }
      if (!report.ok) throw new Error(`${report.error.code}: ${report.error.message.zh}`);
      checkTable(report.value, expected);
    });
  }
});
