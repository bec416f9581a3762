/** The delimiters the importer recognises in text files. */
export type Delimiter = ',' | '\t' | ';' | '|';

const candidates: readonly Delimiter[] = [',', '\t', ';', '|'];

/** Counts a delimiter in one line, outside double quotes. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count += 1;
  }
  return count;
}

/**
 * Detects the delimiter of a text file from a sample of its first lines: the candidate that
 * splits the most lines into the same number of fields, weighted by that number (so that a tab
 * padded inside every comma-separated value does not win). Comma when nothing splits.
 */
export function detectDelimiter(sample: string): Delimiter {
  const lines = sample
    .split(/\r\n|\n|\r/)
    .slice(0, 500)
    .filter((line) => line.trim() !== '');
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const delimiter of candidates) {
    const frequency = new Map<number, number>();
    for (const line of lines) {
      const count = countOutsideQuotes(line, delimiter);
      if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    }
    let score = 0;
    for (const [count, lineCount] of frequency) {
      score = Math.max(score, lineCount * Math.log2(count + 1));
    }
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}
