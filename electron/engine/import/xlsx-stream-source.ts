/**
 * The streaming xlsx reader, which reads every xlsx. SheetJS reads a sheet's whole XML into one
 * string; past the longest string Node allows (a 1,000,000-row register passes it) it returns an
 * EMPTY sheet and no error; and it invents values for empty typed cells (`<c t="b"/>` as FALSE). This reader never holds a sheet: it inflates the sheet
 * part from the zip and parses it with SAX, row by row. Only the shared strings (which every
 * reader must keep) stay in memory. Cell texts are formatted exactly as SheetJS does (its SSF
 * number formats, the 1904 date system), so both readers show the same text for the same cell.
 *
 * Before the rows are read, a raw scan of the sheet part finds its merged ranges (they follow
 * the rows in the XML) and counts its `<row>` elements; the SAX pass must meet the same count,
 * or the read is an error, never a shorter table.
 */
import { StringDecoder } from 'node:string_decoder';
import * as XLSX from 'xlsx';
import type yauzl from 'yauzl';
import { columnOfReference, parseCellReference } from '../../../shared/import/column-letter.ts';
import type { ImportLimits } from '../../../shared/import/import-limits.ts';
import { numberCellText } from '../../../shared/import/number-cell-text.ts';
import type { CellKind, MergedRange, RawRow } from '../../../shared/import/raw-row.ts';
import { ok, type Result } from '../../../shared/result.ts';
import { countRowElements } from './count-row-elements.ts';
import { ImportError, importError } from './import-error.ts';
import { parseXml } from './stream-xml.ts';
import { readPlainCell, type PlainCell } from './read-plain-cell.ts';
import {
  attributeValue,
  createXmlTokenizer,
  decodeXmlText,
  type XmlTokenHandlers,
} from './tokenize-xml.ts';
import type { SheetSource, WorkbookSource } from './workbook-source.ts';
import type { ZipArchive } from './zip-archive.ts';

const batchSize = 2000;
const escaped = /_x([0-9A-Fa-f]{4})_/g;

interface Relationship {
  readonly type: string;
  readonly target: string;
}

interface Styles {
  /** numFmtId of each cell format (the `s` attribute indexes it). */
  readonly cellFormats: readonly number[];
  /** Custom number formats by id. */
  readonly numberFormats: ReadonlyMap<number, string>;
}

/** What a raw scan of a sheet part found. */
interface SheetScan {
  readonly merges: readonly MergedRange[];
  readonly rowElements: number;
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash + 1);
}

/** Resolves a relationship target against the folder of the part that holds it. */
function resolveTarget(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dirname(base) + target).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

function relsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Unescapes the `_x000D_` escapes that OOXML writes for control characters. */
function unescapeOoxml(text: string): string {
  return text.includes('_x')
    ? text.replace(escaped, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

function parseRange(ref: string): MergedRange | undefined {
  const [from, to = from] = ref.split(':');
  const start = parseCellReference(from ?? '');
  const end = parseCellReference(to ?? '');
  if (start === undefined || end === undefined) return undefined;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.column, end.column),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.column, end.column),
  };
}

function missingPart(part: string): ImportError {
  return importError(
    'corrupt-file',
    `文件已损坏：缺少工作簿的组成部分「${part}」`,
    `The file is damaged: the workbook part ${part} is missing`,
  );
}

/** Opens a workbook for streaming: reads its sheet list, relationships and styles. */
export async function openXlsxStreamSource(
  zip: ZipArchive,
  format: 'xlsx' | 'xlsm',
  limits: Pick<ImportLimits, 'maxCellLength' | 'maxCells'>,
): Promise<Result<WorkbookSource>> {
  try {
    return ok(await openSource(zip, format, limits));
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, error: error.appError };
    throw error;
  }
}

/**
 * Reads the relationships of a part. With `isOptional`, a broken file gives none: a broken
 * package-level `_rels/.rels` only costs the workbook's path, which has a standard default
 * (SheetJS and openpyxl read such files too).
 */
