import type { LocalizedText } from './i18n/localized-text.ts';

/** An expected failure: a code for programs and a message a clerk can act on, in Chinese and English. */
export interface AppError {
  readonly code: string;
  readonly message: LocalizedText;
  /** Extra facts for logs and for the detail view (never a stack trace). */
  readonly details?: readonly string[];
}

/** The outcome of an operation that can fail in an expected way. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

/** Wraps a value as a successful Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps an AppError as a failed Result. */
export function err<T = never>(
  code: string,
  zh: string,
  en: string,
  details?: readonly string[],
): Result<T> {
  return {
    ok: false,
    error: details ? { code, message: { zh, en }, details } : { code, message: { zh, en } },
  };
}

/** Closes a switch over a union: reaching it is a bug. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
