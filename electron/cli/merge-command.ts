import { todayIso } from '../engine/today.ts';
import { Workspace } from '../engine/workspace/workspace.ts';
import { checkFileExists, formatOption } from './cli-inputs.ts';
import { createCommand, type Command } from './command.ts';
import { writeJson, writeLine } from './output.ts';
import { stringOption } from './parse-options.ts';

const help = `用法 / usage: steward merge <项目.dsw> <改好的问题数据表.xlsx|xls|et|ods> [--who 操作人] [--why 原因]
                  [--today YYYY-MM-DD] [--format text|json]

把部门改好发回的问题数据表（Excel、WPS 或 LibreOffice 保存的 xlsx、xls、et、ods 均可）按记录编号合并回项目：作为一次“合并”操作记入历史（可撤销），改过的记录重新检查。
同一单元格在项目中也改过的列为冲突，不覆盖。记录编号不是导出时的数字、或与项目中的记录对不上的行不合并，列为无法读取的行。
退出码：0 已合并且没有冲突，1 有冲突或无法读取的单元格或行，2 输入有误。
Merges a department's fixed error workbook back into the project by record id, as one operation
in the history. A cell changed on both sides is reported as a conflict, never overwritten.
A row whose record id is not a plain number, or whose key does not match that record, is not
merged and is listed as an unreadable row.
Exit code: 0 merged with no conflict, 1 conflicts or unreadable cells or rows, 2 bad input.`;

/** `steward merge`: the error workbook round trip. */
export const mergeCommand: Command = createCommand({
  summary: '合并改好的问题数据表 / merge a fixed error workbook',
  help,
  options: {
    who: { type: 'string' },
    why: { type: 'string' },
    today: { type: 'string' },
    format: { type: 'string' },
  },
  async run(options, fail, refuse) {
    const [projectPath, workbookPath] = options.positionals;
    const format = formatOption(options);
    const today = stringOption(options, 'today') ?? todayIso();
    if (projectPath === undefined || workbookPath === undefined)
      return fail('需要项目文件和问题数据表 / need the project and the workbook');
    if (!format.ok) return fail(format.error.message.zh);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) return fail(`--today 应为 YYYY-MM-DD：${today}`);
    for (const path of [projectPath, workbookPath]) {
      const exists = await checkFileExists(path);
      if (!exists.ok) return refuse(exists.error);
    }
    const opened = await Workspace.open(projectPath);
    if (!opened.ok) return refuse(opened.error);
    const workspace = opened.value;
    try {
      const who = stringOption(options, 'who');
      const why = stringOption(options, 'why');
      // SheetJS (and its codepages) load for a merge only, not at every start of steward.
      const { mergeErrorWorkbook } = await import('../engine/package/merge-error-workbook.ts');
      const merged = await mergeErrorWorkbook(workspace, workbookPath, {
        ...(who === undefined ? {} : { who }),
        ...(why === undefined ? {} : { why }),
        context: { today },
      });
      if (!merged.ok) return refuse(merged.error);
      const m = merged.value;
      const counts = { errors: 0, warnings: 0 };
      for (const issue of workspace.issuesOf()) {
        if (issue.severity === 'error') counts.errors += 1;
        else counts.warnings += 1;
      }
      if (format.value === 'json') {
        writeJson({ ...m, issues: counts });
      } else {
        writeLine(
          `合并 ${m.records} 条记录：${m.applied} 处修改已合并${m.operationId === undefined ? '' : `（操作 ${m.operationId}，可撤销）`}，${m.alreadyEqual} 处与项目已一致，${m.conflicts.length} 处冲突，${m.unreadable.length} 处无法读取${m.unreadableRows.length > 0 ? `，${m.unreadableRows.length} 行未合并` : ''}`,
        );
        const titles = new Map(workspace.dataset.fields.map((f) => [f.name, f.title]));
        for (const c of m.conflicts) {
          writeLine(
            `  冲突：记录 ${c.rid}「${titles.get(c.field) ?? c.field}」导出时为「${c.base}」，部门改为「${c.theirs}」，项目中已改为「${c.ours}」（保留项目中的值）`,
          );
        }
        for (const u of m.unreadable) {
          writeLine(`  无法读取：记录 ${u.rid}「${titles.get(u.field) ?? u.field}」：${u.reason}`);
        }
        for (const r of m.unreadableRows) writeLine(`  未合并的行：第 ${r.row} 行：${r.reason}`);
        if (m.unknownRecords.length > 0)
          writeLine(`  项目中没有这些记录编号：${m.unknownRecords.slice(0, 20).join('、')}`);
        if (m.duplicateRecords.length > 0)
          writeLine(
            `  重复出现的记录编号（只合并第一行）：${m.duplicateRecords.slice(0, 20).join('、')}`,
          );
        writeLine(`项目现有错误 ${counts.errors} 个，警告 ${counts.warnings} 个。`);
      }
      return m.conflicts.length > 0 || m.unreadable.length > 0 || m.unreadableRows.length > 0
        ? 1
        : 0;
    } finally {
      await workspace.close();
    }
  },
});
