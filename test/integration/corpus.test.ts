/**
 * The import-robustness corpus (../shared/corpus): 40 real third-party files, each with the
 * behaviour its MANIFEST row expects. This test walks the MANIFEST and imports every file through
 * the real importer (the import worker, as `steward inspect` and `validate` use it), under a
 * 512 MiB worker heap: a file that needed more would fail with `out-of-memory` instead of the
 * expected outcome. Hostile files must also finish within a time bound.
 *
 * Where the MANIFEST leaves a choice, or where a clerk would read the file differently, the
 * expectation says what we decided and why (`decision`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { FlagReason } from '../../shared/import/detect-mangled-number.ts';
import { openTable, openWorkbook } from '../../electron/engine/import/open-workbook.ts';
import type { SourceRecord } from '../../electron/engine/import/source-table.ts';

const corpus = resolve(import.meta.dirname, '../../../shared/corpus');

interface ManifestRow {
  readonly file: string;
  readonly format: string;
  readonly sha256: string;
  readonly expected_behaviour: string;
}

const manifest = Papa.parse<ManifestRow>(readFileSync(join(corpus, 'MANIFEST.csv'), 'utf8'), {
  header: true,
  skipEmptyLines: true,
}).data;

/** A cell the clerk would look at, by source row and column name. */
interface CellExpectation {
  readonly row: number;
  readonly column: string;
  readonly value: string;
}

interface SheetExpectation {
  readonly hidden?: boolean;
  readonly headerRow?: number;
  readonly headerRows?: 0 | 1 | 2;
  readonly columns?: readonly string[];
  readonly someColumns?: readonly string[];
  readonly requiredColumns?: readonly string[];
  readonly rows?: number;
  readonly footerRows?: readonly number[];
  readonly flaggedCount?: number;
  readonly flagged?: readonly { row: number; column: string; reason: FlagReason }[];
  readonly cells?: readonly CellExpectation[];
  /** A check on all the records of the sheet. */
  readonly records?: (records: readonly SourceRecord[]) => void;
}

type Expectation =
  | {
      readonly kind: 'table';
      readonly format: string;
      readonly encoding?: string;
      /** Every sheet of the workbook, in order. */
      readonly sheets: Readonly<Record<string, SheetExpectation>>;
      /** The sheet `openTable` picks when none is named. */
      readonly defaultSheet?: string;
      readonly decision?: string;
    }
  | {
      readonly kind: 'refused';
      readonly codes: readonly string[];
      readonly zh: string;
      readonly en: string;
      readonly decision?: string;
    };

const encryptedZh = '文件已加密，请在 Excel 中取消密码后再导入';
const encryptedEn = 'The file is encrypted: remove the password in Excel, then import it again';
const empty: SheetExpectation = { rows: 0, columns: [] };

