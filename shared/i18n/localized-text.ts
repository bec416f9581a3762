/** A user-facing text in Simplified Chinese (the default) and English. */
export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

/** The languages the product speaks; Chinese first. */
export type Language = 'zh' | 'en';

/** Builds a LocalizedText. */
export function text(zh: string, en: string): LocalizedText {
  return { zh, en };
}
