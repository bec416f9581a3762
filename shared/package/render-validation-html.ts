/**
 * `reports/validation.html`: one self-contained page in Chinese for the people who receive the
 * package: the submission's facts, completeness and validity per field as a chart, issues per
 * rule, the fields with values a spreadsheet may run as a formula, and the first issues with
 * the source file, sheet and row the clerk sees in Excel. No script, no network (a
 * Content-Security-Policy forbids it); it opens from the zip in any browser.
 */
import { describeCodeValue, type FieldCodeNames } from './create-field-code-names.ts';
import { beijingTimeText } from '../text/beijing-time.ts';
import type { ValidationReport } from './validation-report.ts';

/** 数据截至, 最早更新时间 and 更新周期, as far as the report knows them. */
function freshnessRows(report: ValidationReport): [string, string][] {
  const f = report.freshness;
  if (f === undefined) return [];
  const fieldTitle = report.fields.find((x) => x.name === f.updateTimeField)?.title;
  const source =
    f.asOfSource === 'created'
      ? '数据包生成日期'
      : `按「${fieldTitle ?? f.updateTimeField ?? ''}」的最新值`;
  return [
    ['数据截至', `${f.asOf}（${source}）`],
    ...(f.oldestUpdate === undefined ? [] : [['最早更新时间', f.oldestUpdate] as [string, string]]),
    ...(f.updateCycle === undefined ? [] : [['更新周期', f.updateCycle] as [string, string]]),
  ];
}

/** How many issues the page lists (validation.json has them all). */
export const htmlIssueLimit = 200;

const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.round((part / whole) * 1000) / 10;
}

const actionNames = { keep: '报送', mask: '脱敏', drop: '未报送' } as const;

function qualityChart(report: ValidationReport): string {
  const rows = report.fields;
  const rowHeight = 26;
  const labelWidth = 230;
  const barWidth = 300;
  const height = rows.length * rowHeight + 40;
  const width = labelWidth + barWidth * 2 + 120;
  const bars = rows
    .map((field, i) => {
      const y = 30 + i * rowHeight;
      const completeness = percent(field.filled, report.rows.packaged);
      const validity = percent(field.filled - field.invalid, field.filled);
      const label = `${field.title}（${field.name}）${field.action === 'keep' ? '' : ` · ${actionNames[field.action]}`}`;
      const x2 = labelWidth + barWidth + 40;
      return [
        `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="16" fill="#eef1f5"/>`,
        `<rect x="${labelWidth}" y="${y + 3}" width="${(barWidth * completeness) / 100}" height="16" fill="#3a7bd5"/>`,
        `<text x="${labelWidth + barWidth + 4}" y="${y + 15}">${completeness}%</text>`,
        `<rect x="${x2}" y="${y + 3}" width="${barWidth}" height="16" fill="#eef1f5"/>`,
        `<rect x="${x2}" y="${y + 3}" width="${(barWidth * validity) / 100}" height="16" fill="${validity >= 99 ? '#2e9e5b' : validity >= 90 ? '#e0a100' : '#d64545'}"/>`,
        `<text x="${x2 + barWidth + 4}" y="${y + 15}">${validity}%</text>`,
      ].join('');
    })
    .join('\n');
  return `<svg role="img" aria-label="各字段完整率与有效率" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="13">
<text x="${labelWidth}" y="18" font-weight="bold">完整率（有值的记录占比）</text>
<text x="${labelWidth + barWidth + 40}" y="18" font-weight="bold">有效率（有值且无错误的占比）</text>
${bars}
</svg>`;
}

