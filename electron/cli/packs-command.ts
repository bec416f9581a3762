import { findPack, importPack, listPacks, packsDirectory } from '../engine/packs/pack-store.ts';
import { writePackTemplate } from '../engine/packs/write-pack-template.ts';
import { formatOption } from './cli-inputs.ts';
import { createCommand, type Command, type Refuse } from './command.ts';
import { writeJson, writeLine } from './output.ts';
import { stringOption, type ParsedArgs } from './parse-options.ts';
import type { Pack } from '../../shared/pack/pack-schema.ts';

const help = `用法 / usage: steward packs [--format text|json] [--import <pack.json|pack.xlsx>]
       steward packs --template <out.xlsx> [--from <pack id|pack.json> [--dataset <name>]]

列出内置和已导入的标准包。
  --import    检查并导入一个标准包：JSON 文件，或填写好的 Excel 模板（xlsx、xls、ods、et）；
              保存为 <标识>@<版本>.json（${packsDirectory()}），各版本并存；
              已有的版本只在内容完全相同时才接受。
  --template  写出标准包 Excel 模板（标准包、字段、代码三张表，各有一行示例）；
              加 --from 则填入该标准包的字段，便于修改后作为新版本导入。
Lists the bundled and imported standard packs. --import checks a pack (JSON, or a filled-in
Excel template) and stores it as <id>@<version>.json beside other versions; an existing
version is accepted again only if identical. --template writes the Excel template (with
--from: filled with that pack's fields).`;

/** `steward packs`: the bundled and imported standard packs. */
export const packsCommand: Command = createCommand({
  summary: '列出标准包 / list standard packs',
  help,
  options: {
    format: { type: 'string' },
    import: { type: 'string' },
    template: { type: 'string' },
    from: { type: 'string' },
    dataset: { type: 'string' },
  },
  async run(options, fail, refuse) {
    const format = formatOption(options);
    if (!format.ok) return fail(format.error.message.zh);
    const templatePath = stringOption(options, 'template');
    if (templatePath !== undefined) return writeTemplate(templatePath, options, refuse);
    const importPath = stringOption(options, 'import');
    if (importPath !== undefined) {
      const imported = await importPack(importPath);
      if (!imported.ok) return refuse(imported.error);
      const { pack, file, isNew } = imported.value;
      writeLine(
        isNew
          ? `已导入 / imported: ${pack.id} ${pack.version} → ${file}`
          : `已有相同的版本，未改动 / already imported, unchanged: ${pack.id} ${pack.version}`,
        'stderr',
      );
    }
    const { packs, problems } = await listPacks();
    for (const problem of problems)
      writeLine(`跳过无效的标准包 / skipped a bad pack: ${problem}`, 'stderr');
    if (format.value === 'json') {
      writeJson(
        packs.map(({ pack }) => ({
          id: pack.id,
          title: pack.title,
          version: pack.version,
          datasets: pack.datasets.map((d) => ({ name: d.name, title: d.title })),
        })),
      );
      return 0;
    }
    for (const { pack, origin } of packs) {
      const datasets = pack.datasets
        .map((d) => `${d.name}（${d.title}，${d.fields.length} 个字段）`)
        .join('；');
      writeLine(
        `${pack.id}  ${pack.title}  v${pack.version}  ${origin === 'bundled' ? '内置' : '已导入'}  ${datasets}`,
      );
    }
    return 0;
  },
});

async function writeTemplate(path: string, parsed: ParsedArgs, refuse: Refuse): Promise<number> {
  const fromId = stringOption(parsed, 'from');
  let from: { pack: Pack; datasetName?: string } | undefined;
  if (fromId !== undefined) {
    const pack = await findPack(fromId);
    if (!pack.ok) return refuse(pack.error);
    const datasetName = stringOption(parsed, 'dataset');
    from = { pack: pack.value, ...(datasetName !== undefined && { datasetName }) };
  }
  const written = await writePackTemplate(path, from);
  if (!written.ok) return refuse(written.error);
  writeLine(`已写出标准包模板 / wrote the pack template: ${path}`, 'stderr');
  if (written.value.omitted.length > 0) {
    writeLine(
      `模板无法表达、未写入的内容（导入后的新版本不含这些，需要时请用 JSON）/ left out of the template:`,
      'stderr',
    );
    for (const line of written.value.omitted) writeLine(`  ${line}`, 'stderr');
  }
  return 0;
}