const expectations: Readonly<Record<string, Expectation>> = {
  '专项支出用款申请书.xls': {
    kind: 'table',
    format: 'xls',
    sheets: {
      Sheet1: {
        headerRow: 4,
        headerRows: 2,
        columns: [
          '序号',
          '资金性质',
          '预算科目-编码',
          '预算科目-名称',
          '项目名称',
          '收款人-全称',
          '收款人-银行账号',
          '收款人-开户银行',
          '申请金额',
          '核定金额',
        ],
        rows: 0,
        footerRows: [6, 7, 8, 11, 13, 14, 15],
      },
      Sheet2: empty,
      Sheet3: empty,
    },
  },
  'calamine_issue_530_出勤汇总.xlsx': {
    kind: 'table',
    format: 'xlsx',
    decision:
      'The text date 2023年03月04日 is in the metadata rows above the header, not in the table; ' +
      'what matters is that the zip with backslash paths opens and the header is row 4.',
    sheets: {
      出勤分类组织汇总表: {
        headerRow: 4,
        headerRows: 1,
        columns: [
          '领域',
          '平台',
          '小微',
          '节点组织',
          '人事范围',
          '总人数',
          '时段一天数',
          '时段二天数',
          '时段三天数',
          '时段四天数',
          '时段五天数',
          '其他时段天数',
        ],
        rows: 1,
        cells: [
          { row: 5, column: '领域', value: '集团IT平台' },
          { row: 5, column: '总人数', value: '9' },
        ],
      },
    },
  },
  'easyexcel_t01_导入模板.xls': {
    kind: 'table',
    format: 'xls',
    sheets: {
      产品数据: {
        headerRow: 2,
        headerRows: 1,
        someColumns: ['材质', '等级', '标准号', '规格', '品名', '备注'],
        requiredColumns: ['材质', '标准号', '规格', '品名', '表面处理', '计量单位'],
        rows: 1,
        cells: [
          { row: 3, column: '材质', value: 'Q235(碳钢)' },
          { row: 3, column: '标准号', value: 'DIN9021' },
        ],
      },
    },
  },
  'easyexcel_t04_merged_longcodes.xlsx': {
    kind: 'table',
    format: 'xlsx',
    decision: 'Merged cells are filled down: rows 3-9 belong to record 1 as the clerk reads them.',
    sheets: {
      工作表1: {
        headerRow: 1,
        rows: 56,
        flaggedCount: 0,
        cells: [
          { row: 2, column: 'PCS编码', value: '1111111111111111111111' },
          { row: 2, column: 'eblock编码', value: 'A1JB037FPHA03224400489' },
          { row: 9, column: '序号', value: '1' },
          { row: 9, column: 'ID号', value: '11' },
          { row: 9, column: 'PACK位置', value: '8号' },
          { row: 9, column: 'PACK编码', value: 'QQSJK28F152A012242S0090' },
          { row: 10, column: '序号', value: '2' },
        ],
      },
    },
  },
  'easyexcel_t03_wide_XFD.xlsx': {
    kind: 'table',
    format: 'xlsx',
    sheets: {
      重算文件: {
        headerRow: 1,
        columns: [
          '单据号',
          '服务产品编码',
          '用户昵称',
          '来源系统',
          '计费节点',
          '用户类型编码(选填)',
          '费用项名称',
          '报价版本ID',
          '报价明细ID',
          '重算一级原因',
          '重算二级原因',
          '重算三级原因',
        ],
        rows: 1,
      },
    },
  },
  'alipay_app_records_gbk.csv': {
    kind: 'table',
    format: 'csv',
    encoding: 'gb18030',
    decision:
      "The MANIFEST counts 13 columns: the 13th is the empty field after each line's trailing " +
      'comma, with no header and no value in any row, so it is dropped like any empty column. ' +
      'The padding (spaces, and the TAB that keeps Excel from turning order numbers into ' +
      "floats) is kept exactly as the file holds it: removing it is the mapping step's `trim`, " +
      'and validation shows each padded value with the trimmed one as its fix (DESIGN step 3), ' +
      'so nothing changes without the clerk seeing it.',
    sheets: {
      'alipay_app_records_gbk.csv': {
        headerRow: 25,
        columns: [
          '交易时间',
          '交易分类',
          '交易对方',
          '对方账号',
          '商品说明',
          '收/支',
          '金额',
          '收/付款方式',
          '交易状态',
          '交易订单号',
          '商家订单号',
          '备注',
        ],
        rows: 10,
        cells: [
          { row: 26, column: '交易时间', value: '2023-02-12 21:32:14 ' },
          { row: 26, column: '交易订单号', value: '202302xxxxxx0011000103xxxxxx\t' },
        ],
        records: (records) => {
          const orders = records.map((r) => r.cells[9]?.trim());
          expect(orders).toContain('2023xxxxx88_2023xx57');
          expect(orders).toContain('202302xxxxxx0011000103xxxxxx');
        },
      },
    },
  },
  'icbc_debit_v2_records.csv': {
    kind: 'table',
    format: 'csv',
    encoding: 'utf-8',
    decision:
      "Padded values are kept exactly (trimming is the mapping's `trim`, which validation " +
      'shows as a fix); the header names, which the importer makes, are trimmed.',
    sheets: {
      'icbc_debit_v2_records.csv': {
        headerRow: 7,
        someColumns: ['交易日期', '摘要', '交易场所', '余额', '对方户名'],
        rows: 11,
        footerRows: [20],
        cells: [
          { row: 8, column: '交易日期', value: '2023-05-02     \t' },
          { row: 9, column: '记账金额(支出)', value: '1,234.56            \t' },
        ],
        records: (records) => {
          expect(records.map((r) => r.sourceRow)).toEqual([
            8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
          ]);
          expect(records.map((r) => r.cells[1]?.trim())).toEqual([
            '消费',
            '自动还款',
            '他行汇入',
            '银联消费',
            '工资',
            '网转',
            '蚂蚁基金赎回到银行',
            '跨行汇款',
            '合伙人返现',
            '消费',
            '退款',
          ]);
        },
      },
    },
  },
  'hxsec_records_gbk_tsv_disguised.xls': {
    kind: 'table',
    format: 'tsv',
    encoding: 'gb18030',
    sheets: {
      'hxsec_records_gbk_tsv_disguised.xls': {
        headerRow: 1,
        someColumns: ['交收日期', '成交时间', '业务名称', '证券代码', '证券名称', '资金帐号'],
        rows: 13,
        cells: [
          { row: 2, column: '交收日期', value: '20230212' },
          { row: 2, column: '资金帐号', value: '114514114514' },
          { row: 4, column: '证券代码', value: '799999' },
          { row: 4, column: '股东代码', value: 'A114514114' },
        ],
        records: (records) => {
          expect(records.flatMap((r) => r.cells).some((c) => c.startsWith('='))).toBe(false);
        },
      },
    },
  },
  'bocom_debit_records_longdigits.csv': {
    kind: 'table',
    format: 'csv',
    encoding: 'utf-8',
    sheets: {
      'bocom_debit_records_longdigits.csv': {
        headerRow: 1,
        rows: 6,
        flaggedCount: 0,
        cells: [
          { row: 2, column: '对方账号', value: '1323132313211331313' },
          { row: 3, column: '对方账号', value: '6666666666666666' },
          { row: 2, column: '交易类型', value: '存款利息' },
        ],
      },
    },
  },
  'citic_credit_records.xls': {
    kind: 'table',
    format: 'xls',
    decision:
      'Amounts stay the text the cell showed (5.90); turning text into numbers belongs to ' +
      'mapping and validation, which warn about it.',
    sheets: {
      '本期账单明细(人民币)': {
        headerRow: 2,
        rows: 13,
        cells: [
          { row: 3, column: '交易金额', value: '5.90' },
          { row: 3, column: '卡末四位', value: '6688' },
          { row: 4, column: '交易金额', value: '-0.20' },
        ],
      },
    },
  },
  'easyexcel_bom_no_bom_utf8.csv': {
    kind: 'table',
    format: 'csv',
    encoding: 'utf-8',
    sheets: {
      'easyexcel_bom_no_bom_utf8.csv': {
        headerRow: 1,
        columns: ['姓名', '年纪'],
        rows: 10,
        cells: [{ row: 2, column: '姓名', value: '姓名0' }],
      },
    },
  },
  'easypoi_20181107202743_utf8bom.csv': {
    kind: 'table',
    format: 'csv',
    encoding: 'utf-8',
    sheets: {
      'easypoi_20181107202743_utf8bom.csv': {
        headerRow: 1,
        someColumns: ['商户ID', '代理商', '商户号', '应结日期'],
        rows: 10,
        cells: [
          { row: 2, column: '商户ID', value: '6727845' },
          { row: 2, column: '商户号', value: 'Z08000006454375' },
          { row: 2, column: '应结日期', value: '2018-11-03' },
        ],
      },
    },
  },
  'easypoi_BigDataExport20000.xlsx': {
    kind: 'table',
    format: 'xlsx',
    sheets: {
      测试: {
        headerRow: 2,
        columns: ['电话号码', '姓名', '分组', '备注', '出生日期'],
        rows: 20000,
        cells: [
          { row: 3, column: '电话号码', value: '187970' },
          { row: 20002, column: '姓名', value: '小明19999' },
        ],
      },
    },
  },
  'edr_utf16le_bom.csv': {
    kind: 'table',
    format: 'csv',
    encoding: 'utf-16le',
    sheets: {
      'edr_utf16le_bom.csv': {
        headerRow: 1,
        columns: ['a', 'b', 'c'],
        rows: 2,
        cells: [{ row: 3, column: 'c', value: 'ʤ' }],
      },
    },
  },
  'messytables_weird_head_padding_semicolon.csv': {
    kind: 'table',
    format: 'csv',
    encoding: 'utf-8',
    decision:
      'The indentation of row labels (their hierarchy) is kept exactly, like all padding. ' +
      '"." stays as the cell ' +
      'shows it: the importer keeps every value exactly; which markers mean "missing" is ' +
      'decided when the column is mapped to a standard field.',
    sheets: {
      'messytables_weird_head_padding_semicolon.csv': {
        headerRow: 12,
        columns: ['列A', '1985', '1993', '2000', '2005', '2006', '2007', '2008', '2009', '2010'],
        rows: 60,
        cells: [
          { row: 14, column: '列A', value: '      Gefäßchirurgie' },
          { row: 14, column: '1985', value: '.' },
          { row: 14, column: '1993', value: '379' },
        ],
        records: (records) => {
          expect(records.at(-1)?.sourceRow).toBeLessThan(74);
          expect(records.some((r) => r.cells[0]?.trim().startsWith('*'))).toBe(false);
        },
      },
    },
  },
  'poi_poc-xmlbomb.xlsx': {
    kind: 'refused',
    codes: ['unsafe-xml'],
    zh: '不安全的 XML 声明',
    en: 'unsafe XML declaration',
  },
  'poi_xxe_in_schema.xlsx': {
    kind: 'table',
    format: 'xlsx',
    decision:
      'The external reference sits in xl/xmlMaps.xml, a part the importer never reads (and it ' +
      'never fetches anything), so the sheet loads.',
    sheets: {
      Sheet1: {
        headerRow: 9,
        columns: ['/Test/Test', 'Column1', 'Column2'],
        rows: 1,
        cells: [{ row: 10, column: '/Test/Test', value: '1' }],
      },
    },
  },
  'poi_protected_passtika.xlsx': {
    kind: 'refused',
    codes: ['encrypted'],
    zh: encryptedZh,
    en: encryptedEn,
  },
  'poi_password_rc4.xls': {
    kind: 'refused',
    codes: ['encrypted'],
    zh: encryptedZh,
    en: encryptedEn,
  },
  'calamine_pass_protected.ods': {
    kind: 'refused',
    codes: ['encrypted'],
    zh: encryptedZh,
    en: encryptedEn,
  },
  'calamine_issue_594_dos.ods': {
    kind: 'refused',
    codes: ['too-many-cells', 'too-many-columns'],
    zh: '可能是恶意文件',
    en: 'possibly malicious',
  },
  'calamine_issue_174_dim_XFD1048576.xlsx': {
    kind: 'table',
    format: 'xlsx',
    sheets: {
      Sheet1: {
        headerRow: 1,
        someColumns: ['Your Ref #', 'Contact Name', 'Address', 'Your Company'],
        rows: 1,
      },
    },
  },
  'poi_57893-many-merges.xlsx': {
    kind: 'table',
    format: 'xlsx',
    sheets: { Sheet1: { headerRow: 0, rows: 0, columns: [] } },
  },
  'sheetjs_large_strings.xlsx': {
    kind: 'table',
    format: 'xlsx',
    decision:
      'Loads within the 512 MiB worker heap (the 57 MB sheet goes to the streaming reader). No ' +
      'row holds distinct names, so there is no header: data from row 1, columns named by letter.',
    sheets: {
      'Large Strings': {
        headerRow: 0,
        headerRows: 0,
        rows: 9999,
        cells: [
          { row: 1, column: '列A', value: 'a' },
          { row: 3, column: '列Q', value: 'caa' },
        ],
      },
      Simple: { headerRow: 0, rows: 26 },
      longwordslist: {
        headerRow: 0,
        rows: 17619,
        cells: [{ row: 1, column: '列A', value: 'abandonment' }],
      },
    },
  },
  'edr_Test_Issue_12556_corrupt.xls': {
    kind: 'refused',
    codes: ['corrupt-file'],
    zh: '文件已损坏：它是 Excel 97-2003',
    en: 'The file is damaged',
    decision:
      'Refused rather than partly recovered: the OLE2 sector table is broken, so any rows ' +
      'recovered could be out of order or incomplete with no way to tell; the message says the ' +
      'file is an Excel 97-2003 file and what is broken.',
  },
  'edr_TestFail_Binary_bmp_as.xls': {
    kind: 'refused',
    codes: ['not-a-spreadsheet'],
    zh: '这不是电子表格：文件内容是BMP 图片',
    en: 'a BMP image',
  },
  'edr_EmptyZipFile.xlsx': {
    kind: 'refused',
    codes: ['not-a-spreadsheet'],
    zh: '不含工作簿',
    en: 'no workbook',
  },
  'poi_clusterfuzz_truncated_zip.xlsx': {
    kind: 'refused',
    codes: ['corrupt-file'],
    zh: '文件已损坏',
    en: 'damaged',
  },
  'poi_xlsx-corrupted_rels.xlsx': {
    kind: 'table',
    format: 'xlsx',
    decision:
      'Recovered, as SheetJS and openpyxl do: only the package relationships (_rels/.rels) are ' +
      'broken; the workbook and both sheets are intact, and refusing would cost the clerk data.',
    sheets: {
      Sheet1: {
        headerRow: 1,
        columns: ['test', 'DOCTYPE', 'XXE', 'injection'],
        rows: 2,
        cells: [{ row: 2, column: 'XXE', value: 'data' }],
      },
      Sheet2: { headerRow: 1, rows: 1 },
    },
  },
  'poi_testEXCEL_95_biff5.xls': {
    kind: 'table',
    format: 'xls',
    decision:
      'The MANIFEST counts 16 data rows, which includes the remark in row 22 ("Written and saved ' +
      'in Microsoft Excel X for Mac ...") below a blank row, alone in column A, which has no ' +
      'header. A clerk does not import that remark as a record: it is cut as a footer, leaving ' +
      'the 15 numbered rows, and column A, empty in the table, is dropped.',
    sheets: {
      Feuil1: {
        headerRow: 4,
        headerRows: 1,
        columns: ['Number', 'Square', 'Formatted'],
        rows: 15,
        footerRows: [22],
        cells: [
          { row: 6, column: 'Formatted', value: '100.00%' },
          { row: 20, column: 'Square', value: '225' },
        ],
      },
      Feuil2: empty,
      Feuil3: empty,
    },
  },
  'sheetjs_wps_fn.et': {
    kind: 'table',
    format: 'et',
    sheets: {
      Sheet1: {
        headerRow: 1,
        columns: ['Name', 'Example', 'Result'],
        rows: 2,
        cells: [
          { row: 2, column: 'Result', value: '2' },
          { row: 3, column: 'Result', value: '#VALUE!' },
        ],
      },
    },
  },
  'calamine_number_rows_repeated.ods': {
    kind: 'table',
    format: 'ods',
    sheets: {
      Sheet1: { headerRow: 1, columns: ['A', 'B'], rows: 4 },
      Sheet2: { headerRow: 2, columns: ['A', 'B'], rows: 4 },
      Sheet3: {
        headerRow: 3,
        columns: ['A', 'B'],
        rows: 4,
        cells: [{ row: 10, column: 'B', value: 'D' }],
      },
    },
  },
  'calamine_any_sheets.xlsb': {
    kind: 'table',
    format: 'xlsb',
    defaultSheet: 'Visible',
    decision:
      'The visible sheet starts with numbers in row 1, so it has no header (columns by letter); ' +
      'the sentence in row 5, below a blank row, is a note, cut as a footer.',
    sheets: {
      Visible: { hidden: false, headerRow: 0, rows: 3, footerRows: [5] },
      Hidden: { hidden: true, rows: 0 },
      VeryHidden: { hidden: true, rows: 0 },
      Chart: { hidden: false, rows: 0, columns: [] },
    },
  },
  'sheetjs_sheet_visibility.xlsx': {
    kind: 'table',
    format: 'xlsx',
    defaultSheet: 'Visible',
    sheets: {
      Visible: { hidden: false, headerRow: 1, rows: 1 },
      Hidden: { hidden: true, headerRow: 1, rows: 1 },
      VeryHidden: { hidden: true, headerRow: 1, rows: 1 },
    },
  },
  'calamine_header-row.xlsx': {
    kind: 'table',
    format: 'xlsx',
    sheets: {
      Sheet1: {
        headerRow: 9,
        columns: ['Columns', 'Column A', 'Column B', 'Column C'],
        rows: 1,
        cells: [
          { row: 10, column: 'Columns', value: 'put data here' },
          { row: 10, column: 'Column C', value: '3' },
        ],
      },
    },
  },
  'sheetjs_1904.xlsx': {
    kind: 'table',
    format: 'xlsx',
    sheets: {
      Sheet1: {
        headerRow: 0,
        headerRows: 0,
        columns: ['列A', '列B', '列C', '列D'],
        rows: 5,
        cells: [
          { row: 1, column: '列A', value: '1' },
          { row: 1, column: '列B', value: '1904-01-02' },
          { row: 5, column: '列B', value: '1934-06-03' },
        ],
      },
    },
  },
  'edr_Test_Issue_11773_Exponential.xlsx': {
    kind: 'table',
    format: 'xlsx',
    sheets: {
      Hoja1: {
        headerRow: 1,
        rows: 348,
        someColumns: ['cod_articulo', 'codigo_alternativo', 'descripcion', 'precio_default'],
        cells: [
          { row: 2, column: 'cod_articulo', value: '000099' },
          { row: 4, column: 'cod_articulo', value: '012245002008' },
          { row: 4, column: 'codigo_alternativo', value: '02008' },
          { row: 3, column: 'precio_default', value: '305800.00' },
        ],
      },
      Hoja2: empty,
      Hoja3: empty,
    },
  },
  'poi_at_gv_ooe_bp10_election_stats.xls': {
    kind: 'table',
    format: 'xls',
    defaultSheet: 'Stimmen',
    sheets: {
      Stimmen: {
        hidden: false,
        headerRow: 3,
        headerRows: 2,
        someColumns: [
          'Nr.',
          'Name',
          'Wahlberechtigte',
          'abgegeb.-Stimmen',
          'ungültige-in %',
          'Dr. Fischer-Ant. %',
        ],
        cells: [
          { row: 5, column: 'Name', value: 'Land Oberösterreich' },
          { row: 5, column: 'Wahlberechtigte', value: '1,092,760' },
        ],
      },
      WAHLEN: { hidden: true },
      WAHLDAT: { hidden: true, headerRow: 1 },
    },
  },
  'poi_SampleSS.strict.xlsx': {
    kind: 'table',
    format: 'xlsx',
    sheets: {
      'First Sheet': { rows: 1 },
      'Sheet Number 2': { headerRow: 6, columns: ['cb=1', 'cb=10', 'cb=2', 'cb=sum'], rows: 1 },
      Sheet3: empty,
    },
  },
  'poi_59746_NoRowNums.xlsx': {
    kind: 'table',
    format: 'xlsx',
    decision:
      'The repeated header rows of the stacked sub-tables are flagged, not cut: they are the ' +
      "clerk's to judge, and cutting them would hide that the sheet holds three tables.",
    sheets: {
      Features: {
        headerRow: 1,
        someColumns: ['Checked', 'Ion', 'Charge', 'Molecular Weight', 'Study File ID'],
        rows: 70,
        flaggedCount: 14,
        cells: [{ row: 2, column: 'Ion', value: '[M+Na]+1' }],
        records: (records) => expect(records[0]?.sourceRow).toBe(2),
      },
    },
  },
};