/** `2026-11-26 10:00:00（北京时间）` for an ISO time; the text itself when it is not one. */
function chinaTimeText(iso: string): string {
  return Number.isNaN(Date.parse(iso)) ? iso : `${beijingTimeText(iso)}（北京时间）`;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((cells) => `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/**
 * Renders the report as one HTML page; the values of code fields (性别 2) show their names
 * (2 女性) when `codeNames` has them.
 */
export function renderValidationHtml(
  report: ValidationReport,
  codeNames: FieldCodeNames = new Map(),
): string {
  const s = report.submission;
  const fieldTitles = new Map(report.fields.map((f) => [f.name, f.title]));
  const ruleTitles = new Map(report.rules.map((r) => [r.rule, r.title.zh]));
  const facts: [string, string][] = [
    ['标准', `${s.standard.title}（${s.standard.id} v${s.standard.version}）`],
    ['数据集', `${s.dataset.title}（${s.dataset.name}）`],
    ['行政区划代码', s.division],
    ['提供部门', s.department],
    ['数据提供人', s.provider],
    ['数据管理员', s.steward],
    ['审核人', s.reviewer || '—'],
    ['报送期', s.period],
    ['报送类型', s.kind],
    ['生成时间', chinaTimeText(s.created)],
    ...freshnessRows(report),
    ['项目记录数', String(report.rows.project)],
    ['报送记录数', String(report.rows.packaged)],
    ['人工排除记录数', String(report.rows.excludedByUser)],
    ['因错误排除记录数', String(report.rows.excludedByPolicy)],
    ['错误 / 警告', `${report.summary.errors} / ${report.summary.warnings}`],
    ['其中已豁免的错误', String(report.summary.exemptedErrors)],
    ['有错误的记录', String(report.summary.rowsWithErrors)],
  ];
  const factRows = facts
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('\n');
  const rules = table(
    ['规则', '规则标识', '错误', '警告'],
    report.rules.map((r) => [r.title.zh, r.rule, String(r.errors), String(r.warnings)]),
  );
  const exemptions =
    report.exemptions.length === 0
      ? '<p>无。</p>'
      : table(
          ['规则', '字段', '数据行', '理由', '审核人', '涉及错误数'],
          report.exemptions.map((e) => [
            `${ruleTitles.get(e.rule) ?? e.rule}（${e.rule}）`,
            e.field === undefined ? '全部字段' : `${fieldTitles.get(e.field) ?? e.field}`,
            e.row === undefined ? '全部记录' : String(e.row),
            e.reason,
            e.reviewer,
            String(e.issues),
          ]),
        );
  const formulaLike = report.formulaLike ?? [];
  const formulaWarning =
    formulaLike.length === 0
      ? '<p>没有。</p>'
      : `<p>下列字段有以 =、+、-、@ 开头（或以 Tab、回车开头）的值。数据包按原样保存这些值；用 Excel 或 WPS 直接打开 CSV 时，它们可能被当作公式执行。请用“数据 → 从文本/CSV 导入”并把这些列设为“文本”后再查看。</p>
${table(
  ['字段', '值的个数', '数据行（示例）'],
  formulaLike.map((f) => [`${f.title}（${f.name}）`, String(f.count), f.rows.join('、')]),
)}`;
  const shown = report.issues.slice(0, htmlIssueLimit);
  const issues =
    shown.length === 0
      ? '<p>没有发现问题。</p>'
      : table(
          ['来源文件', '工作表', '原表行号', '数据行', '字段', '级别', '问题', '值', '豁免'],
          shown.map((i) => [
            i.source.file,
            i.source.sheet,
            String(i.source.row),
            String(i.row),
            fieldTitles.get(i.field) ?? i.field,
            i.severity === 'error' ? '错误' : '警告',
            i.message.zh,
            i.value === undefined ? '（不公开）' : describeCodeValue(codeNames, i.field, i.value),
            i.exemption === undefined ? '' : `已豁免（操作 ${i.exemption}）`,
          ]),
        );
  const more =
    report.issues.length > shown.length
      ? `<p>另有 ${report.issues.length - shown.length} 个问题未列出，见 reports/validation.json 和 reports/errors.xlsx。</p>`
      : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`数据质量报告 · ${s.dataset.title} · ${s.period}`)}</title>
<style>
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 2em; color: #1d2733; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #d5dbe3; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.92em; }
th, td { border: 1px solid #d5dbe3; padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #f3f5f8; }
table.facts th { background: #f3f5f8; width: 10em; }
svg text { fill: #1d2733; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
body { margin: 0; font-size: 10pt; }
h2 { break-after: avoid; }
svg { max-width: 100%; height: auto; }
table { width: 100%; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td { overflow-wrap: anywhere; }
thead th, table.facts th { print-color-adjust: exact; }
}
</style>
</head>
<body>
<h1>${escapeHtml(`数据质量报告：${s.dataset.title}（${s.kind}）`)}</h1>
<h2>报送信息</h2>
<table class="facts"><tbody>
${factRows}
</tbody></table>
<h2>各字段完整率与有效率</h2>
${qualityChart(report)}
<h2>按规则统计</h2>
${report.rules.length === 0 ? '<p>没有发现问题。</p>' : rules}
<h2>可能被 Excel 当作公式的值</h2>
${formulaWarning}
<h2>豁免</h2>
${exemptions}
<h2>问题明细（前 ${Math.min(htmlIssueLimit, report.issues.length)} 个）</h2>
${issues}
${more}
<p>本报告由数据归集工作台生成；完整数据见 reports/validation.json。</p>
</body>
</html>
`;
}
