import {
  createRecordMapper,
  type RecordMapper,
} from '../../shared/mapping/create-record-mapper.ts';
import { confidentSuggestion } from '../../shared/mapping/suggest-mapping.ts';
import { cellRules, recordRuleTypes } from '../../shared/rules/index.ts';
import type { Dataset, Pack } from '../../shared/pack/pack-schema.ts';
import type { MappingChoice } from '../engine/mapping/choose-mapping.ts';
import { openMappedTable } from '../engine/mapping/open-mapped-table.ts';
import { todayIso } from '../engine/today.ts';
import {
  validateTable,
  type LocatedIssue,
  type TableValidation,
} from '../engine/validate/validate-table.ts';
import { checkFileExists, encodingOption, findPackDataset, formatOption } from './cli-inputs.ts';
import { createCommand, type Command } from './command.ts';
import { describeAppliedMapping } from './describe-mapping-choice.ts';
import { describeTableSource, padDisplay, writeJson, writeLine } from './output.ts';
import { stringOption } from './parse-options.ts';

const help = `用法 / usage: steward validate <文件> --pack <标准包id|路径> [--dataset 名称] [--format text|json]
                  [--template 模板.json] [--department 提供部门] [--period 报送期]
                  [--no-auto-template] [--encoding utf-8|gb18030] [--today YYYY-MM-DD] [--limit N]

按标准包的全部规则检查文件的每一行。列与标准字段的对应：有 --template 时按模板；否则套用模板库中
同样版式的模板；都没有时，自动采用高置信度（≥ ${confidentSuggestion}）的建议（steward map 可查看全部建议）。
退出码：0 无错误，1 有错误，2 输入有误。
Runs every rule of the pack over every row, mapping the columns by --template, else by a saved
template of the same layout, else by the confident suggestions. Exit code: 0 no errors, 1 errors
found, 2 bad input.`;

/** `steward validate`: every rule of a pack over every row of a file. */
export const validateCommand: Command = createCommand({
  summary: '按标准检查文件 / validate a file against a standard',
  help,
  options: {
    pack: { type: 'string' },
    dataset: { type: 'string' },
    format: { type: 'string' },
    encoding: { type: 'string' },
    today: { type: 'string' },
    limit: { type: 'string' },
    template: { type: 'string' },
    department: { type: 'string' },
    period: { type: 'string' },
    'no-auto-template': { type: 'boolean' },
  },
  async run(options, fail, refuse) {
    const [file] = options.positionals;
    const packRef = stringOption(options, 'pack');
    const format = formatOption(options);
    const encoding = encodingOption(options);
    const today = stringOption(options, 'today') ?? todayIso();
    const limit = Number(stringOption(options, 'limit') ?? '20');
    if (file === undefined) return fail('缺少要检查的文件 / missing the file to validate');
    if (packRef === undefined) return fail('缺少 --pack / missing --pack');
    if (!format.ok) return fail(format.error.message.zh);
    if (!encoding.ok) return fail(encoding.error.message.zh);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) return fail(`--today 应为 YYYY-MM-DD：${today}`);
    if (!Number.isInteger(limit) || limit < 0) return fail(`--limit 应为非负整数：${limit}`);
    const exists = await checkFileExists(file);
    if (!exists.ok) return refuse(exists.error);
    const found = await findPackDataset(packRef, stringOption(options, 'dataset'));
    if (!found.ok) return refuse(found.error);
    const { pack, dataset } = found.value;

    const department = stringOption(options, 'department');
    const period = stringOption(options, 'period');
    const templatePath = stringOption(options, 'template');
    const mapped = await openMappedTable(file, pack, dataset, {
      ...(encoding.value === undefined ? {} : { open: { encoding: encoding.value } }),
      ...(templatePath === undefined ? {} : { templatePath }),
      ...(department === undefined ? {} : { department }),
      ignoreStore: options.values['no-auto-template'] === true,
    });
    if (!mapped.ok) return refuse(mapped.error);
    const { table, choice } = mapped.value;
    const { columns } = table;
    const mapper = createRecordMapper(pack, dataset, choice.mapping, columns, {
      ...(department === undefined ? {} : { department }),
      ...(period === undefined ? {} : { period }),
    });
    if (!mapper.ok) {
      await table.close();
      return refuse(mapper.error);
    }
    const notes = describeAppliedMapping(choice, pack);
    for (const note of notes) writeLine(note, 'stderr');
    const result = await validateTable(table.rows(), mapper.value, pack, dataset, { today });
    const described = describeColumns(choice, mapper.value, columns, dataset);
    const fixes = groupFixes(result.issues);
    const summary = {
      file: table.file,
      encoding: table.encoding,
      headerRow: table.headerRow,
      pack: { id: pack.id, version: pack.version },
      dataset: dataset.name,
      ...result.summary,
      columns: described,
      mapping: {
        origin: choice.origin,
        template: choice.template?.name ?? null,
        fingerprint: choice.fingerprint,
        fields: Object.keys(choice.mapping.fields).length,
      },
      fixes,
    };
    if (format.value === 'json') {
      writeJson({
        rows: result.summary.rows,
        issues: result.issues.map((issue) => ({
          row: issue.row,
          sourceRow: issue.sourceRow,
          column: issue.column,
          field: issue.field,
          rule: issue.rule,
          severity: issue.severity,
          value: issue.value,
          message: issue.message.zh,
          ...(issue.suggestion === undefined ? {} : { suggestion: issue.suggestion }),
        })),
        summary,
      });
    } else {
      writeTextReport(
        result,
        pack,
        dataset,
        summary.columns,
        fixes,
        notes,
        table.file,
        describeTableSource(table),
        limit,
      );
    }
    return result.summary.errors > 0 || described.missingRequired.length > 0 ? 1 : 0;
  },
});

