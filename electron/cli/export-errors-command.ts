import { writeFile } from 'node:fs/promises';
import { exportErrorWorkbook } from '../engine/package/export-error-workbook.ts';
import { Workspace } from '../engine/workspace/workspace.ts';
import { checkFileExists } from './cli-inputs.ts';
import { createCommand, type Command } from './command.ts';
import { writeLine } from './output.ts';
import { parseCreated } from './package-command.ts';
import { stringOption } from './parse-options.ts';

const help = `用法 / usage: steward export-errors <项目.dsw> --out <问题数据表.xlsx> [--created <ISO 时间>]

导出项目的问题数据表：有问题的记录（问题单元格标色并附说明）、问题清单和填写说明，发给部门改正；
改好后用 steward merge 合并回项目。退出码：0 已写出，2 输入有误。
Writes the project's error workbook for the department to fix; merge it back with steward merge.
Exit code: 0 written, 2 bad input.`;

/** `steward export-errors`: the project's error workbook, for the round trip. */
export const exportErrorsCommand: Command = createCommand({
  summary: '导出问题数据表 / export the error workbook',
  help,
  options: {
    out: { type: 'string' },
    created: { type: 'string' },
  },
  async run(options, fail, refuse) {
    const [projectPath] = options.positionals;
    const out = stringOption(options, 'out');
    if (projectPath === undefined) return fail('缺少项目文件 / missing the project');
    if (out === undefined) return fail('缺少 --out / missing --out');
    const createdText = stringOption(options, 'created');
    const created = createdText === undefined ? undefined : parseCreated(createdText);
    if (created !== undefined && !created.ok) return fail(created.error.message.zh);
    const exists = await checkFileExists(projectPath);
    if (!exists.ok) return refuse(exists.error);
    const opened = await Workspace.open(projectPath);
    if (!opened.ok) return refuse(opened.error);
    const workspace = opened.value;
    try {
      const exported = await exportErrorWorkbook(workspace, {
        created: created?.value ?? new Date(),
      });
      if (!exported.ok) return refuse(exported.error);
      const { bytes, records } = exported.value;
      await writeFile(out, bytes);
      writeLine(
        `已导出 ${records} 条有问题的记录到 ${out}；部门改好后用 steward merge 合并回项目。`,
        'stderr',
      );
      return 0;
    } finally {
      await workspace.close();
    }
  },
});
