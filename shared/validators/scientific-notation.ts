import { createFinding, type Finding } from './finding.ts';

/** A number as a spreadsheet shows it in scientific notation: `3.71702E+17`, `1.2e17`. */
const scientificPattern = /^[+-]?\d+(?:\.\d*)?[eE][+-]?\d+$/;

/** True when the value is a number written in scientific notation. */
export function isScientificNotation(value: string): boolean {
  return scientificPattern.test(value);
}

/**
 * The finding for a long number a spreadsheet stored as a float and showed in scientific
 * notation: its last digits are gone, so there is nothing certain to suggest.
 */
export function createScientificNotationFinding(value: string): Finding {
  return createFinding(
    'scientific-notation',
    'error',
    `被表格软件存成了科学计数法（${value}），后几位数字已丢失，无法恢复；请向提供单位索取原始值，并把该列设为文本格式后重新导出`,
    `was stored by a spreadsheet in scientific notation (${value}); its last digits are lost and cannot be recovered: ask the provider for the original value and re-export with the column formatted as text`,
  );
}
