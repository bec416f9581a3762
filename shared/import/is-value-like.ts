import type { CellKind } from './raw-row.ts';

const numberText = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;
const dateText =
  /^\d{4}(?:[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?|\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;
const timeText = /^\d{1,2}:\d{2}(?::\d{2})?$/;
const booleanText = /^(?:true|false)$/i;

/**
 * True when a cell holds a value rather than a label: a number, date, time, boolean or error
 * cell, or a text that reads as one (`1,234.5`, `2023-03-01`, `20230301`, `12:30`). Header rows
 * are made of labels; data rows mostly of values.
 */
export function isValueLike(text: string, kind: CellKind | undefined = 's'): boolean {
  if (kind !== undefined && kind !== 's') return true;
  return (
    numberText.test(text) || dateText.test(text) || timeText.test(text) || booleanText.test(text)
  );
}
