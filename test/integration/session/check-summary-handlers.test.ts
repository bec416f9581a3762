/**
 * What the check step, the quality chart and the pre-package check read (`quality:summary`), on
 * the real engine handlers: a bank statement imported into the population project, with no
 * required field mapped, shows its missing required fields as errors at once (issue #12 item 9);
 * 文化程度 written as names the value map knows (初中, 小学, 大学本科) are code-table errors that
 * carry the code as their suggestion, one rule the clerk fixes in one click (item 8).
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileTestSession } from '../../helpers/engine-session.ts';

const bankStatement = resolve(
  import.meta.dirname,
  '../../fixtures/real-shapes/bank-statement-footers.csv',
);

const engine = createFileTestSession({ templates: 'temp' });
const { call, runJob } = engine;

/** Creates a population project and imports one file into it with the suggested mapping. */
async function importIntoNewProject(path: string, name: string): Promise<void> {
  await call('project:create', {
    packId: 'pop-base',
    dataset: 'population',
    department: '牡丹区公安分局',
    period: '2026年第4季度',
  });
  const registered = await engine.session.registerFile(path, name);
  if (!registered.ok) throw new Error(registered.error.message.en);
  const ended = await runJob(() =>
    call('project:import', { sources: [{ fileId: registered.value.fileId }] }),
  );
  expect(ended.ok, ended.message.zh).toBe(true);
}

describe('the check summary on the engine handlers', () => {
  it('counts every required field no column feeds as an error in every record', async () => {
    await importIntoNewProject(bankStatement, '借记卡交易明细.csv');
    const project = engine.session.project;
    if (project === undefined) throw new Error('no project');
    const { workspace } = project;
    const records = workspace.countRecords();
    expect(records).toBe(4);
    const required = workspace.dataset.fields
      .filter((field) => field.constraints?.required === true)
      .map((field) => field.name);
    expect(required.length).toBeGreaterThanOrEqual(5);

    const summary = await call('quality:summary', {});
    const rule = summary.rules.find((r) => r.rule === 'required');
    expect(rule?.errors).toBe(records * required.length);
    expect(rule?.fields.map((f) => f.field).sort()).toEqual([...required].sort());
    for (const name of required) {
      expect(summary.fields.find((f) => f.name === name)?.errors).toBe(records);
    }
    const [issue] = workspace.issuesOf().filter((i) => i.rule === 'required');
    expect(issue?.message.zh).toContain('没有列对应到它');
  });

  it('gives 文化程度 names their code as a suggestion, and one click fixes them all', async () => {
    const csv = join(engine.dir, '人口登记.csv');
    const rows = [
      ['371702199003071231', '张三', '男', '汉族', '1990-03-07', '初中'],
      ['371702198512120026', '李四', '女', '汉族', '1985-12-12', '小学'],
      ['371702197705050044', '赵六', '女', '汉族', '1977-05-05', '大学本科'],
      ['371702196602020015', '钱七', '男', '汉族', '1966-02-02', '初中'],
    ];
    await writeFile(
      csv,
      `公民身份号码,姓名,性别,民族,出生日期,文化程度\n${rows.map((r) => r.join(',')).join('\n')}\n`,
    );
    await importIntoNewProject(csv, '人口登记.csv');
    const before = await call('quality:summary', {});
    const codeTable = before.rules.find((r) => r.rule === 'code-table');
    expect(codeTable).toMatchObject({ errors: 4, suggestions: 4 });
    expect(codeTable?.fields).toEqual([{ field: 'WHCD', errors: 4, warnings: 0 }]);

    await call('edit:apply-suggestions', { rule: 'code-table' });
    const after = await call('quality:summary', {});
    expect(after.rules.find((r) => r.rule === 'code-table')).toBeUndefined();
    const project = engine.session.project;
    if (project === undefined) throw new Error('no project');
    const whcd = project.workspace.dataset.fields.findIndex((f) => f.name === 'WHCD');
    const values = project.workspace.pageRecords(0, 10).map((r) => r.values[whcd]);
    expect(values).toEqual(['71', '81', '21', '71']);
  });
});