/**
 * The columns as validate reports them: which column feeds which field (source order), the
 * columns not read, the ones that fit a field another column already feeds, and the required
 * fields no column feeds.
 */
function describeColumns(
  choice: MappingChoice,
  mapper: RecordMapper,
  columns: readonly string[],
  dataset: Dataset,
) {
  const used = new Set<string>();
  const matched: { column: string; field: string }[] = [];
  for (const column of choice.suggestion.columns) {
    const index = dataset.fields.findIndex((f) => f.name === column.field);
    if (index < 0 || mapper.columnOfField[index] === undefined) continue;
    const field = dataset.fields[index];
    if (field === undefined) continue;
    matched.push({ column: column.column, field: field.name });
    used.add(column.column);
  }
  return {
    matched,
    unmatched: columns.filter((column) => !used.has(column)),
    duplicate: choice.suggestion.columns
      .filter((c) => c.contested !== undefined)
      .map((c) => c.column),
    missingRequired: dataset.fields
      .filter(
        (field, i) => field.constraints?.required === true && mapper.columnOfField[i] === undefined,
      )
      .map((field) => field.name),
  };
}

/** One fix the check step applies in one click (一键采用建议值): the suggestions of a rule in a field. */
interface SuggestedFix {
  readonly rule: string;
  readonly field: string;
  /** How many issues the fix resolves. */
  readonly count: number;
  /** Each distinct value and what it becomes, most frequent first. */
  readonly values: readonly { value: string; suggestion: string; count: number }[];
}

/**
 * Groups the issues that carry a suggestion by rule and field: each group is one fix. Values
 * are listed most frequent first, ties in the order the file holds them.
 */
