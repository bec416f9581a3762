import type { LocalizedText } from '../i18n/localized-text.ts';
import { toHalfWidth } from '../text/half-width.ts';
import { moneyUnits, type MoneyUnit } from './mapping-schema.ts';
import { normalizeHeader } from './normalize-header.ts';

/** One reading of a header, with what it took to get there. */
export interface HeaderForm {
  /** The reading, normalised as normalizeHeader does. */
  readonly key: string;
  /** How much less certain a match on this reading is than one on the header as written. */
  readonly penalty: number;
  /** What was done to the header, for the reason shown to the clerk; undefined for as written. */
  readonly how?: LocalizedText;
}

/** The readings of a header worth matching, and the money unit it declares. */
export interface HeaderForms {
  readonly forms: readonly HeaderForm[];
  /** A money unit in trailing brackets: `注册资本(元)` -> `元`. */
  readonly unit?: MoneyUnit;
}

const requiredMark = /^[*＊]+|[*＊]+$/g;
const spaces = /\s+/g;
const unitNames = Object.keys(moneyUnits).sort((a, b) => b.length - a.length);
const unitPattern = new RegExp(`[(\\[【](?:单位[:：]?)?(${unitNames.join('|')})[)\\]】]$`);
const numbering =
  /^(?:(?:\d{1,3}|[一二三四五六七八九十]{1,3})[、.:)\]]+|\([一二三四五六七八九十\d]{1,3}\)[、.:]*)/;
const duplicateSuffix = /_\d{1,3}$/;
const fillers = /详细|的/g;
const bracketed = /^([^([【]*)[([【]([^)\]】]+)[)\]】](.*)$/;

/**
 * Reads a header the ways a clerk would: as written; without its numbering (`1.姓名`,
 * `(一)姓名`); without the `_2` the importer adds to a repeated name; without filler words
 * (`户籍详细地址`); and, for `代码_2(工商注册号)`, by the part outside the brackets and by the
 * name inside them. Each reading past the first carries a small penalty.
 */
export function readHeaderForms(header: string): HeaderForms {
  const base = toHalfWidth(header).replace(spaces, '').replace(requiredMark, '');
  const unitMatch = unitPattern.exec(base);
  const unit = unitMatch?.[1] as MoneyUnit | undefined;
  const forms: HeaderForm[] = [];
  const seen = new Set<string>();
  const add = (text: string, penalty: number, how?: LocalizedText): void => {
    const key = normalizeHeader(text);
    if (key === '' || seen.has(key)) return;
    seen.add(key);
    forms.push(how === undefined ? { key, penalty } : { key, penalty, how });
  };
  add(base, 0);
  const withoutUnit = unitMatch === null ? base : base.slice(0, unitMatch.index);
  const unnumbered = withoutUnit.replace(numbering, '');
  if (unnumbered !== withoutUnit && unnumbered.length >= 2) {
    add(unnumbered, 0.02, { zh: '去掉编号后', en: 'without its numbering' });
  }
  const undoubled = unnumbered.replace(duplicateSuffix, '');
  if (undoubled !== unnumbered) {
    add(undoubled, 0.1, { zh: '去掉重名序号后', en: 'without the repeat number' });
  }
  const plain = undoubled.replace(fillers, '');
  if (plain !== undoubled && plain.length >= 2) {
    add(plain, 0.03, { zh: '去掉「详细」「的」等虚词后', en: 'without filler words' });
  }
  const parts = bracketed.exec(undoubled);
  if (parts !== null) {
    const outer = `${parts[1] ?? ''}${parts[3] ?? ''}`;
    const inner = parts[2] ?? '';
    if (inner.length >= 2) {
      add(inner, 0.08, {
        zh: `按括号中的名称「${inner}」`,
        en: `by the name in brackets "${inner}"`,
      });
    }
    if (outer.length >= 2) {
      add(outer, 0.08, {
        zh: `按括号外的名称「${outer}」`,
        en: `by the name outside the brackets "${outer}"`,
      });
    }
  }
  return unit === undefined ? { forms } : { forms, unit };
}
