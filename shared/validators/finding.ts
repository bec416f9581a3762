import type { LocalizedText } from '../i18n/localized-text.ts';
import type { Severity } from '../issue.ts';

/** What a validator says about one value when it is not plainly fine. */
export interface Finding {
  /** A stable reason code, e.g. `checksum`, `length`, `birth-date-future`. */
  readonly code: string;
  readonly severity: Severity;
  /** What is wrong and what to do, in Chinese and English; reads well after a field label. */
  readonly message: LocalizedText;
  /** The corrected value, only when the correction is certain. */
  readonly suggestion?: string;
}

/** Builds a Finding (the suggestion is left out when undefined). */
export function createFinding(
  code: string,
  severity: Severity,
  zh: string,
  en: string,
  suggestion?: string,
): Finding {
  return suggestion === undefined
    ? { code, severity, message: { zh, en } }
    : { code, severity, message: { zh, en }, suggestion };
}

/** True when a finding blocks: an error, not a warning. */
export function isError(finding: Finding | undefined): boolean {
  return finding !== undefined && finding.severity === 'error';
}
