import { cleanHeaderText } from './clean-header-text.ts';
import { columnLetter } from './column-letter.ts';
import { stripRequiredMarker } from './strip-required-marker.ts';

/** Column names ready for mapping, with the columns that a template marked required. */
export interface ColumnNames {
  readonly names: readonly string[];
  readonly required: readonly boolean[];
}

/**
 * Names the columns of a table from their header texts (one per column, `''` when the header
 * is empty): the required marker `*` removed, a name made from the column letter for an empty
 * header (`列C`), and repeated names made unique (`金额`, `金额_2`).
 */
export function createColumnNames(
  headers: readonly string[],
  sourceColumns: readonly number[],
): ColumnNames {
  const used = new Set<string>();
  const names: string[] = [];
  const required: boolean[] = [];
  headers.forEach((header, i) => {
    const stripped = stripRequiredMarker(cleanHeaderText(header));
    let name = stripped.title === '' ? `列${columnLetter(sourceColumns[i] ?? i)}` : stripped.title;
    if (used.has(name)) {
      let n = 2;
      while (used.has(`${name}_${n}`)) n += 1;
      name = `${name}_${n}`;
    }
    used.add(name);
    names.push(name);
    required.push(stripped.isRequired);
  });
  return { names, required };
}
