import type { LocalizedText } from './i18n/localized-text.ts';

/** How bad an issue is: errors block packaging unless exempted; warnings inform. */
export type Severity = 'error' | 'warning';

/**
 * A problem in the user's data, tied to one cell (or one record when `field` names the rule's
 * first field). Issues are plain data: they are stored, paged, filtered and reported.
 */
export interface Issue {
  /** Rule id, e.g. `required`, `resident-id`, `code-table`, or a pack rule's id. */
  readonly rule: string;
  readonly severity: Severity;
  /** 1-based index of the record among the data rows, in source order. */
  readonly row: number;
  /** Standard field name (identifier), e.g. `GMSFHM`. */
  readonly field: string;
  /** The cell text as read. */
  readonly value: string;
  readonly message: LocalizedText;
  /** A replacement value, only when it is certain (e.g. `x` -> `X`, full-width -> half-width). */
  readonly suggestion?: string;
}
