/** Beijing time (UTC+8, no daylight saving): the time the package's name and zip entries show. */
export function toChinaTime(created: Date): {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
} {
  const shifted = new Date(created.getTime() + 8 * 3_600_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hours: shifted.getUTCHours(),
    minutes: shifted.getUTCMinutes(),
    seconds: shifted.getUTCSeconds(),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A part of a file name with the characters Windows refuses replaced by `_`. */
function safePart(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.trim().replace(/[<>:"/\\|?*\u0000-\u001f\s]+/g, '_') || '_';
}

/**
 * `<dataset>_<division code>_<period>_<yyyyMMddHHmmss>.zip` (DESIGN.md section 5), the time in
 * Beijing time, so the name is the same on every machine. A 开放 package ends in `_open`, so
 * that it never takes the place of the 共享 package written at the same time.
 */
export function packageFileName(
  dataset: string,
  division: string,
  period: string,
  created: Date,
  kind: 'share' | 'open' = 'share',
): string {
  const t = toChinaTime(created);
  const stamp = `${t.year}${pad(t.month)}${pad(t.day)}${pad(t.hours)}${pad(t.minutes)}${pad(t.seconds)}`;
  const suffix = kind === 'open' ? '_open' : '';
  return `${safePart(dataset)}_${safePart(division)}_${safePart(period)}_${stamp}${suffix}.zip`;
}

/**
 * `问题数据表_<dataset title>_<department>_<period>_<yyyyMMddHHmmss>.xlsx`: the name an exported
 * error workbook is offered under, so the department sees at once what it is and whose.
 */
export function errorWorkbookFileName(
  datasetTitle: string,
  department: string,
  period: string,
  created: Date,
): string {
  const t = toChinaTime(created);
  const stamp = `${t.year}${pad(t.month)}${pad(t.day)}${pad(t.hours)}${pad(t.minutes)}${pad(t.seconds)}`;
  return `问题数据表_${safePart(datasetTitle)}_${safePart(department)}_${safePart(period)}_${stamp}.xlsx`;
}

/**
 * `数据_<dataset title>_<department>_<period>_<yyyyMMddHHmmss>.<xlsx|csv>`: the name exported
 * data (导出数据) is offered under.
 */
export function dataExportFileName(
  datasetTitle: string,
  department: string,
  period: string,
  created: Date,
  format: 'xlsx' | 'csv',
): string {
  const t = toChinaTime(created);
  const stamp = `${t.year}${pad(t.month)}${pad(t.day)}${pad(t.hours)}${pad(t.minutes)}${pad(t.seconds)}`;
  return `数据_${safePart(datasetTitle)}_${safePart(department)}_${safePart(period)}_${stamp}.${format}`;
}
