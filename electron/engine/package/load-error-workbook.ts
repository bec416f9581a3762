/**
 * Opens a returned error workbook for merging, whatever program saved it: Excel, WPS or
 * LibreOffice as xlsx, xls (or WPS's et) or ods. SheetJS reads it, because it reads what every
 * one of those programs writes (rich text, comments, shared or inline strings, BIFF8, OpenDocument),
 * where ExcelJS's reader refused LibreOffice's rich-text cells and crashed on openpyxl's comment
 * parts. Only what merging reads is loaded, within the importer's limits: an xlsx is opened with
 * the importer's zip reader (yauzl: entry count, total size, compression ratio, each entry's real
 * inflated size checked against its declared size), and SheetJS gets a small zip of only the
 * parts merging reads: content types, relationships, the workbook, styles, shared strings and
 * the two sheets merging reads (no media, drawings, comments or other sheets); an ods gives its
 * content and styles after the importer's check of repeated cells; an xls or et is read whole,
 * after its container is checked. The xlsx part list is found by hand from the workbook's
 * relationships because SheetJS offers no way to skip parts; the XML is read with the
 * importer's saxes pass. Every part loaded is at most `maxPartBytes`.
 */
import { open as openFile, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import * as XLSX from 'xlsx';
import type yauzl from 'yauzl';
import yazl from 'yazl';
import {
  classifyOleEntries,
  classifyZipEntries,
  isBiffEncrypted,
} from '../../../shared/import/classify-container.ts';
import { readUnlessLocked } from '../file-locked.ts';
import { detectFileSignature } from '../../../shared/import/detect-file-signature.ts';
import { defaultImportLimits, type ImportLimits } from '../../../shared/import/import-limits.ts';
import { assertNever, err, ok, type Result } from '../../../shared/result.ts';
import { checkOdsContent } from '../import/check-ods-content.ts';
import { ImportError } from '../import/import-error.ts';
import { quietly } from '../import/sheetjs-source.ts';
import { parseXml } from '../import/stream-xml.ts';
import { openZipArchive, type ZipArchive } from '../import/zip-archive.ts';

/**
 * The largest single part merging hands SheetJS (a sheet's XML, the shared strings, an ods's
 * content, a whole xls or et), so that what SheetJS holds in memory stays bounded. Measured
 * (SheetJS 0.20.3, 13-field 人口 records as the workbench writes them, about 53 bytes of sheet
 * XML a cell): 20,000 records make a 17.9 MB data sheet and load at 336 MB peak; 75,000 make
 * 67.7 MB, just over this cap, and would load at 820 MB. So the cap, not memory, sets the
 * limit: some 74,000 records of 17 columns, fewer with more columns (an xls holds 65,535).
 */
export const defaultMaxPartBytes = 64 * 1024 ** 2;

/** Limits of opening an error workbook for merging. */
export interface ErrorWorkbookLimits {
  /** Largest inflated size of one part that is loaded (a sheet, the shared strings). */
  readonly maxPartBytes?: number;
  /** The importer's zip limits. */
  readonly import?: ImportLimits;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash + 1);
}

/** Resolves a relationship target against the folder of the part that holds it. */
function resolveTarget(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folderOf(base) + target).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

function relsPath(part: string): string {
  return `${folderOf(part)}_rels/${part.slice(folderOf(part).length)}.rels`;
}

/** A part larger than merging loads (thrown while the part list is read, caught below). */
class PartTooLargeError extends Error {
  readonly entry: yauzl.Entry;

  constructor(entry: yauzl.Entry) {
    super(`${entry.fileName} is ${entry.uncompressedSize} bytes`);
    this.name = 'PartTooLargeError';
    this.entry = entry;
  }
}

/** The entry, unless it is larger than `maxPartBytes`. */
function checkPartSize(entry: yauzl.Entry, maxPartBytes: number): yauzl.Entry {
  if (entry.uncompressedSize > maxPartBytes) throw new PartTooLargeError(entry);
  return entry;
}

async function readRelationships(
  zip: ZipArchive,
  part: string,
  maxPartBytes: number,
): Promise<Map<string, { type: string; target: string }>> {
  const rels = new Map<string, { type: string; target: string }>();
  const found = zip.find(relsPath(part));
  if (found === undefined) return rels;
  const entry = checkPartSize(found, maxPartBytes);
  await parseXml(
    zip.stream(entry),
    {
      open(name, attributes) {
        if (name !== 'Relationship' || attributes.TargetMode === 'External') return;
        rels.set(attributes.Id ?? '', {
          type: attributes.Type ?? '',
          target: resolveTarget(part, attributes.Target ?? ''),
        });
      },
    },
    relsPath(part),
  );
  return rels;
}

