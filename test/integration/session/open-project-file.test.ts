/**
 * Opening a project file where it is (a .dsw double-clicked in the file manager, or chosen in
 * 文件 › 打开项目): the engine opens that file, not a copy, and refuses a file that is not a
 * project with a message the clerk can act on.
 */
import { copyFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPathsIn } from '../../../electron/main/project-paths.ts';
import { createFileTestSession } from '../../helpers/engine-session.ts';

const engine = createFileTestSession({ mode: 'electron' });
const { answer: call } = engine;

describe('project:open-file', () => {
  it('opens a project file outside the data folder in place, with its records', async () => {
    const training = await call('project:training', { rows: 300 });
    expect(training.ok).toBe(true);
    await call('project:close', {});
    const elsewhere = join(engine.dir, '牡丹区户籍人口 2026Q4.dsw');
    const names = (await readdir(join(engine.dir, 'data/training'))).filter((n) =>
      n.endsWith('.dsw'),
    );
    await copyFile(join(engine.dir, 'data/training', names[0] ?? ''), elsewhere);

    const file = await engine.session.registerFile(elsewhere, '牡丹区户籍人口 2026Q4.dsw');
    if (!file.ok) throw new Error(file.error.message.en);
    const opened = await call('project:open-file', { fileId: file.value.fileId });
    if (!opened.ok) throw new Error(opened.error.message.en);
    expect(opened.value.name).toBe('牡丹区户籍人口 2026Q4');
    expect(opened.value.records).toBe(300);
    expect(engine.session.project?.workspace.path).toBe(elsewhere);
  });

  it('refuses a file that is not a project, and says so', async () => {
    const csv = join(engine.dir, '名单.csv');
    await writeFile(csv, '姓名\n张三\n');
    const file = await engine.session.registerFile(csv, '名单.csv');
    if (!file.ok) throw new Error(file.error.message.en);
    const opened = await call('project:open-file', { fileId: file.value.fileId });
    expect(opened.ok).toBe(false);
    if (!opened.ok)
      expect(opened.error.message.zh).toBe('「名单.csv」不是数据归集项目文件（.dsw）');
  });

  it('finds the project files among a start’s arguments', () => {
    expect(
      projectPathsIn(['--allow-file-access', 'C:\\数据\\户籍.DSW', 'D:\\x.xlsx', 'e.dsw']),
    ).toEqual(['C:\\数据\\户籍.DSW', 'e.dsw']);
  });
});
