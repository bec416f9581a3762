/**
 * The error workbook of a project, outside any package (DESIGN.md step 4: export, let the
 * department fix it in Excel, merge it back): the records with stored issues, in record order,
 * with every field, as the project holds them. Records left out of packages are left out here.
 */
import { createFieldCodeNames } from '../../../shared/package/create-field-code-names.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import type { ProgressListener, Workspace } from '../workspace/workspace.ts';
import { writeErrorWorkbook, type ErrorWorkbookRow } from './write-error-workbook.ts';

/** Records read from the project per page. */
const pageSize = 1000;

/**
 * Writes the project's error workbook and returns its bytes; `created` is its written time.
 * Reports the records read so far against those with issues; stops when `signal` aborts.
 */
export async function exportErrorWorkbook(
  workspace: Workspace,
  options: {
    readonly created: Date;
    readonly onProgress?: ProgressListener;
    readonly signal?: AbortSignal;
  },
): Promise<Result<{ bytes: Buffer; records: number }>> {
  const { pack, dataset, info } = workspace;
  const sources = new Map(workspace.sources().map((s) => [s.id, s]));
  const excluded = workspace.excludedRecords();
  const rows: ErrorWorkbookRow[] = [];
  const total = workspace.countRecordsWhere({ withIssues: true });
  for (let offset = 0; ; offset += pageSize) {
    if (options.signal?.aborted === true) {
      return err('cancelled', '已取消导出问题数据表', 'Export of the error workbook cancelled');
    }
    options.onProgress?.(Math.min(offset, total), total);
    const page = workspace.pageRecords(offset, pageSize, { withIssues: true });
    if (page.length === 0) break;
    const kept = page.filter((record) => !excluded.has(record.rid));
    const issues = workspace.issuesOf({ rids: kept.map((r) => r.rid) });
    const byRid = new Map<number, typeof issues>();
    for (const issue of issues) {
      const list = byRid.get(issue.row) ?? [];
      list.push(issue);
      byRid.set(issue.row, list);
    }
    for (const record of kept) {
      const source = sources.get(record.sourceId);
      rows.push({
        rid: record.rid,
        source: { file: source?.file ?? '', sheet: source?.sheet ?? '', row: record.sourceRow },
        values: record.values.map((v) => v ?? ''),
        issues: (byRid.get(record.rid) ?? []).map((issue) => ({
          field: issue.field,
          rule: issue.rule,
          severity: issue.severity,
          message: issue.message,
          value: issue.value,
          ...(issue.suggestion === undefined ? {} : { suggestion: issue.suggestion }),
        })),
      });
    }
    if (page.length < pageSize) break;
  }
  const bytes = await writeErrorWorkbook({
    meta: {
      packId: info.packId,
      packVersion: info.packVersion,
      dataset: dataset.name,
      department: info.department,
      period: info.period,
      projectCreatedAt: info.createdAt,
      created: options.created.toISOString(),
      isMasked: false,
    },
    datasetTitle: dataset.title,
    fields: dataset.fields,
    rows,
    created: options.created,
    codeNames: createFieldCodeNames(pack, dataset.fields),
  });
  options.onProgress?.(total, total);
  return ok({ bytes, records: rows.length });
}