async function readRelationships(
  zip: ZipArchive,
  part: string,
  isOptional = false,
): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  const entry = zip.find(relsPath(part));
  if (entry === undefined) return rels;
  try {
    await parseXml(
      zip.stream(entry),
      {
        open(name, attributes) {
          if (name !== 'Relationship') return;
          const id = attributes.Id ?? '';
          const target = attributes.Target ?? '';
          if (attributes.TargetMode === 'External') return;
          rels.set(id, { type: attributes.Type ?? '', target: resolveTarget(part, target) });
        },
      },
      relsPath(part),
    );
  } catch (error) {
    if (isOptional && error instanceof ImportError) return new Map();
    throw error;
  }
  return rels;
}

async function readStyles(zip: ZipArchive, entry: yauzl.Entry | undefined): Promise<Styles> {
  const cellFormats: number[] = [];
  const numberFormats = new Map<number, string>();
  if (entry === undefined) return { cellFormats, numberFormats };
  let inCellXfs = false;
  await parseXml(
    zip.stream(entry),
    {
      open(name, attributes) {
        if (name === 'numFmt') {
          numberFormats.set(Number(attributes.numFmtId), attributes.formatCode ?? 'General');
        } else if (name === 'cellXfs') {
          inCellXfs = true;
        } else if (name === 'xf' && inCellXfs) {
          cellFormats.push(Number(attributes.numFmtId ?? 0));
        }
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    },
    entry.fileName,
  );
  return { cellFormats, numberFormats };
}

async function readSharedStrings(
  zip: ZipArchive,
  entry: yauzl.Entry | undefined,
  maxCellLength: number,
): Promise<string[]> {
  const strings: string[] = [];
  if (entry === undefined) return strings;
  let current = '';
  let depthT = 0;
  let inPhonetic = false;
  const tooLong = () =>
    importError(
      'cell-too-long',
      `文件中有一段文字过长（超过 ${maxCellLength.toLocaleString('en-US')} 个字符）`,
      `A text in the file is too long (more than ${maxCellLength.toLocaleString('en-US')} characters)`,
    );
  await tokenizeEntry(zip, entry, {
    element(text, start) {
      // The plain string, as Excel writes nearly all of them: `<si><t>张三</t></si>`, read in
      // one step (the same string as the events below give); anything else goes that way.
      if (depthT > 0 || inPhonetic || !text.startsWith('<si><t', start)) return -1;
      let from = start + 6;
      if (text.startsWith(' xml:space="preserve">', from)) from += 22;
      else if (text.charCodeAt(from) === 62) from += 1;
      else return -1;
      const to = text.indexOf('<', from);
      if (to < 0 || !text.startsWith('</t></si>', to)) return -1;
      const plain = decodeXmlText(text.slice(from, to));
      if (plain.length > maxCellLength) throw tooLong();
      strings.push(unescapeOoxml(plain));
      return to + 9;
    },
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't') depthT += 1;
      else if (name === 'rPh') inPhonetic = true;
    },
    text(text) {
      if (depthT > 0 && !inPhonetic) {
        current += text;
        if (current.length > maxCellLength) throw tooLong();
      }
    },
    close(name) {
      if (name === 'si') strings.push(unescapeOoxml(current));
      else if (name === 't') depthT -= 1;
      else if (name === 'rPh') inPhonetic = false;
    },
  });
  return strings;
}

/** Runs a whole (large) part through the fast tokenizer. */
async function tokenizeEntry(
  zip: ZipArchive,
  entry: yauzl.Entry,
  handlers: XmlTokenHandlers,
): Promise<void> {
  const tokenizer = createXmlTokenizer(handlers, entry.fileName);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of zip.stream(entry)) tokenizer.write(decoder.write(chunk));
  tokenizer.write(decoder.end());
  tokenizer.end();
}

/**
 * Scans a sheet part's raw bytes for its merged ranges and counts its `<row>` elements. Each
 * chunk is searched with the last 300 bytes of the one before it, so that an element split
 * between two chunks is found; the text is made only of a chunk that mentions `mergeCell`.
 */
