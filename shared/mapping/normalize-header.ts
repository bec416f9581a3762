import { stripRequiredMarker } from '../import/strip-required-marker.ts';
import { toHalfWidth } from '../text/half-width.ts';

const requiredMark = /^[*＊]+|[*＊]+$/g;
const spaces = /\s+/g;
const trailingUnit = /[(（][^()（）]*(元|万元|人|个|岁|%|％|平方米|亩|公斤|吨)[)）]$/;
const brackets = /[()（）[\]【】]/g;

/**
 * Normalises a column header for matching: half-width, no spaces, no required mark (`*`,
 * `（必填）`: a marked header is the field's own title, not a reading of it), no
 * trailing unit like `(万元)`, brackets removed (`代码_1(统一社会信用代码)` keeps its inner name).
 */
export function normalizeHeader(header: string): string {
  return toHalfWidth(stripRequiredMarker(header.trim()).title)
    .replace(spaces, '')
    .replace(requiredMark, '')
    .replace(trailingUnit, '')
    .replace(brackets, '')
    .toLowerCase();
}
