import { toChinaTime } from '../package/package-file-name.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * `2026-11-26 10:00:00` in Beijing time for an ISO time (the time a county clerk reads,
 * whatever the machine's zone); the text itself when it is not a time.
 */
export function beijingTimeText(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const t = toChinaTime(new Date(time));
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)}`;
}

/**
 * The same instant as ISO 8601 with the Beijing offset (`2026-11-26T10:00:00.000+08:00`): what
 * the audit trail writes, readable as Beijing time and still exact for a program.
 */
export function beijingIso(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const t = toChinaTime(new Date(time));
  const ms = String(new Date(time).getUTCMilliseconds()).padStart(3, '0');
  return `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)}.${ms}+08:00`;
}
