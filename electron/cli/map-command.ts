import { createTemplate } from '../../shared/mapping/parse-template.ts';
import type { MappingSuggestion } from '../../shared/mapping/suggest-mapping.ts';
import { confidentSuggestion } from '../../shared/mapping/suggest-mapping.ts';
import { suggestTableValueMaps } from '../../shared/mapping/suggest-table-value-maps.ts';
import type { ValueMapSuggestion } from '../../shared/mapping/suggest-value-map.ts';
import type { Dataset, Pack } from '../../shared/pack/pack-schema.ts';
import type { MappingChoice } from '../engine/mapping/choose-mapping.ts';
import { openMappedTable } from '../engine/mapping/open-mapped-table.ts';
import { toValueCounts } from '../engine/mapping/read-column-values.ts';
import {
  noDepartment,
  saveStoredTemplate,
  writeTemplateFile,
} from '../engine/mapping/template-store.ts';
import { checkFileExists, encodingOption, findPackDataset, formatOption } from './cli-inputs.ts';
import { createCommand, type Command } from './command.ts';
import { describeMappingChoice } from './describe-mapping-choice.ts';
import { describeTableSource, padDisplay, writeJson, writeLine } from './output.ts';
import { stringOption } from './parse-options.ts';

const help = `用法 / usage: steward map <文件> --pack <标准包id|路径> [--dataset 名称] [--format text|json]
                  [--template 模板.json] [--save-template 模板.json] [--name 模板名称]
                  [--department 提供部门] [--no-auto-template] [--encoding utf-8|gb18030]

为每一列建议对应的标准字段（附置信度和理由），列出未对应的必填字段和代码字段的取值对照。
同一部门、同样版式的文件再次导入时，自动套用已保存的模板。
Suggests a standard field for each column (with confidence and reason), lists the required fields
left unmapped and the value maps of code fields. A saved template of the same layout applies by
itself. Exit code: 0 every required field found, 1 some are missing, 2 bad input.`;

/** Most values listed per code field in the text output. */
const valuesShown = 12;

/** `steward map`: column suggestions, value maps and templates for a file. */
export const mapCommand: Command = createCommand({
  summary: '建议列与标准字段的对应 / suggest the mapping of a file to a standard',
  help,
  options: {
    pack: { type: 'string' },
    dataset: { type: 'string' },
    format: { type: 'string' },
    template: { type: 'string' },
    'save-template': { type: 'string' },
    name: { type: 'string' },
    department: { type: 'string' },
    'no-auto-template': { type: 'boolean' },
    encoding: { type: 'string' },
  },
  async run(options, fail, refuse) {
    const [file] = options.positionals;
    const packRef = stringOption(options, 'pack');
    const format = formatOption(options);
    const encoding = encodingOption(options);
    const templatePath = stringOption(options, 'template');
    const savePath = stringOption(options, 'save-template');
    const department = stringOption(options, 'department');
    if (file === undefined) return fail('缺少要对应的文件 / missing the file to map');
    if (packRef === undefined) return fail('缺少 --pack / missing --pack');
    if (!format.ok) return fail(format.error.message.zh);
    if (!encoding.ok) return fail(encoding.error.message.zh);
    const exists = await checkFileExists(file);
    if (!exists.ok) return refuse(exists.error);
    const found = await findPackDataset(packRef, stringOption(options, 'dataset'));
    if (!found.ok) return refuse(found.error);
    const { pack, dataset } = found.value;

    // Every row is read: the value maps list each code field's distinct values.
    const mapped = await openMappedTable(file, pack, dataset, {
      ...(encoding.value === undefined ? {} : { open: { encoding: encoding.value } }),
      ...(templatePath === undefined ? {} : { templatePath }),
      ...(department === undefined ? {} : { department }),
      ignoreStore: options.values['no-auto-template'] === true,
      isCountingValues: true,
    });
    if (!mapped.ok) return refuse(mapped.error);
    const { table, choice } = mapped.value;
    await table.close();
    const { columns } = table;
    const values = mapped.value.values ?? { distinct: [], rows: 0 };
    const distinct = values.distinct.map(toValueCounts);
    const { suggestion } = choice;
    const valueMaps = suggestTableValueMaps(
      pack,
      dataset,
      suggestion,
      distinct,
      choice.origin === 'suggested' ? undefined : choice.mapping,
    );

    for (const note of describeMappingChoice(choice, pack)) writeLine(note, 'stderr');
    if (savePath !== undefined) {
      const template = createTemplate({
        name: stringOption(options, 'name') ?? `${dataset.title}（${table.file}）`,
        department: department ?? choice.template?.department ?? '',
        headers: columns,
        mapping: choice.mapping,
        createdAt: new Date().toISOString(),
      });
      await writeTemplateFile(savePath, template);
      const stored = await saveStoredTemplate(template);
      const fieldCount = Object.keys(template.mapping.fields).length;
      writeLine(
        `已保存模板「${template.name}」（${fieldCount} 个字段）到 ${savePath}，并存入模板库（部门：${template.department === '' ? noDepartment : template.department}）：${stored}。以后导入同样版式的文件将自动套用。`,
        'stderr',
      );
    }

    if (format.value === 'json') {
      writeJson({
        columns: suggestion.columns.map((c) => ({
          column: c.column,
          field: c.field,
          confidence: c.confidence,
          reason: c.reason.zh,
        })),
        unmappedRequired: [...suggestion.unmappedRequired],
        valueMaps: Object.fromEntries(valueMaps.map((v) => [v.field, v.map])),
      });
    } else {
      writeTextReport(
        pack,
        dataset,
        choice,
        valueMaps,
        table.file,
        `${describeTableSource(table)}，${values.rows} 行数据`,
      );
    }
    return suggestion.unmappedRequired.length > 0 ? 1 : 0;
  },
});