/** The worker heap for every corpus file: a county PC's budget, far below what bombs need. */
const limits = { maxMemoryMb: 512, stallTimeoutMs: 30_000 };
/**
 * A hostile file that hangs the importer fails on the test's timeout (vitest.config.ts), and the
 * worker's own stall limit above ends it first; how fast files import is measured by
 * `npm run bench`, never asserted here, so a loaded CI machine cannot fail a correct import.
 */

interface ImportedSheet {
  readonly name: string;
  readonly hidden: boolean;
  readonly kind: string;
  readonly headerRow: number;
  readonly headerRows: number;
  readonly columns: readonly string[];
  readonly requiredColumns: readonly string[];
  readonly rows: number;
  readonly footerRows: readonly number[];
  readonly flaggedCount: number;
  readonly flagged: readonly { row: number; column: string; reason: string }[];
  readonly records: readonly SourceRecord[];
}

type Imported =
  | {
      readonly ok: true;
      readonly format: string;
      readonly encoding: string | undefined;
      readonly sheets: readonly ImportedSheet[];
    }
  | { readonly ok: false; readonly code: string; readonly zh: string; readonly en: string };

/** Imports every sheet of a file through the import worker, reading all of its rows. */
async function importFile(path: string): Promise<Imported> {
  const opened = await openWorkbook(path, { limits });
  if (!opened.ok) {
    const { code, message } = opened.error;
    return { ok: false, code, zh: message.zh, en: message.en };
  }
  const workbook = opened.value;
  try {
    const sheets: ImportedSheet[] = [];
    for (const sheet of workbook.sheets) {
      const table = await workbook.openTable(sheet);
      if (!table.ok) {
        const { code, message } = table.error;
        return { ok: false, code, zh: message.zh, en: message.en };
      }
      const records: SourceRecord[] = [];
      for await (const record of table.value.rows()) records.push(record);
      const t = table.value;
      sheets.push({ ...t, name: sheet.name, kind: sheet.kind, rows: t.rowCount, records });
    }
    return { ok: true, format: workbook.format, encoding: workbook.encoding, sheets };
  } finally {
    await workbook.close();
  }
}