async function scanSheet(zip: ZipArchive, entry: yauzl.Entry): Promise<SheetScan> {
  const merges: MergedRange[] = [];
  let rowElements = 0;
  let carry = Buffer.alloc(0);
  const mergePattern = /<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref="([^"]*)"/g;
  for await (const chunk of zip.stream(entry)) {
    const bytes = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    rowElements += countRowElements(bytes, carry.length);
    if (bytes.includes(mergeCellName)) {
      // latin1: one character per byte, so the text's positions are the bytes'.
      for (const match of bytes.toString('latin1').matchAll(mergePattern)) {
        if (match.index + match[0].length <= carry.length) continue;
        const range = parseRange(match[1] ?? '');
        if (range !== undefined) merges.push(range);
      }
    }
    // A copy: a view would keep the whole chunk alive.
    carry = Buffer.from(bytes.subarray(-300));
  }
  return { merges, rowElements };
}

const mergeCellName = Buffer.from('mergeCell', 'latin1');

/**
 * Refuses a workbook in which several sheets point at one part. No spreadsheet program writes
 * one, and each such sheet would be read again in full: 300 sheets on one 30 MB part kept the
 * reader busy for ten minutes.
 */
function checkSheetParts(
  declared: readonly { readonly name: string; readonly id: string }[],
  rels: ReadonlyMap<string, Relationship>,
): void {
  const owners = new Map<string, string>();
  for (const sheet of declared) {
    const target = rels.get(sheet.id)?.target;
    if (target === undefined) continue;
    const owner = owners.get(target);
    if (owner !== undefined) {
      const sharing = declared.filter((s) => rels.get(s.id)?.target === target).length;
      const others = sharing > 2 ? `等 ${sharing} 个工作表` : '两个工作表';
      throw importError(
        'shared-sheet-part',
        `文件结构异常：工作表「${owner}」和「${sheet.name}」${others}指向同一份数据，Excel 和 WPS 不会保存出这样的文件，可能是恶意文件，已拒绝导入。请让报送单位用 Excel 或 WPS 重新导出后再导入`,
        `The file is malformed: the sheets ${owner}, ${sheet.name} and others (${sharing} in all) point at the same data; Excel and WPS never save such a file, so it was refused as possibly malicious. Ask the department to export it again from Excel or WPS`,
        [`part: ${target}`],
      );
    }
    owners.set(target, sheet.name);
  }
}

