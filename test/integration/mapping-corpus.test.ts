/**
 * Mapping suggestions on the corpus files with Chinese headers (../shared/corpus, MANIFEST.csv
 * column chinese_content = yes), read by the real importer, for each bundled pack. These are
 * real third-party files: a government finance form, an HR export, bank, Alipay and broker
 * statements, product import templates, and two small person lists. What maps sensibly, and what
 * we expect, per file and pack (only suggestions confident enough to be applied, >= 0.8):
 * - the person lists map their person columns to 人口基础信息 (姓名, 电话号码, 出生日期) and
 *   nothing else; 年纪 (age) and 分组 are no standard field;
 * - a 币种 column is 法人单位基础信息's 货币种类, and 备注 is the 双公示 备注;
 * - nothing else: a statement's 交易日期 is not 出生日期 nor 成立日期, 商户号 is not 户号, a
 *   yes/no column is not 是否公开, 项目名称 is not 机构名称. Lower suggestions may be shown for
 *   the clerk to confirm; none of them is applied.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../electron/engine/import/open-workbook.ts';
import { readColumnValues } from '../../electron/engine/mapping/read-column-values.ts';
import { confidentSuggestion, suggestMapping } from '../../shared/mapping/suggest-mapping.ts';
import { bundledPacks } from '../../shared/packs/index.ts';

const corpus = resolve(import.meta.dirname, '../../../shared/corpus');

const chineseFiles = Papa.parse<{ file: string; chinese_content: string }>(
  readFileSync(join(corpus, 'MANIFEST.csv'), 'utf8'),
  { header: true, skipEmptyLines: true },
)
  .data.filter((row) => row.chinese_content === 'yes')
  .map((row) => row.file);

/** The applied suggestions (column -> field) expected per file and pack; absent means none. */
const expected: Readonly<Record<string, Readonly<Record<string, Record<string, string>>>>> = {
  'easypoi_BigDataExport20000.xlsx': {
    'pop-base': { 电话号码: 'LXDH', 姓名: 'XM', 出生日期: 'CSRQ' },
    'legal-entity-base': { 电话号码: 'LXDH' },
    'sgs-xzxk': { 备注: 'BZ' },
    'sgs-xzcf': { 备注: 'BZ' },
  },
  'easyexcel_bom_no_bom_utf8.csv': { 'pop-base': { 姓名: 'XM' } },
  'hxsec_records_gbk_tsv_disguised.xls': { 'legal-entity-base': { 币种: 'HBZL' } },
  'easyexcel_t01_导入模板.xls': { 'sgs-xzxk': { 备注: 'BZ' }, 'sgs-xzcf': { 备注: 'BZ' } },
  'alipay_app_records_gbk.csv': { 'sgs-xzxk': { 备注: 'BZ' }, 'sgs-xzcf': { 备注: 'BZ' } },
};

describe('mapping suggestions on the corpus files with Chinese headers', () => {
  it('lists the thirteen files', () => {
    expect(chineseFiles).toHaveLength(13);
  });

  it.each(chineseFiles)('%s: applies exactly the suggestions a clerk would', async (file) => {
    const table = await openTable(join(corpus, file));
    if (!table.ok) throw new Error(`${file}: ${table.error.message.en}`);
    const values = await readColumnValues(table.value.columns, table.value.rows(), {
      sampleRows: 300,
      maxDistinct: 50,
    });
    for (const pack of bundledPacks) {
      const dataset = pack.datasets[0];
      if (dataset === undefined) continue;
      const suggestion = suggestMapping(pack, dataset, values.samples);
      const applied = Object.fromEntries(
        suggestion.columns
          .filter((c) => c.field !== null && c.confidence >= confidentSuggestion)
          .map((c) => [c.column, c.field]),
      );
      expect(applied, `${file} / ${pack.id}`).toEqual(expected[file]?.[pack.id] ?? {});
    }
  });
});