function groupFixes(issues: readonly LocatedIssue[]): SuggestedFix[] {
  const groups = new Map<
    string,
    {
      rule: string;
      field: string;
      values: Map<string, { value: string; suggestion: string; count: number }>;
    }
  >();
  for (const issue of issues) {
    if (issue.suggestion === undefined) continue;
    const key = `${issue.rule}\u0000${issue.field}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { rule: issue.rule, field: issue.field, values: new Map() };
      groups.set(key, group);
    }
    const valueKey = `${issue.value}\u0000${issue.suggestion}`;
    const entry = group.values.get(valueKey) ?? {
      value: issue.value,
      suggestion: issue.suggestion,
      count: 0,
    };
    entry.count += 1;
    group.values.set(valueKey, entry);
  }
  return [...groups.values()]
    .map(({ rule, field, values }) => {
      const list = [...values.values()].sort((a, b) => b.count - a.count);
      return { rule, field, count: list.reduce((sum, v) => sum + v.count, 0), values: list };
    })
    .sort((a, b) => b.count - a.count);
}

function ruleTitle(pack: Pack, dataset: Dataset, rule: string): string {
  const cell = cellRules[rule];
  if (cell !== undefined) return cell.zh;
  const declared = dataset.rules?.find((r) => r.id === rule);
  if (declared !== undefined) return declared.description?.zh ?? recordRuleTypes[declared.type].zh;
  return `${pack.id} ${rule}`;
}

function writeTextReport(
  result: TableValidation,
  pack: Pack,
  dataset: Dataset,
  columns: ReturnType<typeof describeColumns>,
  fixes: readonly SuggestedFix[],
  notes: readonly string[],
  file: string,
  source: string,
  limit: number,
): void {
  const { summary, issues } = result;
  const fieldTitle = new Map(dataset.fields.map((f) => [f.name, f.title]));
  writeLine(`文件：${file}（${source}）`);
  writeLine(
    `标准：${pack.title}（${pack.id} v${pack.version}）  数据集：${dataset.title}（${dataset.name}）`,
  );
  writeLine(
    `记录 ${summary.rows} 条；错误 ${summary.errors} 个，警告 ${summary.warnings} 个；有错误的记录 ${summary.rowsWithErrors} 条`,
  );
  for (const note of notes) writeLine(note);
  writeLine(`对应到标准字段的列：${columns.matched.length} 列`);
  if (columns.unmatched.length > 0)
    writeLine(`未识别的列（未检查）：${columns.unmatched.join('、')}`);
  if (columns.duplicate.length > 0)
    writeLine(`重复对应的列（未检查）：${columns.duplicate.join('、')}`);
  if (columns.missingRequired.length > 0) {
    const missing = columns.missingRequired.map(
      (name) => `${fieldTitle.get(name) ?? name}（${name}）`,
    );
    writeLine(`缺少必填字段的列：${missing.join('、')}`);
  }
  const byRule = Object.entries(summary.byRule).sort(
    (a, b) => b[1].errors + b[1].warnings - a[1].errors - a[1].warnings,
  );
  if (byRule.length > 0) {
    writeLine('\n按规则：');
    for (const [rule, count] of byRule) {
      writeLine(
        `  ${padDisplay(`${ruleTitle(pack, dataset, rule)}（${rule}）`, 56)} 错误 ${count.errors}  警告 ${count.warnings}`,
      );
    }
    writeLine('\n按字段：');
    const byField = Object.entries(summary.byField).sort(
      (a, b) => b[1].errors + b[1].warnings - a[1].errors - a[1].warnings,
    );
    for (const [field, count] of byField) {
      writeLine(
        `  ${padDisplay(`${fieldTitle.get(field) ?? field}（${field}）`, 56)} 错误 ${count.errors}  警告 ${count.warnings}`,
      );
    }
  }
  if (fixes.length > 0) {
    writeLine('\n可一键采用建议值修正（每项一次）：');
    for (const fix of fixes) {
      const shown = fix.values
        .slice(0, 5)
        .map((v) => `「${v.value}」→ ${v.suggestion}（${v.count} 处）`)
        .join('，');
      const more = fix.values.length > 5 ? ` 等 ${fix.values.length} 种值` : '';
      writeLine(
        `  ${fieldTitle.get(fix.field) ?? fix.field}（${fix.field}）${ruleTitle(pack, dataset, fix.rule)}：${fix.count} 处，${shown}${more}`,
      );
    }
  }
  if (issues.length > 0) {
    writeLine(`\n前 ${Math.min(limit, issues.length)} 个问题：`);
    for (const issue of issues.slice(0, limit)) {
      const level = issue.severity === 'error' ? '错误' : '警告';
      const fix = issue.suggestion === undefined ? '' : `  建议改为：${issue.suggestion}`;
      writeLine(
        `  第 ${issue.sourceRow} 行 [${issue.column}] ${level} ${issue.message.zh}  值：「${issue.value}」${fix}`,
      );
    }
    if (issues.length > limit)
      writeLine(`  …… 另有 ${issues.length - limit} 个问题未列出，用 --format json 查看全部。`);
  } else {
    writeLine('\n没有发现问题。');
  }
}