function fieldLabel(dataset: Dataset, name: string): string {
  const field = dataset.fields.find((f) => f.name === name);
  return field === undefined ? name : `${field.title}（${name}）`;
}

function writeColumns(dataset: Dataset, suggestion: MappingSuggestion): void {
  writeLine(`${padDisplay('列', 28)}${padDisplay('标准字段', 40)}置信度  理由`);
  for (const column of suggestion.columns) {
    const field = column.field === null ? '—' : fieldLabel(dataset, column.field);
    const mark =
      column.field !== null && column.confidence < confidentSuggestion ? '（待确认）' : '';
    writeLine(
      `${padDisplay(column.column, 28)}${padDisplay(field + mark, 40)}${column.confidence.toFixed(2)}    ${column.reason.zh}`,
    );
  }
}

function writeTextReport(
  pack: Pack,
  dataset: Dataset,
  choice: MappingChoice,
  valueMaps: readonly ValueMapSuggestion[],
  file: string,
  source: string,
): void {
  const { suggestion } = choice;
  writeLine(`文件：${file}（${source}）  版式指纹：${choice.fingerprint}`);
  writeLine(
    `标准：${pack.title}（${pack.id} v${pack.version}）  数据集：${dataset.title}（${dataset.name}）`,
  );
  if (choice.origin === 'suggested') {
    writeLine(`按列名和取值建议；置信度 ≥ ${confidentSuggestion} 的对应会被采用，其余待确认。\n`);
  } else {
    writeLine(`按模板「${choice.template?.name ?? ''}」对应，无需确认。\n`);
  }
  writeColumns(dataset, suggestion);
  const pending = suggestion.columns.filter(
    (c) => c.field !== null && c.confidence < confidentSuggestion,
  );
  if (pending.length > 0) {
    writeLine(
      `\n待确认的建议 ${pending.length} 个（不会自动采用；确认后写入模板文件的 mapping.fields）：${pending.map((c) => c.column).join('、')}`,
    );
  }
  if (suggestion.ties.length > 0) {
    for (const tie of suggestion.ties) {
      writeLine(
        `同等可信：${tie.columns.join('、')} 都可能是${fieldLabel(dataset, tie.field)}，已暂给「${tie.columns[0] ?? ''}」，请确认`,
      );
    }
  }
  if (suggestion.unmappedRequired.length > 0) {
    writeLine(
      `\n未对应的必填字段：${suggestion.unmappedRequired.map((n) => fieldLabel(dataset, n)).join('、')}`,
    );
  } else {
    writeLine('\n必填字段都已找到对应的列。');
  }
  if (valueMaps.length > 0) writeLine('\n取值对照（源值 → 代码）：');
  for (const valueMap of valueMaps) {
    writeLine(`  ${fieldLabel(dataset, valueMap.field)}：`);
    for (const value of valueMap.values.slice(0, valuesShown)) {
      writeLine(
        `    ${padDisplay(`「${value.value}」`, 24)}→ ${padDisplay(value.code ?? '?', 6)}${padDisplay(`${value.count} 次`, 10)}${value.reason.zh}`,
      );
    }
    if (valueMap.values.length > valuesShown) {
      writeLine(
        `    …… 另有 ${valueMap.values.length - valuesShown} 个取值，用 --format json 查看全部`,
      );
    }
  }
}
