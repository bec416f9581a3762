import type { LocalizedText } from '../i18n/localized-text.ts';
import { detectDelimiter } from './detect-delimiter.ts';

/** Names that promise a workbook: text behind one of them was meant to be a table. */
const spreadsheetExtensions = new Set(['.xls', '.xlsx', '.xlsm', '.xlsb', '.et', '.ods']);

/**
 * More lines than this with no delimiter may be a real one-column list (a column of IDs saved as
 * `.xls`); up to this many they are a note, a sentence or an error page, not a table.
 */
const fewLines = 5;

/** How much of the text the message quotes. */
const quotedChars = 40;

/**
 * Detects a file named as a spreadsheet whose content is a line of text, or a few lines with no
 * delimiter, and says what it is; undefined for a table (a CSV or TSV saved as `.xls` is one).
 * `text` is the whole file, decoded; `extension` is the file's, with its dot.
 */
export function detectLoneText(text: string, extension: string): LocalizedText | undefined {
  const named = extension.toLowerCase();
  if (!spreadsheetExtensions.has(named)) return undefined;
  const lines = text
    .split(/\r\n|\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const first = lines[0];
  if (first === undefined || lines.length > fewLines) return undefined;
  if (text.includes(detectDelimiter(text))) return undefined;
  const chars = Array.from(first);
  const quoted = chars.slice(0, quotedChars).join('') + (chars.length > quotedChars ? '…' : '');
  const count =
    lines.length === 1
      ? { zh: '一行', en: 'a line' }
      : {
          zh: ` ${lines.length} 行`,
          en: `${lines.length} lines`,
        };
  return {
    zh: `文件扩展名是 ${named}，但内容是${count.zh}文本：「${quoted}」，不是表格。请确认选的是数据文件，或向报送单位要 Excel 或 CSV 格式的表格`,
    en: `The file is named ${named}, but it holds ${count.en} of text ("${quoted}"), not a table. Check that this is the data file, or ask for an Excel or CSV file`,
  };
}