async function openSource(
  zip: ZipArchive,
  format: 'xlsx' | 'xlsm',
  limits: Pick<ImportLimits, 'maxCellLength' | 'maxCells'>,
): Promise<WorkbookSource> {
  const rootRels = await readRelationships(zip, '', true);
  const officeDocument = [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath =
    officeDocument !== undefined && zip.find(officeDocument.target) !== undefined
      ? officeDocument.target
      : 'xl/workbook.xml';
  const workbookEntry = zip.find(workbookPath);
  if (workbookEntry === undefined) throw missingPart(workbookPath);
  const declared: { name: string; state: string; id: string }[] = [];
  let date1904 = false;
  await parseXml(
    zip.stream(workbookEntry),
    {
      open(name, attributes) {
        if (name === 'sheet') {
          const idKey = Object.keys(attributes).find((key) => /(^|:)id$/.test(key));
          declared.push({
            name: attributes.name ?? '',
            state: attributes.state ?? 'visible',
            id: idKey === undefined ? '' : (attributes[idKey] ?? ''),
          });
        } else if (name === 'workbookPr' && attributes.date1904 !== undefined) {
          // Extensions (x15:workbookPr) reuse the name without the attribute.
          date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
        }
      },
    },
    workbookPath,
  );
  const rels = await readRelationships(zip, workbookPath);
  checkSheetParts(declared, rels);
  const byType = (suffix: string) =>
    [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const stylesTarget = byType('/styles');
  const styles = await readStyles(
    zip,
    stylesTarget === undefined ? undefined : zip.find(stylesTarget),
  );
  const stringsTarget = byType('/sharedStrings');
  const stringsEntry = stringsTarget === undefined ? undefined : zip.find(stringsTarget);
  let sharedStrings: Promise<string[]> | undefined;
  const loadSharedStrings = () =>
    (sharedStrings ??= readSharedStrings(zip, stringsEntry, limits.maxCellLength));
  const formatTable = XLSX.SSF.get_table() as Record<number, string>;

  const formatOf = (style: number): string => {
    const id = styles.cellFormats[style] ?? 0;
    return styles.numberFormats.get(id) ?? formatTable[id] ?? 'General';
  };

  const sheets: SheetSource[] = declared.map((sheet) => {
    const rel = rels.get(sheet.id);
    const kind: SheetSource['kind'] =
      rel === undefined || rel.type.endsWith('/worksheet') ? 'worksheet' : 'chart';
    const entry = rel === undefined ? undefined : zip.find(rel.target);
    let scan: Promise<SheetScan> | undefined;
    const scanned = () => {
      if (entry === undefined) return Promise.resolve({ merges: [], rowElements: 0 });
      return (scan ??= scanSheet(zip, entry));
    };
    return {
      name: sheet.name,
      hidden: sheet.state === 'hidden' || sheet.state === 'veryHidden',
      kind,
      merges: async () => (await scanned()).merges,
      rows: () =>
        kind === 'chart' || entry === undefined
          ? (async function* () {})()
          : readSheetRows(zip, entry, {
              loadSharedStrings,
              formatOf,
              date1904,
              limits,
              expectedRows: async () => (await scanned()).rowElements,
            }),
    };
  });
  if (sheets.length === 0) {
    throw importError(
      'corrupt-file',
      '文件已损坏：工作簿中没有任何工作表',
      'The file is damaged: the workbook lists no sheets',
    );
  }
  return { format, sheets, close: async () => zip.close() };
}

interface SheetContext {
  readonly loadSharedStrings: () => Promise<string[]>;
  readonly formatOf: (style: number) => string;
  readonly date1904: boolean;
  readonly limits: Pick<ImportLimits, 'maxCellLength' | 'maxCells'>;
  readonly expectedRows: () => Promise<number>;
}

/** Streams the rows of one sheet part: SAX, batch by batch. */
async function* readSheetRows(
  zip: ZipArchive,
  entry: yauzl.Entry,
  context: SheetContext,
): AsyncGenerator<RawRow[]> {
  const sharedStrings = await context.loadSharedStrings();
  const expected = await context.expectedRows();
  const { formatOf, date1904, limits } = context;
  let batch: RawRow[] = [];
  let rowElements = 0;
  let rowNumber = 0;
  let texts: string[] = [];
  let kinds: CellKind[] = [];
  let hasCell = false;
  let column = -1;
  let cellType = 'n';
  let cellStyle = 0;
  let capture: 'v' | 'is' | undefined;
  let inInlineText = false;
  let value = '';
  let inline = '';
  let inPhonetic = false;
  let cells = 0;

  const tooLong = () =>
    importError(
      'cell-too-long',
      `第 ${rowNumber} 行有一个单元格内容过长（超过 ${limits.maxCellLength.toLocaleString('en-US')} 个字符）`,
      `A cell in row ${rowNumber} is too long (more than ${limits.maxCellLength.toLocaleString('en-US')} characters)`,
    );

  const endCell = () => {
    let text: string;
    let kind: CellKind = 's';
    switch (cellType) {
      case 's': {
        // An empty typed cell (`<c r="B4" s="6" t="s"/>`, as WPS writes) is empty: `Number('')`
        // is 0 and would read it as the first shared string.
        const index = value.trim();
        if (!/^\d+$/.test(index)) return;
        text = sharedStrings[Number(index)] ?? '';
        break;
      }
      case 'str':
        text = unescapeOoxml(value);
        break;
      case 'inlineStr':
        text = unescapeOoxml(inline);
        break;
      case 'b':
        if (value.trim() === '') return;
        text = value.trim() === '1' || value.trim() === 'true' ? 'TRUE' : 'FALSE';
        kind = 'b';
        break;
      case 'e':
        text = value;
        kind = 'e';
        break;
      case 'd':
        text = value;
        kind = 'd';
        break;
      default: {
        if (value.trim() === '') return;
        const number = Number(value);
        const format = formatOf(cellStyle);
        let shown: string | undefined;
        try {
          shown = XLSX.SSF.format(format, number, { date1904 });
        } catch {
          shown = undefined;
        }
        text = numberCellText(number, shown);
        kind = XLSX.SSF.is_date(format) ? 'd' : 'n';
      }
    }
    if (text === '') return;
    texts[column] = text;
    kinds[column] = kind;
    hasCell = true;
    cells += 1;
  };

  const plain: PlainCell = { column: -1, type: undefined, style: 0, value: '' };
  const handlers: XmlTokenHandlers = {
    element(text, start) {
      // Inside a value or an inline string a cell is not a cell: the general way decides.
      if (capture !== undefined || inInlineText || inPhonetic) return -1;
      const end = readPlainCell(text, start, plain);
      if (end < 0) return -1;
      // As `open('c')`, then `<v>`'s text, then `close('c')` below.
      column = plain.column < 0 ? column + 1 : plain.column;
      cellType = plain.type ?? 'n';
      cellStyle = plain.style;
      value = plain.value;
      inline = '';
      if (value.length > limits.maxCellLength) throw tooLong();
      endCell();
      return end;
    },
    open(name, rawAttributes) {
      switch (name) {
        case 'row': {
          rowElements += 1;
          const r = Number(attributeValue(rawAttributes, 'r'));
          rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
          texts = [];
          kinds = [];
          hasCell = false;
          column = -1;
          break;
        }
        case 'c': {
          const r = attributeValue(rawAttributes, 'r');
          const ref = r === undefined ? -1 : columnOfReference(r);
          column = ref < 0 ? column + 1 : ref;
          cellType = attributeValue(rawAttributes, 't') ?? 'n';
          cellStyle = Number(attributeValue(rawAttributes, 's') ?? 0);
          value = '';
          inline = '';
          break;
        }
        case 'v':
          capture = 'v';
          break;
        case 'is':
          capture = 'is';
          break;
        case 't':
          inInlineText = capture === 'is';
          break;
        case 'rPh':
          inPhonetic = true;
          break;
      }
    },
    text(text) {
      if (capture === 'v') {
        value += text;
        if (value.length > limits.maxCellLength) throw tooLong();
      } else if (inInlineText && !inPhonetic) {
        inline += text;
        if (inline.length > limits.maxCellLength) throw tooLong();
      }
    },
    close(name) {
      switch (name) {
        case 'v':
          capture = undefined;
          break;
        case 'is':
          capture = undefined;
          break;
        case 't':
          inInlineText = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c':
          endCell();
          break;
        case 'row':
          if (hasCell) batch.push({ row: rowNumber, texts, kinds });
          if (cells > limits.maxCells) {
            throw importError(
              'too-many-cells',
              `工作表的单元格过多（超过 ${limits.maxCells.toLocaleString('en-US')} 个）`,
              `The sheet has too many cells (more than ${limits.maxCells.toLocaleString('en-US')})`,
            );
          }
          break;
      }
    },
  };
  const tokenizer = createXmlTokenizer(handlers, entry.fileName);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of zip.stream(entry)) {
    tokenizer.write(decoder.write(chunk));
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  tokenizer.write(decoder.end());
  tokenizer.end();
  if (batch.length > 0) yield batch;
  if (rowElements !== expected) {
    throw importError(
      'rows-lost',
      `读取不完整：工作表有 ${expected} 行记录，只读到 ${rowElements} 行`,
      `Incomplete read: the sheet holds ${expected} rows but only ${rowElements} were read`,
    );
  }
}
