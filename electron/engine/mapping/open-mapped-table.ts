/**
 * The one way a file comes into the engine with its mapping: open the file's table, then choose
 * the mapping (a named template, else a stored one of the same layout, else the suggestions from
 * the headers and the first rows' values). The command-line verbs and the app's import and
 * mapping handlers all start here, so a file maps the same way wherever it is opened.
 */
import { suggestTableValueMaps } from '../../../shared/mapping/suggest-table-value-maps.ts';
import type { Dataset, Pack } from '../../../shared/pack/pack-schema.ts';
import { ok, type Result } from '../../../shared/result.ts';
import { openTable, type OpenTableOptions, type WorkbookOpener } from '../import/open-workbook.ts';
import type { SourceTable } from '../import/source-table.ts';
import { chooseMapping, type MappingChoice } from './choose-mapping.ts';
import {
  peekRows,
  readColumnValues,
  samplesOf,
  toValueCounts,
  withRows,
  type ColumnValues,
} from './read-column-values.ts';

/** Rows whose values feed the suggestions unless told otherwise. */
export const defaultSampleRows = 500;

/** How to open the file and choose its mapping. */
export interface OpenMappedTableOptions {
  /** Which sheet, header row and encoding (the detected ones when absent). */
  readonly open?: OpenTableOptions;
  /** A template file the user named (`--template`). */
  readonly templatePath?: string;
  /** The providing department: only its stored templates apply by themselves. */
  readonly department?: string;
  /** Suggest afresh even when a stored template matches the layout. */
  readonly ignoreStore?: boolean;
  /** The template store to look in (default: `templatesDirectory()`). */
  readonly templatesDir?: string;
  /** Rows sampled for the suggestions (default 500). */
  readonly sampleRows?: number;
  /**
   * Read every row to count each column's distinct values, for value-map suggestions: the
   * table's rows are then used up (for `map`, which shows the mapping and imports nothing).
   */
  readonly isCountingValues?: boolean;
  /** How the file is opened (default `openWorkbook`; the app's import keeps it open). */
  readonly openWorkbook?: WorkbookOpener;
}

/** A file's table and its chosen mapping. The caller closes the table. */
export interface MappedTable {
  /** The table; `rows()` streams every row once, the sampled ones included. */
  readonly table: SourceTable;
  readonly choice: MappingChoice;
  /** Every column's samples and distinct values, when `isCountingValues` was set. */
  readonly values?: ColumnValues;
}

/** Opens the file's table and chooses its mapping; on failure nothing is left open. */
export async function openMappedTable(
  path: string,
  pack: Pack,
  dataset: Dataset,
  options: OpenMappedTableOptions = {},
): Promise<Result<MappedTable>> {
  const opened = await openTable(path, options.open, options.openWorkbook);
  if (!opened.ok) return opened;
  let table = opened.value;
  const { columns } = table;
  let values: ColumnValues | undefined;
  const choice = await chooseMapping(pack, dataset, columns, {
    ...(options.templatePath === undefined ? {} : { templatePath: options.templatePath }),
    ...(options.department === undefined ? {} : { department: options.department }),
    ignoreStore: options.ignoreStore === true,
    ...(options.templatesDir === undefined ? {} : { templatesDir: options.templatesDir }),
    place: { sheet: table.sheet, headerRow: table.headerRow },
    samples: async () => {
      if (options.isCountingValues === true) {
        values = await readColumnValues(columns, table.rows(), {
          sampleRows: options.sampleRows ?? defaultSampleRows,
        });
        return values.samples;
      }
      // The sampled rows are read once: the table streams them again, then the rest.
      const peeked = await peekRows(table.rows(), options.sampleRows ?? defaultSampleRows);
      table = withRows(table, peeked.all);
      return samplesOf(columns, peeked.head);
    },
    valueMaps: (suggestion) =>
      Promise.resolve(
        values === undefined
          ? []
          : suggestTableValueMaps(pack, dataset, suggestion, values.distinct.map(toValueCounts)),
      ),
  }).catch(async (error: unknown) => {
    await table.close();
    throw error;
  });
  if (!choice.ok) {
    await table.close();
    return choice;
  }
  if (options.isCountingValues === true && values === undefined) {
    // A template chose the mapping without samples; `map` still lists the values.
    values = await readColumnValues(columns, table.rows(), {
      sampleRows: options.sampleRows ?? defaultSampleRows,
    });
  }
  return ok({ table, choice: choice.value, ...(values === undefined ? {} : { values }) });
}
