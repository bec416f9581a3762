import { importPack, listPacks, packsDirectory } from '../engine/packs/pack-store.ts';
import type { Command } from './command.ts';
import { writeJson, writeLine } from './output.ts';
import { parseOptions, stringOption } from './parse-options.ts';

const help = `用法 / usage: steward packs [--format text|json] [--import <pack.json>]

列出内置和已导入的标准包；--import 检查并导入一个标准包文件（保存到 ${packsDirectory()}）。
Lists the bundled and imported standard packs; --import checks a pack file and adds it.`;

/** `steward packs`: the bundled and imported standard packs. */
export const packsCommand: Command = {
  summary: '列出标准包 / list standard packs',
  async run(args) {
    const parsed = parseOptions(args, {
      format: { type: 'string' },
      import: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (!parsed.ok) {
      writeLine(`${parsed.error.message.zh}\n\n${help}`, 'stderr');
      return 2;
    }
    if (parsed.value.values.help === true) {
      writeLine(help);
      return 0;
    }
    const importPath = stringOption(parsed.value, 'import');
    if (importPath !== undefined) {
      const imported = await importPack(importPath);
      if (!imported.ok) {
        writeLine(imported.error.message.zh, 'stderr');
        for (const detail of imported.error.details ?? []) writeLine(`  ${detail}`, 'stderr');
        return 2;
      }
      writeLine(`已导入 / imported: ${imported.value.id} ${imported.value.version}`, 'stderr');
    }
    const { packs, problems } = await listPacks();
    for (const problem of problems)
      writeLine(`跳过无效的标准包 / skipped a bad pack: ${problem}`, 'stderr');
    if (stringOption(parsed.value, 'format') === 'json') {
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
};
