import type { CellKind } from './raw-row.ts';

/** Why the importer flags a cell: a value a spreadsheet already destroyed, or a stray header. */
export type FlagReason =
  'scientific-notation' | 'digits-lost' | 'repeated-header' | 'undecodable-bytes';

const scientific = /^[-+]?\d+(?:\.\d+)?[eE]\+(\d{1,3})$/;

/**
 * Detects a number that a spreadsheet already destroyed, which no one can recover from the file:
 * - `3.71702E+17`: a long number shown in scientific notation (12 or more digits);
 * - a number cell of 16 or more digits: Excel keeps 15 significant digits, the rest are lost;
 * - a text of 17 or more digits whose digits after the 15th are all zeros: the trace a float
 *   leaves when a long ID passed through a number cell (`371702198001011000`).
 * Returns the reason, or undefined when the text is fine.
 */
export function detectMangledNumber(text: string, kind: CellKind = 's'): FlagReason | undefined {
  // Every cell of a file passes here: the patterns run only on a text that can match them
  // (scientific notation holds a `+`; a text of 17 digits is 17 long).
  const sci = text.includes('+') ? scientific.exec(text) : null;
  if (sci !== null && Number(sci[1]) >= 11) return 'scientific-notation';
  if (kind === 'n') {
    const digits = text.replace(/[,\s]/g, '').replace(/^[-+]/, '');
    if (/^\d+$/.test(digits) && digits.replace(/^0+/, '').length >= 16) return 'digits-lost';
    return undefined;
  }
  if (text.length >= 17 && /^\d{17,}$/.test(text) && /^0+$/.test(text.slice(15)))
    return 'digits-lost';
  return undefined;
}
