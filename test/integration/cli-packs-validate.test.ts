/** The `steward packs` and `steward validate` verbs as scripts use them: output shapes and exit codes. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir, repoRoot, runSteward } from '../helpers/run-steward.ts';

const gbkFixture = join(repoRoot, 'test/fixtures/population-gbk.csv');
let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

describe('steward packs', () => {
  it('lists the four bundled packs in the documented JSON shape', async () => {
    const run = await runSteward(['packs', '--format', 'json'], { STEWARD_PACKS_DIR: temp.dir });
    expect(run.code).toBe(0);
    const packs = JSON.parse(run.stdout) as unknown[];
    expect(packs.map((p) => (p as { id: string }).id)).toEqual([
      'pop-base',
      'legal-entity-base',
      'sgs-xzxk',
      'sgs-xzcf',
    ]);
    expect(packs[0]).toEqual({
      id: 'pop-base',
      title: '人口基础信息',
      version: '1.0.0',
      datasets: [{ name: 'population', title: '人口基础信息' }],
    });
  });

  it('imports a pack file and lists it beside the bundled ones; refuses a bad one with its paths', async () => {
    const packsDir = join(temp.dir, 'packs');
    const good = JSON.parse(
      await readFile(join(repoRoot, 'shared/packs/pop-base.json'), 'utf8'),
    ) as Record<string, unknown>;
    const goodPath = join(temp.dir, 'county-pop.json');
    await writeFile(goodPath, JSON.stringify({ ...good, id: 'county-pop', version: '2.0.0' }));
    const imported = await runSteward(['packs', '--import', goodPath, '--format', 'json'], {
      STEWARD_PACKS_DIR: packsDir,
    });
    expect(imported.code).toBe(0);
    expect((JSON.parse(imported.stdout) as { id: string }[]).map((p) => p.id)).toContain(
      'county-pop',
    );

    const badPath = join(temp.dir, 'bad.json');
    await writeFile(badPath, JSON.stringify({ ...good, id: 'Bad Id', datasets: [] }));
    const refused = await runSteward(['packs', '--import', badPath], {
      STEWARD_PACKS_DIR: packsDir,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('标准包文件有');
    expect(refused.stderr).toMatch(/^ {2}id: /m);
    expect(refused.stderr).toMatch(/^ {2}datasets: /m);
  });
  it('writes the Excel template from a pack, and imports the edited template as a new version', async () => {
    const packsDir = join(temp.dir, 'packs-from-template');
    const template = join(temp.dir, 'pop-base-template.xlsx');
    const written = await runSteward(['packs', '--template', template, '--from', 'pop-base'], {
      STEWARD_PACKS_DIR: packsDir,
    });
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('rules: POP-R2-sex');

    const sameVersion = await runSteward(['packs', '--import', template], {
      STEWARD_PACKS_DIR: packsDir,
    });
    expect(sameVersion.code).toBe(2);
    expect(sameVersion.stderr).toContain('标准包「pop-base」的 1.0.0 版已内置，内容与本次不同');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(template);
    const versionRow = workbook.getWorksheet('标准包')?.getRow(4);
    if (versionRow === undefined) throw new Error('the template has a 标准包 sheet');
    expect(versionRow.getCell(1).value).toBe('*版本');
    versionRow.getCell(2).value = '1.1.0';
    const edited = join(temp.dir, 'pop-base-1.1.xlsx');
    await workbook.xlsx.writeFile(edited);
    const imported = await runSteward(['packs', '--import', edited, '--format', 'json'], {
      STEWARD_PACKS_DIR: packsDir,
    });
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('已导入 / imported: pop-base 1.1.0 → pop-base@1.1.0.json');
    const listed = JSON.parse(imported.stdout) as { id: string; version: string }[];
    expect(listed.filter((p) => p.id === 'pop-base').map((p) => p.version)).toEqual([
      '1.0.0',
      '1.1.0',
    ]);
  });
});

describe('steward validate', () => {
  it('reads a GBK file, reports issues in the documented JSON shape, and exits 1 on errors', async () => {
    const run = await runSteward([
      'validate',
      gbkFixture,
      '--pack',
      'pop-base',
      '--format',
      'json',
      '--today',
      '2026-11-26',
    ]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      rows: number;
      issues: Record<string, unknown>[];
      summary: Record<string, unknown>;
    };
    expect(report.rows).toBe(4);
    expect(report.summary).toMatchObject({
      encoding: 'gb18030',
      errors: 1,
      warnings: 1,
      headerRow: 1,
    });
    expect(report.issues).toEqual([
      {
        row: 2,
        sourceRow: 3,
        column: '性别',
        field: 'XB',
        rule: 'POP-R2-sex',
        severity: 'warning',
        value: '女',
        message: '「性别」与身份证号码不一致（号码第17位表示男）',
      },
      {
        row: 3,
        sourceRow: 4,
        column: '公民身份号码',
        field: 'GMSFHM',
        rule: 'resident-id',
        severity: 'error',
        value: '371702199003071232',
        message: expect.stringContaining('校验码错误') as unknown as string,
      },
    ]);
  });

  it('exits 0 when only warnings remain, and the text report says what it read', async () => {
    const csv = join(temp.dir, 'warnings-only.csv');
    await writeFile(
      csv,
      '\uFEFF身份证号,姓名,性别,民族,出生日期\n372901198503101354, 李娜,男,汉族,1985-03-10\n',
    );
    const run = await runSteward(['validate', csv, '--pack', 'pop-base', '--today', '2026-11-26']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('编码 utf-8');
    expect(run.stdout).toContain('记录 1 条；错误 0 个，警告 1 个');
    expect(run.stdout).toContain('建议改为：李娜');
  });

  it('caps the text listing and says how many more there are', async () => {
    const csv = join(temp.dir, 'many.csv');
    const rows = Array.from(
      { length: 30 },
      (_, i) => `3717021990030712${String(i).padStart(2, '0')},张${i},男,汉族,1990-03-07`,
    );
    await writeFile(csv, `公民身份号码,姓名,性别,民族,出生日期\n${rows.join('\n')}\n`);
    const run = await runSteward([
      'validate',
      csv,
      '--pack',
      'pop-base',
      '--limit',
      '5',
      '--today',
      '2026-11-26',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('前 5 个问题');
    expect(run.stdout).toMatch(/另有 \d+ 个问题未列出/);
  });

  it('gives 文化程度 names the value map knows (初中 -> 71) their code as the suggestion, one fix in the summary', async () => {
    const csv = join(temp.dir, 'education.csv');
    const people = [
      ['372901198503101354', '李娜', '女', '汉族', '1985-03-10', '初中'],
      ['372901198503101354', '王强', '男', '汉族', '1985-03-10', '小学'],
      ['372901198503101354', '赵敏', '女', '汉族', '1985-03-10', '大学本科'],
      ['372901198503101354', '孙立', '男', '汉族', '1985-03-10', '初中'],
      ['372901198503101354', '周平', '男', '汉族', '1985-03-10', '识字不多'],
    ];
    await writeFile(
      csv,
      `公民身份号码,姓名,性别,民族,出生日期,文化程度\n${people.map((p) => p.join(',')).join('\n')}\n`,
    );
    const args = ['validate', csv, '--pack', 'pop-base', '--today', '2026-11-26'];
    const run = await runSteward([...args, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      issues: { field: string; value: string; rule: string; suggestion?: string }[];
      summary: { fixes: { rule: string; field: string; count: number; values: unknown[] }[] };
    };
    const education = report.issues.filter((issue) => issue.field === 'WHCD');
    expect(education.map((issue) => [issue.value, issue.rule, issue.suggestion])).toEqual([
      ['初中', 'code-table', '71'],
      ['小学', 'code-table', '81'],
      ['大学本科', 'code-table', '21'],
      ['初中', 'code-table', '71'],
      ['识字不多', 'code-table', undefined],
    ]);
    expect(report.summary.fixes.filter((fix) => fix.field === 'WHCD')).toEqual([
      {
        rule: 'code-table',
        field: 'WHCD',
        count: 4,
        values: [
          { value: '初中', suggestion: '71', count: 2 },
          { value: '小学', suggestion: '81', count: 1 },
          { value: '大学本科', suggestion: '21', count: 1 },
        ],
      },
    ]);
    const text = await runSteward(args);
    expect(text.stdout).toContain('可一键采用建议值修正');
    expect(text.stdout).toContain('文化程度（WHCD）');
    expect(text.stdout).toContain('：4 处，「初中」→ 71（2 处）');
  });

  it('lists missing required columns and fails', async () => {
    const csv = join(temp.dir, 'no-id.csv');
    await writeFile(csv, '姓名,性别\n张三,男\n');
    const run = await runSteward(['validate', csv, '--pack', 'pop-base', '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      issues: { field: string; rule: string; severity: string; message: string }[];
      summary: {
        errors: number;
        rowsWithErrors: number;
        byRule: Record<string, { errors: number }>;
        columns: { missingRequired: string[] };
      };
    };
    expect(report.summary.columns.missingRequired).toEqual(['GMSFHM', 'MZ', 'CSRQ']);
    // Missing required fields are errors of the one record, counted in the summary.
    expect(report.summary).toMatchObject({ errors: 3, rowsWithErrors: 1 });
    expect(report.summary.byRule.required?.errors).toBe(3);
    expect(report.issues.map((issue) => [issue.field, issue.rule, issue.severity])).toEqual([
      ['GMSFHM', 'required', 'error'],
      ['MZ', 'required', 'error'],
      ['CSRQ', 'required', 'error'],
    ]);
    expect(report.issues[0]?.message).toContain('没有列对应到它');
    const text = await runSteward(['validate', csv, '--pack', 'pop-base']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('记录 1 条；错误 3 个');
    expect(text.stdout).not.toContain('没有发现问题');
  });

  it.each([
    [['validate'], '缺少要检查的文件'],
    [['validate', gbkFixture], '缺少 --pack'],
    [['validate', 'no-such-file.csv', '--pack', 'pop-base'], '找不到文件'],
    [['validate', gbkFixture, '--pack', 'no-such-pack'], '找不到标准包'],
    [['validate', gbkFixture, '--pack', 'pop-base', '--dataset', 'nope'], '没有数据集'],
    [['validate', gbkFixture, '--pack', 'pop-base', '--format', 'xml'], '--format'],
    [['validate', gbkFixture, '--pack', 'pop-base', '--bogus'], '参数有误'],
    [['frobnicate'], '未知命令'],
  ])('exits 2 with a clear message on bad input: %j', async (args, message) => {
    const run = await runSteward(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
