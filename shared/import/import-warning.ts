import type { LocalizedText } from '../i18n/localized-text.ts';

/**
 * Something a clerk should check about a file that was still read: for example a UTF-8 file
 * with a few lines in another encoding. Plain data, shown beside the preview and in
 * `steward inspect --format json` as `warnings`.
 */
export interface ImportWarning {
  readonly code: string;
  readonly message: LocalizedText;
  /** The text lines (1-based) the warning is about, the first few; absent when not by line. */
  readonly lines?: readonly number[];
}
