import {
  importTemplate,
  listStoredTemplates,
  noDepartment,
  templatesDirectory,
  writeTemplateFile,
} from '../engine/mapping/template-store.ts';
import { formatOption } from './cli-inputs.ts';
import { createCommand, type Command } from './command.ts';
import { padDisplay, writeJson, writeLine } from './output.ts';
import { stringOption } from './parse-options.ts';

const help = `用法 / usage: steward templates [--format text|json]
       steward templates --import 模板.json
       steward templates --export <版式指纹|模板名称> --out 模板.json

列出模板库中的映射模板（按部门和版式保存；同样版式的文件导入时自动套用），导入或导出模板文件。
模板库：$STEWARD_TEMPLATES_DIR，默认 ~/.data-steward/templates。
Lists the mapping templates in the store (by department and layout), imports or exports one.`;

/** `steward templates`: the department template store, listed, imported and exported. */
export const templatesCommand: Command = createCommand({
  summary: '列出、导入、导出映射模板 / list, import and export mapping templates',
  help,
  options: {
    format: { type: 'string' },
    import: { type: 'string' },
    export: { type: 'string' },
    out: { type: 'string' },
  },
  async run(options, fail, refuse) {
    const format = formatOption(options);
    if (!format.ok) return fail(format.error.message.zh);
    const importPath = stringOption(options, 'import');
    if (importPath !== undefined) {
      const imported = await importTemplate(importPath);
      if (!imported.ok) return refuse(imported.error);
      writeLine(`已导入模板「${imported.value.template.name}」：${imported.value.path}`, 'stderr');
      return 0;
    }
    const { templates, problems } = await listStoredTemplates();
    for (const problem of problems) writeLine(`无法读取模板：${problem}`, 'stderr');
    const wanted = stringOption(options, 'export');
    if (wanted !== undefined) {
      const out = stringOption(options, 'out');
      if (out === undefined) return fail('缺少 --out / missing --out');
      const found = templates.find(
        ({ template }) => template.fingerprint === wanted || template.name === wanted,
      );
      if (found === undefined) {
        return refuse({
          code: 'template-not-found',
          message: {
            zh: `模板库中没有「${wanted}」（按版式指纹或名称查找）`,
            en: `No stored template "${wanted}" (by layout fingerprint or name)`,
          },
        });
      }
      await writeTemplateFile(out, found.template);
      writeLine(`已导出模板「${found.template.name}」到 ${out}`, 'stderr');
      return 0;
    }
    const rows = templates.map(({ template, path }) => ({
      name: template.name,
      department: template.department,
      pack: template.mapping.pack,
      dataset: template.mapping.dataset,
      fingerprint: template.fingerprint,
      fields: Object.keys(template.mapping.fields).length,
      createdAt: template.createdAt,
      path,
    }));
    if (format.value === 'json') {
      writeJson(rows);
      return 0;
    }
    writeLine(`模板库：${templatesDirectory()}（${rows.length} 个模板）`);
    for (const row of rows) {
      writeLine(
        `  ${padDisplay(row.department === '' ? noDepartment : row.department, 20)}${padDisplay(row.name, 36)}${row.pack.id}/${row.dataset}  指纹 ${row.fingerprint}  ${row.fields} 个字段  ${row.createdAt}`,
      );
    }
    return 0;
  },
});
