import { diskFullError, isDiskFull } from '../engine/disk-full.ts';
import { isWriteRefused, writeRefusedError } from '../engine/write-refused.ts';
import { exportRecords } from '../engine/package/export-records.ts';
import { Workspace } from '../engine/workspace/workspace.ts';
import { checkFileExists } from './cli-inputs.ts';
import { createCommand, type Command } from './command.ts';
import { writeLine } from './output.ts';
import { stringOption } from './parse-options.ts';

const help = `用法 / usage: steward export <项目.dsw> --format xlsx|csv --out <文件> [--codes names|codes]

导出项目的全部记录（清洗后的数据），表头是标准的中文字段名称：
  --format xlsx   Excel 工作簿；身份证号码、信用代码、电话和代码列都是文本格式，Excel 不会改成科学计数法
  --format csv    UTF-8（带 BOM）的 CSV，Excel 可以直接打开
  --codes names   （默认）代码字段后加一列名称，如「性别」后的「性别（名称）」
  --codes codes   只写代码
退出码：0 已写出，2 输入有误。
Writes every record of the project as xlsx or CSV (UTF-8 with BOM), with the fields' Chinese
titles as header; --codes names (default) adds a name column after each code field.
Exit code: 0 written, 2 bad input.`;

/** Error codes of a file that cannot be written where the clerk asked. */
const unwritable = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS']);

/** `steward export`: the project's records as xlsx or CSV, to hand on. */
export const exportCommand: Command = createCommand({
  summary: '导出数据（xlsx 或 CSV）/ export the data',
  help,
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    codes: { type: 'string' },
  },
  async run(options, fail, refuse) {
    const [projectPath] = options.positionals;
    const out = stringOption(options, 'out');
    const format = stringOption(options, 'format');
    const codes = stringOption(options, 'codes') ?? 'names';
    if (projectPath === undefined) return fail('缺少项目文件 / missing the project');
    if (out === undefined) return fail('缺少 --out / missing --out');
    if (format !== 'xlsx' && format !== 'csv')
      return fail(`--format 只能是 xlsx 或 csv：${format ?? '（未填写）'}`);
    if (codes !== 'names' && codes !== 'codes')
      return fail(`--codes 只能是 names 或 codes：${codes}`);
    const exists = await checkFileExists(projectPath);
    if (!exists.ok) return refuse(exists.error);
    const opened = await Workspace.open(projectPath);
    if (!opened.ok) return refuse(opened.error);
    const workspace = opened.value;
    try {
      const exported = await exportRecords(workspace, {
        out,
        format,
        codes,
        created: new Date(),
      });
      if (!exported.ok) return refuse(exported.error);
      writeLine(`已导出 ${exported.value.records} 条记录到 ${out}`, 'stderr');
      return 0;
    } catch (error) {
      const full = isDiskFull(error) ? diskFullError(error) : undefined;
      if (full !== undefined && !full.ok) return refuse(full.error);
      const refused = isWriteRefused(error) ? writeRefusedError(error) : undefined;
      if (refused !== undefined && !refused.ok) return refuse(refused.error);
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !unwritable.has(code)) throw error;
      return refuse({
        code: 'cannot-write',
        message: {
          zh: `无法写入 ${out}：文件夹不存在、没有写入权限或文件被占用；请换一个位置，或关闭打开它的程序后再试`,
          en: `Cannot write ${out}: the folder does not exist, is not writable, or the file is in use`,
        },
        details: [error instanceof Error ? error.message : String(error)],
      });
    } finally {
      await workspace.close();
    }
  },
});
