import type { AppError } from '../../../shared/result.ts';

/**
 * An expected failure met in the middle of a row stream (a corrupt zip entry, a limit hit on
 * row 800,000), where no Result can be returned. Readers throw it inside the import worker; the
 * worker turns it back into a Result at its boundary, so that callers of `openTable` only see
 * Results. `SourceTable.rows()` rethrows it on the (rare) failure of the second read.
 */
export class ImportError extends Error {
  readonly appError: AppError;

  constructor(appError: AppError) {
    super(`${appError.code}: ${appError.message.en}`);
    this.name = 'ImportError';
    this.appError = appError;
  }
}

/** Builds an ImportError from a code and a message in Chinese and English. */
export function importError(
  code: string,
  zh: string,
  en: string,
  details?: readonly string[],
): ImportError {
  return new ImportError(
    details ? { code, message: { zh, en }, details } : { code, message: { zh, en } },
  );
}
