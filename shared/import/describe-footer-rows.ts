import type { ImportWarning } from './import-warning.ts';

/** Row numbers as a clerk reads them: `6–10`, `8`, `6、8–10`. */
function rowRanges(rows: readonly number[]): string {
  const ranges: string[] = [];
  let start = rows[0];
  let end = start;
  for (const row of [...rows.slice(1), undefined]) {
    if (row !== undefined && end !== undefined && row === end + 1) {
      end = row;
      continue;
    }
    if (start !== undefined && end !== undefined) {
      ranges.push(start === end ? String(start) : `${start}–${end}`);
    }
    start = row;
    end = row;
  }
  return ranges.join('、');
}

/**
 * The warning that says which rows below a sheet's data were cut as footers (disclaimers,
 * totals, exported-at lines, signatures), so the clerk knows they are not records and can
 * check; undefined when nothing was cut.
 */
export function describeFooterRows(
  sheet: string,
  footerRows: readonly number[],
): ImportWarning | undefined {
  if (footerRows.length === 0) return undefined;
  const rows = rowRanges(footerRows);
  return {
    code: 'footer-rows',
    message: {
      zh: `工作表「${sheet}」第 ${rows} 行在数据之后，是说明、合计、导出时间或签名之类的表尾，没有作为数据导入。如果其中有要报送的记录，请在原文件中把它移到数据中间再导入。`,
      en: `Sheet "${sheet}": row(s) ${rows} below the data are footers (notes, totals, exported-at lines or signatures) and were not imported as data. If one of them is a record to submit, move it among the data in the file and import it again.`,
    },
  };
}