function checkSheet(sheet: ImportedSheet, expected: SheetExpectation): void {
  const where = `sheet ${sheet.name}`;
  if (expected.hidden !== undefined) expect(sheet.hidden, where).toBe(expected.hidden);
  if (expected.headerRow !== undefined) expect(sheet.headerRow, where).toBe(expected.headerRow);
  if (expected.headerRows !== undefined) expect(sheet.headerRows, where).toBe(expected.headerRows);
  if (expected.columns !== undefined) expect(sheet.columns, where).toEqual(expected.columns);
  for (const column of expected.someColumns ?? []) expect(sheet.columns, where).toContain(column);
  if (expected.requiredColumns !== undefined) {
    expect(sheet.requiredColumns, where).toEqual(expected.requiredColumns);
  }
  if (expected.rows !== undefined) {
    expect(sheet.rows, where).toBe(expected.rows);
    expect(sheet.records, where).toHaveLength(expected.rows);
  }
  if (expected.footerRows !== undefined)
    expect(sheet.footerRows, where).toEqual(expected.footerRows);
  if (expected.flaggedCount !== undefined) {
    expect(sheet.flaggedCount, where).toBe(expected.flaggedCount);
  }
  for (const cell of expected.cells ?? []) {
    const record = sheet.records.find((r) => r.sourceRow === cell.row);
    const index = sheet.columns.indexOf(cell.column);
    expect(record, `${where} row ${cell.row}`).toBeDefined();
    expect(index, `${where} column ${cell.column}`).toBeGreaterThanOrEqual(0);
    expect(record?.cells[index], `${where} row ${cell.row} ${cell.column}`).toBe(cell.value);
  }
  expected.records?.(sheet.records);
  for (const record of sheet.records) {
    expect(record.sheet).toBe(sheet.name);
    expect(record.cells).toHaveLength(sheet.columns.length);
  }
}

