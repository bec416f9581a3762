import type { Field } from '../pack/pack-schema.ts';
import type { LocalizedText } from './localized-text.ts';

/**
 * The classification terms of a pack's fields (共享属性 and 开放属性, as the national catalogue
 * guidelines name them) in both languages: the pack stores the Chinese term, English mode shows
 * the English one.
 */
export const sharingTerms: Readonly<Record<Field['classification']['sharing'], LocalizedText>> = {
  无条件共享: { zh: '无条件共享', en: 'shared unconditionally' },
  有条件共享: { zh: '有条件共享', en: 'shared on conditions' },
  不予共享: { zh: '不予共享', en: 'not shared' },
};

export const openingTerms: Readonly<Record<Field['classification']['opening'], LocalizedText>> = {
  开放: { zh: '开放', en: 'open' },
  有条件开放: { zh: '有条件开放', en: 'open on conditions' },
  不予开放: { zh: '不予开放', en: 'not open' },
};

/** A package's kind as the clerk reads it. */
export const packageKindTerms: Readonly<Record<'share' | 'open', LocalizedText>> = {
  share: { zh: '共享', en: 'Share' },
  open: { zh: '开放', en: 'Open' },
};

/** A classification term in both languages; a term this list does not know stays as it is. */
export function classificationTerm(term: string): LocalizedText {
  return (
    (sharingTerms as Readonly<Record<string, LocalizedText>>)[term] ??
    (openingTerms as Readonly<Record<string, LocalizedText>>)[term] ?? { zh: term, en: term }
  );
}
