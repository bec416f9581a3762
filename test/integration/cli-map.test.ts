/**
 * `steward map` and templates as a clerk uses them: suggestions on a file whose headers a
 * department renamed, a template saved from one file and applied by itself to the next file of
 * the same layout, and `steward validate` with and without a template.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../../shared/demo/create-demo.ts';
import { createRandom } from '../../shared/demo/random.ts';
import { findBundledPack } from '../../shared/packs/index.ts';
import { createTempDir, runSteward } from '../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

/** How the 户籍 office of the demo names its columns (title -> its header). */
const officeHeaders: Readonly<Record<string, string>> = {
  公民身份号码: '身份证号码',
  姓名: '*姓 名',
  性别: '性别',
  民族: '民族名称',
  出生日期: '出生年月',
  出生地: '出生地代码',
  户籍地址: '户籍所在地',
  现住址: '现居住地址',
  联系电话: '联系方式',
  婚姻状况: '婚姻情况',
  文化程度: '学历',
  与户主关系: '与户主的关系',
  户号: '户编号',
};

/** What each column should feed (the importer drops the required mark `*`). */
const expectedFields: Readonly<Record<string, string>> = {
  身份证号码: 'GMSFHM',
  '姓 名': 'XM',
  性别: 'XB',
  民族名称: 'MZ',
  出生年月: 'CSRQ',
  出生地代码: 'CSD',
  户籍所在地: 'HJDZ',
  现居住地址: 'XZZ',
  联系方式: 'LXDH',
  婚姻情况: 'HYZK',
  学历: 'WHCD',
  与户主的关系: 'YHZGX',
  户编号: 'HH',
};

/**
 * Writes demo population rows under the office's headers, the columns in the given order and
 * the rows shuffled; `recode` rewrites the 性别 cells (a department writing M and F).
 */
async function writeOfficeFile(
  name: string,
  seed: number,
  order: readonly string[],
  recode?: (sex: string) => string,
): Promise<string> {
  const pack = findBundledPack('pop-base');
  if (pack === undefined) throw new Error('pop-base');
  const demo = createDemo(pack, { rows: 400, seed, errorRate: 0.02, today: '2026-11-26' });
  if (!demo.ok) throw new Error(demo.error.message.en);
  const titles = demo.value.header;
  const rows = [...demo.value.rows()];
  const random = createRandom(seed);
  for (let i = rows.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [rows[i], rows[j]] = [rows[j] as string[], rows[i] as string[]];
  }
  const columns = order.map((title) => titles.indexOf(title));
  const sex = titles.indexOf('性别');
  const body = rows.map((row) =>
    columns.map((c) => (c === sex && recode !== undefined ? recode(row[c] ?? '') : (row[c] ?? ''))),
  );
  const path = join(temp.dir, name);
  await writeFile(
    path,
    `\uFEFF${Papa.unparse([order.map((title) => officeHeaders[title] ?? title), ...body])}\r\n`,
  );
  return path;
}

const titles = Object.keys(officeHeaders);

interface MapJson {
  columns: { column: string; field: string | null; confidence: number; reason: string }[];
  unmappedRequired: string[];
  valueMaps: Record<string, Record<string, string | null>>;
}