describe('the corpus', () => {
  it('has an expectation for every MANIFEST row, and the files are the ones listed', () => {
    expect(manifest).toHaveLength(40);
    expect(Object.keys(expectations).sort()).toEqual(manifest.map((row) => row.file).sort());
    for (const row of manifest) {
      const hash = createHash('sha256')
        .update(readFileSync(join(corpus, row.file)))
        .digest('hex');
      expect(hash, row.file).toBe(row.sha256);
    }
  });

  for (const row of manifest) {
    const expected = expectations[row.file];
    it(`${row.file}: ${row.expected_behaviour.slice(0, 80)}`, async () => {
      if (expected === undefined) throw new Error(`no expectation for ${row.file}`);
      const imported = await importFile(join(corpus, row.file));
      if (expected.kind === 'refused') {
        expect(imported.ok, 'the file must be refused').toBe(false);
        if (imported.ok) return;
        expect(expected.codes).toContain(imported.code);
        expect(imported.zh).toContain(expected.zh);
        expect(imported.en).toContain(expected.en);
        return;
      }
      if (!imported.ok) throw new Error(`${imported.code}: ${imported.en}`);
      expect(imported.format).toBe(expected.format);
      if (expected.encoding !== undefined) expect(imported.encoding).toBe(expected.encoding);
      expect(imported.sheets.map((s) => s.name)).toEqual(Object.keys(expected.sheets));
      for (const sheet of imported.sheets) {
        const sheetExpected = expected.sheets[sheet.name];
        if (sheetExpected !== undefined) checkSheet(sheet, sheetExpected);
      }
      if (expected.defaultSheet !== undefined) {
        const table = await openTable(join(corpus, row.file), { limits });
        if (!table.ok) throw new Error(table.error.message.en);
        expect(table.value.sheet).toBe(expected.defaultSheet);
        await table.value.close();
      }
    });
  }
});
