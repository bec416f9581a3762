import { describeFlagReason } from '../../shared/import/describe-flag-reason.ts';
import {
  inspectFile,
  type InspectOptions,
  type InspectReport,
} from '../engine/import/inspect-file.ts';
import { encodingOption, formatOption } from './cli-inputs.ts';
import { createCommand, type Command } from './command.ts';
import { writeJson, writeLine } from './output.ts';
import { stringOption } from './parse-options.ts';

const help = `用法 / usage: steward inspect <文件> [--sheet 名称|序号] [--header-row N] [--header-rows 1|2]
                 [--encoding utf-8|gb18030|utf-16le|utf-16be] [--format text|json]

识别文件的真实格式和编码，列出全部工作表（含隐藏的），并给出每个表格的表头行及原因、列、
数据行数、剪掉的表尾行、被标记的单元格和样例。--header-row 0 表示没有表头。
退出码：0 读取成功，2 文件被拒绝或参数有误。
Tells the file's real format and encoding, lists every sheet (hidden ones too) and, for each
table, the header row and why, the columns, the data row count, the footer rows cut, the flagged
cells and a sample. --header-row 0 means no header. Exit code: 0 read, 2 refused or bad arguments.`;

/** The stable JSON of `steward inspect --format json` (documented in the README). */
function toJson(report: InspectReport) {
  return {
    format: report.format,
    encoding: report.encoding ?? null,
    sheets: report.sheets.map((sheet) => ({
      name: sheet.name,
      hidden: sheet.hidden,
      headerRow: sheet.headerRow,
      headerRows: sheet.headerRows,
      columns: sheet.columns,
      rows: sheet.rows,
      footerRows: sheet.footerRows,
      flagged: sheet.flagged.map((cell) => ({
        row: cell.row,
        column: cell.column,
        reason: cell.reason,
      })),
    })),
    warnings: report.warnings.map((warning) => ({
      code: warning.code,
      message: warning.message.zh,
      lines: warning.lines ?? [],
    })),
  };
}

function rowRange(sheet: InspectReport['sheets'][number]): string {
  if (sheet.headerRows === 0) return '无 / none';
  return sheet.headerRows === 2
    ? `第 ${sheet.headerRow}–${sheet.headerRow + 1} 行`
    : `第 ${sheet.headerRow} 行`;
}

function writeText(report: InspectReport): void {
  const delimiter =
    report.delimiter === undefined
      ? ''
      : `  分隔符 ${report.delimiter === '\t' ? 'Tab' : report.delimiter}`;
  writeLine(
    `文件：${report.file}  格式：${report.format}${report.encoding === undefined ? '' : `  编码：${report.encoding}`}${delimiter}`,
  );
  for (const warning of report.warnings) writeLine(`注意：${warning.message.zh}`);
  for (const sheet of report.sheets) {
    const tags = [sheet.hidden ? '隐藏 / hidden' : '', sheet.kind === 'chart' ? '图表 / chart' : '']
      .filter(Boolean)
      .join('，');
    writeLine(`\n工作表「${sheet.name}」${tags === '' ? '' : `（${tags}）`}`);
    if (sheet.kind === 'chart') continue;
    writeLine(`  表头：${rowRange(sheet)}。${sheet.headerReason.zh}`);
    writeLine(`  列（${sheet.columns.length}）：${sheet.columns.join('、')}`);
    if (sheet.requiredColumns.length > 0) {
      writeLine(`  模板标为必填（*）的列：${sheet.requiredColumns.join('、')}`);
    }
    writeLine(
      `  数据：${sheet.rows} 行${sheet.footerRows.length > 0 ? `；剪掉的表尾行：${sheet.footerRows.join('、')}` : ''}`,
    );
    if (sheet.flaggedCount > 0) {
      writeLine(`  被标记的单元格：共 ${sheet.flaggedCount} 个`);
      for (const cell of sheet.flagged.slice(0, 20)) {
        writeLine(
          `    第 ${cell.row} 行 [${cell.column}]「${cell.value}」：${describeFlagReason(cell.reason).zh}`,
        );
      }
    }
    if (sheet.sample.length > 0) {
      writeLine('  样例：');
      for (const row of sheet.sample)
        writeLine(`    第 ${row.sourceRow} 行：${row.cells.join(' | ')}`);
    }
  }
}

/** `steward inspect`: what the importer makes of a file, before anything is mapped. */
export const inspectCommand: Command = createCommand({
  summary: '查看文件的格式、表头和列 / inspect a file: format, header, columns',
  help,
  options: {
    sheet: { type: 'string' },
    'header-row': { type: 'string' },
    'header-rows': { type: 'string' },
    encoding: { type: 'string' },
    format: { type: 'string' },
  },
  async run(options, fail, refuse) {
    const [file] = options.positionals;
    const format = formatOption(options);
    const encoding = encodingOption(options);
    const headerRow = stringOption(options, 'header-row');
    const headerRows = stringOption(options, 'header-rows');
    const sheet = stringOption(options, 'sheet');
    if (file === undefined) return fail('缺少要查看的文件 / missing the file to inspect');
    if (!format.ok) return fail(format.error.message.zh);
    if (!encoding.ok) return fail(encoding.error.message.zh);
    if (headerRow !== undefined && !/^\d+$/.test(headerRow)) {
      return fail(`--header-row 应为行号（0 表示没有表头）：${headerRow}`);
    }
    if (headerRows !== undefined && headerRows !== '1' && headerRows !== '2') {
      return fail(`--header-rows 只能是 1 或 2：${headerRows}`);
    }
    const inspectOptions: InspectOptions = {
      ...(sheet === undefined ? {} : { sheet }),
      ...(headerRow === undefined ? {} : { headerRow: Number(headerRow) }),
      ...(headerRows === undefined ? {} : { headerRows: headerRows === '2' ? 2 : 1 }),
      ...(encoding.value === undefined ? {} : { encoding: encoding.value }),
    };
    const report = await inspectFile(file, inspectOptions);
    if (!report.ok) return refuse(report.error);
    if (format.value === 'json') writeJson(toJson(report.value));
    else writeText(report.value);
    return 0;
  },
});
