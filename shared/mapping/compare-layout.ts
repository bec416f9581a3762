import { normalizeHeader } from './normalize-header.ts';

/** How a source's headers differ from the layout a template was made for. */
export interface LayoutComparison {
  /** Same headers (after normalisation), in any order. */
  readonly isSame: boolean;
  /** Template headers the source lacks. */
  readonly missing: readonly string[];
  /** Source headers the template does not know. */
  readonly extra: readonly string[];
}

/** Compares a source's headers with a template's (after normalisation, order ignored). */
export function compareLayout(
  templateHeaders: readonly string[],
  headers: readonly string[],
): LayoutComparison {
  const remaining = new Map<string, number>();
  for (const header of headers) {
    const key = normalizeHeader(header);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  const missing: string[] = [];
  for (const header of templateHeaders) {
    const key = normalizeHeader(header);
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    else missing.push(header);
  }
  const extra = headers.filter((header) => {
    const key = normalizeHeader(header);
    const left = remaining.get(key) ?? 0;
    if (left === 0) return false;
    remaining.set(key, left - 1);
    return true;
  });
  return { isSame: missing.length === 0 && extra.length === 0, missing, extra };
}
