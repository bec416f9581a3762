import type { ImportLimits } from '../../../shared/import/import-limits.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { ImportError } from './import-error.ts';
import { parseXml } from './stream-xml.ts';
import type { ZipArchive } from './zip-archive.ts';

/** The widest sheet a spreadsheet program allows (Excel's XFD). */
const maxSheetColumns = 16_384;

function repeatOf(attributes: Readonly<Record<string, string>>, name: string): number {
  const key = Object.keys(attributes).find((k) => k === name || k.endsWith(`:${name}`));
  const value = key === undefined ? 1 : Number(attributes[key]);
  return Number.isFinite(value) && value >= 1 ? value : 1;
}

/**
 * Counts the cells an OpenDocument spreadsheet really fills before SheetJS expands it: a row
 * repeated 999,999,999 times holding a cell repeated 999,999,999 times is 10^18 cells from a
 * 1 KB file. Empty repeated rows and columns (LibreOffice writes them to the sheet's end) cost
 * nothing and pass.
 */
export async function checkOdsContent(
  zip: ZipArchive,
  limits: Pick<ImportLimits, 'maxCells'>,
): Promise<Result<void>> {
  const entry = zip.find('content.xml');
  if (entry === undefined) {
    return err(
      'corrupt-file',
      '文件已损坏：缺少 content.xml',
      'The file is damaged: content.xml is missing',
    );
  }
  let total = 0;
  let rowRepeat = 1;
  let rowFilled = 0;
  let column = 0;
  let cellRepeat = 1;
  let cellFilled = false;
  let tooMany: Result<void> | undefined;
  try {
    await parseXml(
      zip.stream(entry),
      {
        open(name, attributes) {
          if (name === 'table-row') {
            rowRepeat = repeatOf(attributes, 'number-rows-repeated');
            rowFilled = 0;
            column = 0;
          } else if (name === 'table-cell' || name === 'covered-table-cell') {
            cellRepeat = repeatOf(attributes, 'number-columns-repeated');
            cellFilled = Object.keys(attributes).some((key) => key.endsWith('value-type'));
          } else if (name === 'p') {
            cellFilled = true;
          }
        },
        close(name) {
          if (name === 'table-cell' || name === 'covered-table-cell') {
            column += cellRepeat;
            if (cellFilled) rowFilled += cellRepeat;
            if (cellFilled && column > maxSheetColumns) {
              tooMany ??= err(
                'too-many-columns',
                `表格声明的有值列超过了 ${maxSheetColumns} 列，可能是恶意文件，已拒绝`,
                `The sheet declares filled cells beyond column ${maxSheetColumns}; refused as possibly malicious`,
              );
            }
            cellFilled = false;
          } else if (name === 'table-row') {
            total += rowRepeat * rowFilled;
            if (total > limits.maxCells) {
              tooMany ??= err(
                'too-many-cells',
                `表格声明了过多有值的单元格（超过 ${limits.maxCells.toLocaleString('en-US')} 个），可能是恶意文件，已拒绝`,
                `The sheet declares too many filled cells (more than ${limits.maxCells.toLocaleString('en-US')}); refused as possibly malicious`,
              );
            }
          }
        },
      },
      'content.xml',
    );
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, error: error.appError };
    throw error;
  }
  return tooMany ?? ok(undefined);
}