describe('steward map', () => {
  it('prints the documented JSON: every renamed column mapped, with confidence, reason and value maps', async () => {
    const file = await writeOfficeFile('office-a.csv', 11, titles);
    const run = await runSteward(['map', file, '--pack', 'pop-base', '--format', 'json'], {
      STEWARD_TEMPLATES_DIR: join(temp.dir, 'store-empty'),
    });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as MapJson;
    expect(Object.keys(json)).toEqual(['columns', 'unmappedRequired', 'valueMaps']);
    for (const column of json.columns) {
      expect(Object.keys(column)).toEqual(['column', 'field', 'confidence', 'reason']);
      expect(column.confidence).toBeGreaterThanOrEqual(0.8);
      expect(column.reason).not.toBe('');
    }
    expect(Object.fromEntries(json.columns.map((c) => [c.column, c.field]))).toEqual(
      expectedFields,
    );
    expect(json.unmappedRequired).toEqual([]);
    expect(json.valueMaps.XB).toEqual({ 男: '1', 女: '2' });
    expect(json.valueMaps.MZ?.汉族).toBe('01');
    expect(Object.keys(json.valueMaps).sort()).toEqual(['HYZK', 'MZ', 'WHCD', 'XB', 'YHZGX']);
  });

  it('prints a Chinese text report, lists the required fields left unmapped and exits 1', async () => {
    const csv = join(temp.dir, 'partial.csv');
    await writeFile(csv, '姓名,性别,列C\n张三,男,x\n李四,女,y\n');
    const run = await runSteward(['map', csv, '--pack', 'pop-base'], {
      STEWARD_TEMPLATES_DIR: join(temp.dir, 'store-empty'),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('姓名（XM）');
    expect(run.stdout).toContain('1.00');
    expect(run.stdout).toContain(
      '未对应的必填字段：公民身份号码（GMSFHM）、民族（MZ）、出生日期（CSRQ）',
    );
    expect(run.stdout).toContain('「男」');
  });

  it('exits 2 with a clear message on bad input', async () => {
    const run = await runSteward(['map', 'no-such.csv', '--pack', 'pop-base']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('找不到文件');
    const bad = join(temp.dir, 'bad-template.json');
    await writeFile(bad, '{"version": 1}');
    const csv = join(temp.dir, 'tiny.csv');
    await writeFile(csv, '姓名\n张三\n');
    const refused = await runSteward(['map', csv, '--pack', 'pop-base', '--template', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('模板文件有');
  });
});

describe('templates', () => {
  const store = (): string => join(temp.dir, 'store');
  const department = '牡丹区公安分局';
  let templatePath = '';
  let fileB = '';

  it('saves a template from file A under the department', async () => {
    const fileA = await writeOfficeFile('office-a1.csv', 21, titles);
    templatePath = join(temp.dir, 'office.template.json');
    const run = await runSteward(
      [
        'map',
        fileA,
        '--pack',
        'pop-base',
        '--department',
        department,
        '--save-template',
        templatePath,
        '--name',
        '户籍花名册',
      ],
      { STEWARD_TEMPLATES_DIR: store() },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('已保存模板「户籍花名册」');
    const template = JSON.parse(await readFile(templatePath, 'utf8')) as {
      department: string;
      fingerprint: string;
      mapping: { fields: Record<string, { source: { column: string } }> };
    };
    expect(template.department).toBe(department);
    expect(template.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(
      Object.fromEntries(
        Object.entries(template.mapping.fields).map(([field, m]) => [m.source.column, field]),
      ),
    ).toEqual(expectedFields);
  });

  it('applies it by itself to file B of the same layout (columns moved, other rows), with no questions', async () => {
    const shuffled = [...titles].reverse();
    fileB = await writeOfficeFile('office-b.csv', 22, shuffled);
    const run = await runSteward(['map', fileB, '--pack', 'pop-base', '--format', 'json'], {
      STEWARD_TEMPLATES_DIR: store(),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('已自动套用模板「户籍花名册」');
    expect(run.stderr).toContain(department);
    const json = JSON.parse(run.stdout) as MapJson;
    expect(json.columns.every((c) => c.confidence === 1)).toBe(true);
    expect(Object.fromEntries(json.columns.map((c) => [c.column, c.field]))).toEqual(
      expectedFields,
    );
    expect(json.unmappedRequired).toEqual([]);

    const text = await runSteward(['map', fileB, '--pack', 'pop-base'], {
      STEWARD_TEMPLATES_DIR: store(),
    });
    expect(text.stdout).toContain('按模板「户籍花名册」对应，无需确认');
    expect(text.stdout).not.toContain('待确认');
  });

  it('is listed, exported and imported as JSON', async () => {
    const listed = await runSteward(['templates', '--format', 'json'], {
      STEWARD_TEMPLATES_DIR: store(),
    });
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as {
      name: string;
      department: string;
      fingerprint: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: '户籍花名册', department });
    const exported = join(temp.dir, 'exported.json');
    const run = await runSteward(
      ['templates', '--export', rows[0]?.fingerprint ?? '', '--out', exported],
      { STEWARD_TEMPLATES_DIR: store() },
    );
    expect(run.code).toBe(0);
    const other = join(temp.dir, 'other-store');
    const imported = await runSteward(['templates', '--import', exported], {
      STEWARD_TEMPLATES_DIR: other,
    });
    expect(imported.code).toBe(0);
    const again = await runSteward(['map', fileB, '--pack', 'pop-base', '--format', 'json'], {
      STEWARD_TEMPLATES_DIR: other,
    });
    expect(again.stderr).toContain('已自动套用模板「户籍花名册」');
  });

  it('drives steward validate: by --template, by the store (said so), or by suggestions (said so)', async () => {
    const byTemplate = await runSteward(
      ['validate', fileB, '--pack', 'pop-base', '--template', templatePath, '--format', 'json'],
      { STEWARD_TEMPLATES_DIR: join(temp.dir, 'store-empty') },
    );
    const reportOf = (stdout: string) =>
      JSON.parse(stdout) as {
        rows: number;
        issues: unknown[];
        summary: {
          columns: { matched: { column: string; field: string }[]; missingRequired: string[] };
          mapping: { origin: string; template: string | null };
        };
      };
    const templated = reportOf(byTemplate.stdout);
    expect(templated.rows).toBe(400);
    expect(templated.summary.mapping).toMatchObject({ origin: 'template', template: '户籍花名册' });
    expect(templated.summary.columns.matched).toHaveLength(13);
    expect(templated.summary.columns.missingRequired).toEqual([]);

    const byStore = await runSteward(
      ['validate', fileB, '--pack', 'pop-base', '--format', 'json'],
      {
        STEWARD_TEMPLATES_DIR: store(),
      },
    );
    expect(byStore.stderr).toContain('已自动套用模板「户籍花名册」');
    expect(reportOf(byStore.stdout).summary.mapping.origin).toBe('stored-template');
    expect(reportOf(byStore.stdout).issues).toEqual(templated.issues);

    const bySuggestions = await runSteward(
      ['validate', fileB, '--pack', 'pop-base', '--no-auto-template', '--format', 'json'],
      { STEWARD_TEMPLATES_DIR: store() },
    );
    expect(bySuggestions.stderr).toContain('未提供模板，已自动采用 13 个高置信度的列对应');
    expect(reportOf(bySuggestions.stdout).summary.mapping.origin).toBe('suggested');
    expect(reportOf(bySuggestions.stdout).issues).toEqual(templated.issues);
  });

  it('keeps a department’s value map: M and F become codes by its template, and are reported without it', async () => {
    const recode = (sex: string): string => (sex === '男' ? 'M' : sex === '女' ? 'F' : sex);
    const fileM = await writeOfficeFile('office-m.csv', 31, titles, recode);
    const mTemplate = join(temp.dir, 'office-m.template.json');
    const saved = await runSteward(
      ['map', fileM, '--pack', 'pop-base', '--save-template', mTemplate, '--format', 'json'],
      { STEWARD_TEMPLATES_DIR: join(temp.dir, 'store-m') },
    );
    expect((JSON.parse(saved.stdout) as MapJson).valueMaps.XB).toEqual({ M: '1', F: '2' });
    const template = JSON.parse(await readFile(mTemplate, 'utf8')) as {
      mapping: { valueMaps: Record<string, Record<string, string>> };
    };
    expect(template.mapping.valueMaps.XB).toEqual({ M: '1', F: '2' });

    const count = (stdout: string): number =>
      (JSON.parse(stdout) as { issues: { field: string; rule: string }[] }).issues.filter(
        (i) => i.field === 'XB' && i.rule === 'code-table',
      ).length;
    const withTemplate = await runSteward(
      ['validate', fileM, '--pack', 'pop-base', '--template', mTemplate, '--format', 'json'],
      { STEWARD_TEMPLATES_DIR: join(temp.dir, 'store-empty') },
    );
    expect(count(withTemplate.stdout)).toBe(0);
    const without = await runSteward(
      ['validate', fileM, '--pack', 'pop-base', '--format', 'json'],
      {
        STEWARD_TEMPLATES_DIR: join(temp.dir, 'store-empty'),
      },
    );
    expect(count(without.stdout)).toBeGreaterThan(300);
  });
});
