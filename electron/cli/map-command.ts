import { access } from 'node:fs/promises';
import { createTemplate } from '../../shared/mapping/parse-template.ts';
import type { MappingSuggestion } from '../../shared/mapping/suggest-mapping.ts';
import { confidentSuggestion } from '../../shared/mapping/suggest-mapping.ts';
import { suggestTableValueMaps } from '../../shared/mapping/suggest-table-value-maps.ts';
import type { ValueMapSuggestion } from '../../shared/mapping/suggest-value-map.ts';
import type { Dataset, Pack } from '../../shared/pack/pack-schema.ts';
import type { TextEncoding } from '../engine/import/decode-text.ts';
import { readCsv } from '../engine/import/read-csv.ts';
import { chooseMapping, type MappingChoice } from '../engine/mapping/choose-mapping.ts';
import { readColumnValues, toValueCounts } from '../engine/mapping/read-column-values.ts';
import {
  noDepartment,
  saveStoredTemplate,
  writeTemplateFile,
} from '../engine/mapping/template-store.ts';
import { findPack } from '../engine/packs/pack-store.ts';
import type { Command } from './command.ts';
import { describeMappingChoice } from './describe-mapping-choice.ts';
import { padDisplay, writeJson, writeLine } from './output.ts';
import { parseOptions, stringOption } from './parse-options.ts';

const help = `用法 / usage: steward map <文件> --pack <标准包id|路径> [--dataset 名称] [--format text|json]
                  [--template 模板.json] [--save-template 模板.json] [--name 模板名称]
                  [--department 提供部门] [--no-auto-template] [--encoding utf-8|gb18030]

为每一列建议对应的标准字段（附置信度和理由），列出未对应的必填字段和代码字段的取值对照。
同一部门、同样版式的文件再次导入时，自动套用已保存的模板。
Suggests a standard field for each column (with confidence and reason), lists the required fields
left unmapped and the value maps of code fields. A saved template of the same layout applies by
itself. Exit code: 0 every required field found, 1 some are missing, 2 bad input.`;

const encodings: readonly TextEncoding[] = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'];

/** Most values listed per code field in the text output. */
const valuesShown = 12;

/** `steward map`: column suggestions, value maps and templates for a file. */
export const mapCommand: Command = {
  summary: '建议列与标准字段的对应 / suggest the mapping of a file to a standard',
  async run(args) {
    const parsed = parseOptions(args, {
      pack: { type: 'string' },
      dataset: { type: 'string' },
      format: { type: 'string' },
      template: { type: 'string' },
      'save-template': { type: 'string' },
      name: { type: 'string' },
      department: { type: 'string' },
      'no-auto-template': { type: 'boolean' },
      encoding: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    const fail = (message: string): number => {
      writeLine(`${message}\n\n${help}`, 'stderr');
      return 2;
    };
    if (!parsed.ok) return fail(parsed.error.message.zh);
    const options = parsed.value;
    if (options.values.help === true) {
      writeLine(help);
      return 0;
    }
    const [file] = options.positionals;
    const packRef = stringOption(options, 'pack');
    const format = stringOption(options, 'format') ?? 'text';
    const encoding = stringOption(options, 'encoding');
    const templatePath = stringOption(options, 'template');
    const savePath = stringOption(options, 'save-template');
    const department = stringOption(options, 'department');
    if (file === undefined) return fail('缺少要对应的文件 / missing the file to map');
    if (packRef === undefined) return fail('缺少 --pack / missing --pack');
    if (format !== 'text' && format !== 'json')
      return fail(`--format 只能是 text 或 json：${format}`);
    if (encoding !== undefined && !encodings.includes(encoding as TextEncoding)) {
      return fail(`不支持的编码 / unsupported encoding: ${encoding}（${encodings.join('、')}）`);
    }
    try {
      await access(file);
    } catch {
      return fail(`找不到文件 / file not found: ${file}`);
    }
    const pack = await findPack(packRef);
    if (!pack.ok) {
      for (const detail of pack.error.details ?? []) writeLine(`  ${detail}`, 'stderr');
      return fail(pack.error.message.zh);
    }
    const datasetName = stringOption(options, 'dataset');
    const dataset = datasetName
      ? pack.value.datasets.find((d) => d.name === datasetName)
      : pack.value.datasets[0];
    if (dataset === undefined) {
      const names = pack.value.datasets.map((d) => d.name).join('、');
      return fail(`标准包中没有数据集「${datasetName ?? ''}」（可选：${names}）`);
    }

    const table = await readCsv(
      file,
      encoding === undefined ? {} : { encoding: encoding as TextEncoding },
    );
    if (!table.ok) return fail(`${table.error.message.zh} / ${table.error.message.en}`);
    const { columns } = table.value;
    const values = await readColumnValues(columns, table.value.rows());
    const distinct = values.distinct.map(toValueCounts);
    const choice = await chooseMapping(pack.value, dataset, columns, {
      ...(templatePath === undefined ? {} : { templatePath }),
      ...(department === undefined ? {} : { department }),
      ignoreStore: options.values['no-auto-template'] === true,
      samples: () => Promise.resolve(values.samples),
      valueMaps: (suggestion) =>
        Promise.resolve(suggestTableValueMaps(pack.value, dataset, suggestion, distinct)),
      place: { sheet: table.value.sheet, headerRow: table.value.headerRow },
    });
    if (!choice.ok) {
      for (const detail of choice.error.details ?? []) writeLine(`  ${detail}`, 'stderr');
      return fail(`${choice.error.message.zh} / ${choice.error.message.en}`);
    }
    const { suggestion } = choice.value;
    const valueMaps = suggestTableValueMaps(
      pack.value,
      dataset,
      suggestion,
      distinct,
      choice.value.origin === 'suggested' ? undefined : choice.value.mapping,
    );

    for (const note of describeMappingChoice(choice.value, pack.value)) writeLine(note, 'stderr');
    if (savePath !== undefined) {
      const template = createTemplate({
        name: stringOption(options, 'name') ?? `${dataset.title}（${table.value.file}）`,
        department: department ?? choice.value.template?.department ?? '',
        headers: columns,
        mapping: choice.value.mapping,
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

    if (format === 'json') {
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
        pack.value,
        dataset,
        choice.value,
        valueMaps,
        table.value.file,
        `${table.value.encoding === undefined ? '' : `编码 ${table.value.encoding}，`}${table.value.headerRow === 0 ? '无表头' : `表头在第 ${table.value.headerRow} 行`}，${values.rows} 行数据`,
      );
    }
    return suggestion.unmappedRequired.length > 0 ? 1 : 0;
  },
};

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