/** The zip entries merging reads, with the paths ExcelJS expects them under. */
async function findParts(
  zip: ZipArchive,
  sheets: readonly string[],
  maxPartBytes: number,
): Promise<yauzl.Entry[]> {
  const rootRels = await readRelationships(zip, '', maxPartBytes);
  const office = [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = office?.target ?? 'xl/workbook.xml';
  const workbook = zip.find(workbookPath);
  if (workbook === undefined) return [];
  const ids = new Map<string, string>();
  await parseXml(
    zip.stream(checkPartSize(workbook, maxPartBytes)),
    {
      open(name, attributes) {
        if (name !== 'sheet') return;
        const idKey = Object.keys(attributes).find((key) => /(^|:)id$/.test(key));
        if (idKey !== undefined) ids.set(attributes.name ?? '', attributes[idKey] ?? '');
      },
    },
    workbookPath,
  );
  const rels = await readRelationships(zip, workbookPath, maxPartBytes);
  const targets = [
    '[Content_Types].xml',
    relsPath(''),
    workbookPath,
    relsPath(workbookPath),
    ...[...rels.values()]
      .filter((r) => r.type.endsWith('/styles') || r.type.endsWith('/sharedStrings'))
      .map((r) => r.target),
    ...sheets.flatMap((sheet) => {
      const rel = rels.get(ids.get(sheet) ?? '');
      return rel === undefined ? [] : [rel.target];
    }),
  ];
  return targets.flatMap((target) => {
    const entry = zip.find(target);
    return entry === undefined ? [] : [checkPartSize(entry, maxPartBytes)];
  });
}

function unreadable(path: string, details: readonly string[]): Result<never> {
  return err(
    'workbook-unreadable',
    `问题数据表「${basename(path)}」已损坏，无法读取；请让部门在 Excel 或 WPS 中重新保存后发回`,
    `The error workbook ${basename(path)} is damaged and cannot be read; ask the department to save it again in Excel or WPS`,
    details,
  );
}

/** The refusal of a file that is no workbook at all (text, a picture, a Word file). */
function notWorkbook(path: string, what: { zh: string; en: string }): Result<never> {
  return err(
    'not-error-workbook',
    `「${basename(path)}」不是工作台导出的问题数据表：文件内容是${what.zh}，无法合并；请让部门发回导出的那份问题数据表（xlsx、xls、et 或 ods 格式）`,
    `${basename(path)} is not an error workbook written by the workbench: the file is ${what.en}`,
  );
}

function tooLarge(path: string, part: string, bytes: number, maxPartBytes: number): Result<never> {
  const mb = (n: number): string => String(Math.ceil(n / 1024 ** 2));
  return err(
    'workbook-part-too-large',
    `问题数据表「${basename(path)}」中的「${part}」过大（${mb(bytes)} MB，上限 ${mb(maxPartBytes)} MB），无法合并；请把问题数据表分成几份（每份少一些记录）后再合并`,
    `The part ${part} of ${basename(path)} is too large (${mb(bytes)} MB; the limit is ${mb(maxPartBytes)} MB); split the workbook and merge each part`,
  );
}

function encrypted(path: string): Result<never> {
  return err(
    'encrypted',
    `问题数据表「${basename(path)}」设置了打开密码，无法合并；请让部门取消密码后重新保存发回`,
    `The error workbook ${basename(path)} is encrypted; ask the department to remove the password and send it again`,
  );
}

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const handle = await openFile(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The parts of an OpenDocument spreadsheet SheetJS reads. */
const odsParts = ['mimetype', 'META-INF/manifest.xml', 'content.xml', 'styles.xml'];

/** The bytes SheetJS reads of a zip workbook (xlsx, ods), within the limits. */
async function readZipWorkbook(
  path: string,
  sheets: readonly string[],
  importLimits: ImportLimits,
  maxPartBytes: number,
): Promise<Result<Buffer>> {
  const opened = await openZipArchive(path, importLimits);
  if (!opened.ok) {
    const { code, message, details } = opened.error;
    return err(
      code,
      `无法合并问题数据表「${basename(path)}」：${message.zh}`,
      `Cannot merge the error workbook ${basename(path)}: ${message.en}`,
      details,
    );
  }
  const zip = opened.value;
  const parts: { path: string; bytes: Buffer }[] = [];
  try {
    const small = async (name: string): Promise<string | undefined> => {
      const entry = zip.find(name);
      if (entry === undefined || entry.uncompressedSize > 4 * 1024 ** 2) return undefined;
      return (await zip.read(entry)).toString('utf8');
    };
    const content = classifyZipEntries(
      zip.names,
      await small('mimetype'),
      await small('META-INF/manifest.xml'),
    );
    if (content.kind === 'encrypted') return encrypted(path);
    if (content.kind === 'other') return notWorkbook(path, content.what);
    let entries: yauzl.Entry[];
    if (content.format === 'ods') {
      const checked = await checkOdsContent(zip, importLimits);
      if (!checked.ok) return unreadable(path, [checked.error.message.en]);
      entries = odsParts.flatMap((name) => {
        const entry = zip.find(name);
        return entry === undefined ? [] : [checkPartSize(entry, maxPartBytes)];
      });
    } else if (content.format === 'xlsb') {
      return notWorkbook(path, {
        zh: 'Excel 二进制工作簿（xlsb），请让部门另存为 xlsx',
        en: 'an Excel binary workbook (xlsb)',
      });
    } else {
      entries = await findParts(zip, sheets, maxPartBytes);
    }
    for (const entry of entries) {
      // The read checks the real inflated size against the declared one.
      parts.push({ path: entry.fileName.replace(/\\/g, '/'), bytes: await zip.read(entry) });
    }
  } catch (error) {
    if (error instanceof PartTooLargeError) {
      return tooLarge(path, error.entry.fileName, error.entry.uncompressedSize, maxPartBytes);
    }
    if (!(error instanceof ImportError)) throw error;
    const { message, details } = error.appError;
    return unreadable(path, [message.en, ...(details ?? [])]);
  } finally {
    zip.close();
  }
  return ok(await storeZip(parts));
}

/** The part of SheetJS's CFB container that is read here. */
interface CfbContainer {
  readonly FullPaths: readonly string[];
}

/** SheetJS's CFB reader, typed for what is used of it. */
interface CfbReader {
  read(data: Uint8Array, options: { type: 'buffer' }): CfbContainer;
  find(container: CfbContainer, path: string): { readonly content?: ArrayLike<number> } | null;
}

/** The bytes of an xls or et workbook, after its container is checked. */
async function readOleWorkbook(
  path: string,
  size: number,
  maxPartBytes: number,
): Promise<Result<Buffer>> {
  // The whole file is the part: BIFF8 holds a sheet in less room than its XML.
  if (size > maxPartBytes) return tooLarge(path, basename(path), size, maxPartBytes);
  const bytes = await readFile(path);
  const cfb = XLSX.CFB as CfbReader;
  let container: CfbContainer;
  try {
    container = cfb.read(bytes, { type: 'buffer' });
  } catch (error) {
    return unreadable(path, [error instanceof Error ? error.message : String(error)]);
  }
  const content = classifyOleEntries(container.FullPaths);
  if (content.kind === 'encrypted') return encrypted(path);
  if (content.kind === 'other') return notWorkbook(path, content.what);
  const data = (cfb.find(container, 'Workbook') ?? cfb.find(container, 'Book'))?.content;
  if (data !== undefined && isBiffEncrypted(Uint8Array.from(data))) return encrypted(path);
  return ok(bytes);
}

/** What the first bytes of a file that is no zip or OLE2 workbook say it is. */
const otherKinds = {
  empty: { zh: '空的', en: 'empty' },
  text: { zh: '文本（不是工作簿）', en: 'text, not a workbook' },
  html: { zh: '网页', en: 'a web page' },
  xml: { zh: 'XML 表格（请另存为 xlsx）', en: 'an XML spreadsheet' },
  'old-excel': { zh: '很旧的 Excel 格式（请另存为 xlsx）', en: 'a very old Excel format' },
} as const;

/**
 * Loads the named sheets of an error workbook with SheetJS (dense, with formulas, number
 * formats and empty cells kept, so a formula with no cached value and a date are told apart),
 * checking the file against the importer's limits and each loaded part against `maxPartBytes`.
 */
export async function loadErrorWorkbook(
  path: string,
  sheets: readonly string[],
  limits: ErrorWorkbookLimits = {},
): Promise<Result<XLSX.WorkBook>> {
  const importLimits = limits.import ?? defaultImportLimits;
  const maxPartBytes = limits.maxPartBytes ?? defaultMaxPartBytes;
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    return unreadable(path, [error instanceof Error ? error.message : String(error)]);
  }
  if (size > importLimits.maxFileBytes) {
    const mb = Math.round(importLimits.maxFileBytes / 1024 ** 2);
    return err(
      'workbook-too-large',
      `问题数据表「${basename(path)}」过大（超过 ${mb} MB），不像是工作台导出的问题数据表，无法合并`,
      `The error workbook ${basename(path)} is larger than ${mb} MB; it cannot be merged`,
    );
  }
  const head = await readUnlessLocked(path, () => readHead(path, 8192));
  if (!head.ok) return head;
  const signature = detectFileSignature(head.value);
  let bytes: Result<Buffer>;
  switch (signature.kind) {
    case 'zip':
      bytes = await readZipWorkbook(path, sheets, importLimits, maxPartBytes);
      break;
    case 'ole':
      bytes = await readOleWorkbook(path, size, maxPartBytes);
      break;
    case 'other':
      return notWorkbook(path, signature.what);
    case 'empty':
    case 'text':
    case 'html':
    case 'xml':
    case 'old-excel':
      return notWorkbook(path, otherKinds[signature.kind]);
    default:
      return assertNever(signature);
  }
  if (!bytes.ok) return bytes;
  const said: string[] = [];
  try {
    const workbook = quietly(said, () =>
      XLSX.read(bytes.value, {
        type: 'buffer',
        sheets: [...sheets],
        dense: true,
        cellFormula: true,
        cellNF: true,
        cellDates: false,
        cellStyles: false,
        cellHTML: false,
        sheetStubs: true,
        bookVBA: false,
        bookDeps: false,
      }),
    );
    return ok(workbook);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(message)) return encrypted(path);
    return unreadable(path, [message, ...said]);
  }
}

/** Zips the parts without compressing them (they are unzipped again at once). */
async function storeZip(parts: readonly { path: string; bytes: Buffer }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const part of parts) zip.addBuffer(part.bytes, part.path, { compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
