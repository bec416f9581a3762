import { verifyPackage } from '../engine/package/verify-package.ts';
import { checkFileExists, formatOption } from './cli-inputs.ts';
import { createCommand, type Command } from './command.ts';
import { writeJson, writeLine } from './output.ts';
import { stringOption } from './parse-options.ts';

const help = `用法 / usage: steward verify <数据包.zip> [--pack 标准包.json] [--format text|json]

复核报送数据包：封条、每个文件的 SHA-256 与 SM3、清单、表结构，并按标准包的全部规则重新检查数据，
逐项列出不符之处。标准包默认取内置或已导入的同版本标准包，--pack 可指定文件。
退出码：0 全部相符，1 有不符之处，2 输入有误或数据包无法读取。
Re-checks a package: the seal, every file's SHA-256 and SM3, the manifest, the schema, and the
data against every rule of the pack; lists every mismatch. Exit code: 0 all holds, 1 mismatches,
2 bad input or a package that cannot be read.`;

/** `steward verify`: re-check a submission package. */
export const verifyCommand: Command = createCommand({
  summary: '复核报送数据包 / verify a submission package',
  help,
  options: {
    pack: { type: 'string' },
    format: { type: 'string' },
  },
  async run(options, fail, refuse) {
    const [path] = options.positionals;
    const format = formatOption(options);
    const packPath = stringOption(options, 'pack');
    if (path === undefined) return fail('缺少数据包 / missing the package');
    if (!format.ok) return fail(format.error.message.zh);
    const exists = await checkFileExists(path);
    if (!exists.ok) return refuse(exists.error);
    const report = await verifyPackage(path, packPath === undefined ? {} : { packPath });
    if (format.value === 'json') {
      writeJson({
        ok: report.ok,
        readable: report.readable,
        checked: report.checked,
        problems: report.problems.map((p) => ({
          code: p.code,
          ...(p.file === undefined ? {} : { file: p.file }),
          message: p.message.zh,
        })),
        ...(report.submission === undefined
          ? {}
          : {
              submission: {
                standard: report.submission.standard,
                dataset: report.submission.dataset.name,
                kind: report.submission.kind,
                created: report.submission.created,
                rows: report.submission.rows,
              },
            }),
      });
    } else if (!report.readable) {
      for (const p of report.problems) writeLine(p.message.zh, 'stderr');
    } else {
      const s = report.submission;
      if (s !== undefined) {
        writeLine(
          `数据包：${s.dataset.title}（${s.kind}），${s.department}，${s.period}，生成于 ${s.created}`,
        );
      }
      writeLine(
        `已复核 ${report.checked.files} 个文件、${report.checked.rows} 条记录（发现问题 ${report.checked.issues} 个，均对照报告核对）`,
      );
      if (report.ok) {
        writeLine('全部相符：校验值、清单、表结构和规则复核均通过。');
      } else {
        writeLine(`发现 ${report.problems.length} 处不符：`);
        for (const p of report.problems) writeLine(`  [${p.code}] ${p.message.zh}`);
      }
    }
    if (!report.readable) return 2;
    return report.ok ? 0 : 1;
  },
});
