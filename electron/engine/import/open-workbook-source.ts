/**
 * Opens any file the importer accepts, deciding from the bytes, never the name: checks it
 * against the limits, refuses what is encrypted, hostile or not a spreadsheet with a message that
 * says what the file is, and hands the rest to the right reader. Runs inside the import worker.
 * SheetJS (and its code pages) is loaded only when a workbook needs it, never for text files.
 */
import { readFile, open as openFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  classifyOleEntries,
  classifyZipEntries,
  isBiffEncrypted,
} from '../../../shared/import/classify-container.ts';
import { detectFileSignature } from '../../../shared/import/detect-file-signature.ts';
import type { ImportLimits } from '../../../shared/import/import-limits.ts';
import { scanXmlProlog } from '../../../shared/import/scan-xml-prolog.ts';
import { err, type Result } from '../../../shared/result.ts';
import { checkOdsContent } from './check-ods-content.ts';
import { checkZipParts } from './check-zip-parts.ts';
import type { TextEncoding } from './decode-text.ts';
import { ImportError } from './import-error.ts';
import type { SourceFormat } from './source-table.ts';
import { openTextSource } from './text-source.ts';
import type { WorkbookSource } from './workbook-source.ts';
import { openZipArchive, type ZipArchive } from './zip-archive.ts';

/**
 * An xlsx with a part above this size is too large for the SheetJS fallback: what the
 * streaming reader refuses in it is refused, and its parts are not all inflated up front.
 */
const streamingPartBytes = 16 * 1024 ** 2;
/** Likewise for an xlsx above this total size. */
const streamingTotalBytes = 48 * 1024 ** 2;
/** Largest file held in memory for SheetJS (xls, xlsb, ods, html). */
const maxHeldBytes = 512 * 1024 ** 2;

/** What the user can choose when opening a file. */
export interface OpenSourceOptions {
  /** For text files: overrides the detected encoding. */
  readonly encoding?: TextEncoding;
}

function encrypted<T>(): Result<T> {
  return err(
    'encrypted',
    '文件已加密，请在 Excel 中取消密码后再导入',
    'The file is encrypted: remove the password in Excel, then import it again',
  );
}

function tooLargeToHold<T>(format: string): Result<T> {
  return err(
    'too-large',
    `文件过大，无法以 ${format} 格式读取（超过 ${maxHeldBytes / 1024 ** 2} MB）；请在 Excel 中另存为 xlsx 或 CSV 后再导入`,
    `The file is too large to read as ${format} (more than ${maxHeldBytes / 1024 ** 2} MB); save it as xlsx or CSV in Excel, then import it again`,
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

async function readSmallText(
  zip: ZipArchive,
  name: string,
  max: number,
): Promise<string | undefined> {
  const entry = zip.find(name);
  if (entry === undefined || entry.uncompressedSize > max) return undefined;
  return (await zip.read(entry)).toString('utf8');
}

/** Refusals of the streaming reader that no other reader may get round (hostile structure). */
function isFinalRefusal(code: string): boolean {
  return code === 'unsafe-xml' || code === 'shared-sheet-part' || code === 'cell-too-long';
}

async function openZipWorkbook(
  path: string,
  limits: ImportLimits,
): Promise<Result<WorkbookSource>> {
  const opened = await openZipArchive(path, limits);
  if (!opened.ok) return opened;
  const zip = opened.value;
  let keepOpen = false;
  try {
    const mimetype = await readSmallText(zip, 'mimetype', 200);
    const manifest = await readSmallText(zip, 'META-INF/manifest.xml', 4 * 1024 ** 2);
    const content = classifyZipEntries(zip.names, mimetype, manifest);
    if (content.kind === 'encrypted') return encrypted();
    if (content.kind === 'other') {
      return err(
        'not-a-spreadsheet',
        `这不是电子表格：文件内容是${content.what.zh}`,
        `This is not a spreadsheet: the file is ${content.what.en}`,
      );
    }
    const format = content.format;
    const sizes = zip.names.map((name) => zip.find(name)?.uncompressedSize ?? 0);
    const total = sizes.reduce((a, b) => a + b, 0);
    const largest = Math.max(0, ...sizes);
    const isLarge = largest > streamingPartBytes || total > streamingTotalBytes;
    if (format === 'xlsx' || format === 'xlsm') {
      // Every xlsx is read by the streaming reader: SheetJS invents values for empty typed
      // cells (`<c t="b"/>` as FALSE) and drops a whole sheet over an empty date cell. SheetJS
      // stays the fallback for a small workbook whose structure the streaming reader refuses.
      const checked = await checkZipParts(zip, !isLarge);
      if (!checked.ok) return checked;
      const { openXlsxStreamSource } = await import('./xlsx-stream-source.ts');
      const source = await openXlsxStreamSource(zip, format, limits);
      keepOpen = source.ok;
      if (source.ok || isLarge || isFinalRefusal(source.error.code)) return source;
      const { readSheetJsSource } = await import('./sheetjs-source.ts');
      return readSheetJsSource(await readFile(path), format);
    }
    if (largest > maxHeldBytes / 2) return tooLargeToHold(format);
    const checked = await checkZipParts(zip, true);
    if (!checked.ok) return checked;
    if (format === 'ods') {
      const ods = await checkOdsContent(zip, limits);
      if (!ods.ok) return ods;
    }
    const { readSheetJsSource } = await import('./sheetjs-source.ts');
    return readSheetJsSource(await readFile(path), format);
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, error: error.appError };
    throw error;
  } finally {
    if (!keepOpen) zip.close();
  }
}

/** The part of SheetJS's CFB container that the importer reads. */
interface CfbContainer {
  readonly FullPaths: readonly string[];
}

interface CfbEntry {
  readonly content?: ArrayLike<number>;
}

/** SheetJS's CFB reader, typed for what the importer uses of it. */
interface CfbReader {
  read(data: Uint8Array, options: { type: 'buffer' }): CfbContainer;
  find(container: CfbContainer, path: string): CfbEntry | null;
}

async function openOleWorkbook(bytes: Buffer, extension: string): Promise<Result<WorkbookSource>> {
  const XLSX = await import('xlsx');
  const { readSheetJsSource } = await import('./sheetjs-source.ts');
  const cfb = XLSX.CFB as CfbReader;
  let container: CfbContainer;
  try {
    container = cfb.read(bytes, { type: 'buffer' });
  } catch (error) {
    return err(
      'corrupt-file',
      '文件已损坏：它是 Excel 97-2003（OLE2 复合文档）格式，但其内部的扇区表无法读取，读不出任何工作表',
      'The file is damaged: it is an Excel 97-2003 file (an OLE2 compound file) whose sector table cannot be read, so no sheet can be read from it',
      [error instanceof Error ? error.message : String(error), `size: ${bytes.length} bytes`],
    );
  }
  const content = classifyOleEntries(container.FullPaths);
  if (content.kind === 'encrypted') return encrypted();
  if (content.kind === 'other') {
    return err(
      'not-a-spreadsheet',
      `这不是电子表格：文件内容是${content.what.zh}`,
      `This is not a spreadsheet: the file is ${content.what.en}`,
    );
  }
  const stream = cfb.find(container, 'Workbook') ?? cfb.find(container, 'Book');
  const data = stream?.content;
  if (
    data !== undefined &&
    isBiffEncrypted(data instanceof Uint8Array ? data : Uint8Array.from(data))
  ) {
    return encrypted();
  }
  const format: SourceFormat = extension === '.et' ? 'et' : 'xls';
  const source = readSheetJsSource(bytes, format);
  if (!source.ok && source.error.code === 'corrupt-file') {
    const streams = container.FullPaths.filter((p) => !p.endsWith('/')).map((p) =>
      p.replace(/^.*\//, ''),
    );
    return err(
      'corrupt-file',
      `文件已损坏：它是 Excel 97-2003 格式，内含 ${streams.length} 个数据流，但工作簿数据流无法解析`,
      `The file is damaged: it is an Excel 97-2003 file holding ${streams.length} streams, but its workbook stream cannot be parsed`,
      [...(source.error.details ?? []), `streams: ${streams.join(', ')}`],
    );
  }
  return source;
}

/** Opens a file with the reader its bytes call for, after the limits and safety checks. */
export async function openWorkbookSource(
  path: string,
  options: OpenSourceOptions,
  limits: ImportLimits,
): Promise<Result<WorkbookSource>> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return err('not-a-file', `不是文件：${path}`, `Not a file: ${path}`);
    size = info.size;
  } catch {
    return err('file-not-found', `找不到文件：${path}`, `File not found: ${path}`);
  }
  if (size === 0) return err('empty-file', '文件是空的', 'The file is empty');
  if (size > limits.maxFileBytes) {
    return err(
      'too-large',
      `文件过大（${Math.round(size / 1024 ** 2)} MB，上限 ${Math.round(limits.maxFileBytes / 1024 ** 2)} MB）`,
      `The file is too large (${Math.round(size / 1024 ** 2)} MB; the limit is ${Math.round(limits.maxFileBytes / 1024 ** 2)} MB)`,
    );
  }
  const extension = extname(path).toLowerCase();
  const head = await readHead(path, 8192);
  const signature = detectFileSignature(head);
  switch (signature.kind) {
    case 'empty':
      return err('empty-file', '文件是空的', 'The file is empty');
    case 'other':
      return err(
        'not-a-spreadsheet',
        `这不是电子表格：文件内容是${signature.what.zh}${extension ? `（只是扩展名为 ${extension}）` : ''}`,
        `This is not a spreadsheet: the file is ${signature.what.en}${extension ? ` (only named ${extension})` : ''}`,
      );
    case 'old-excel':
      return err(
        'old-excel-format',
        `这是很旧的 Excel 格式（Excel ${signature.version === 2 ? '2.x' : `${signature.version}.0`}，BIFF${signature.version}），本程序不能读取。请用 Excel 或 WPS 打开它，另存为 xlsx 后再导入`,
        `This is a very old Excel format (Excel ${signature.version === 2 ? '2.x' : `${signature.version}.0`}, BIFF${signature.version}) that cannot be read. Open it in Excel or WPS, save it as xlsx, then import it again`,
      );
    case 'text':
      return openTextSource(path, options);
    case 'html':
    case 'xml': {
      if (size > maxHeldBytes) return tooLargeToHold(signature.kind);
      const bytes = await readFile(path);
      if (signature.kind === 'html' && !/<table[\s>]/i.test(bytes.toString('latin1'))) {
        return err(
          'not-a-spreadsheet',
          `这不是电子表格：文件是一个网页，里面没有表格${extension ? `（只是扩展名为 ${extension}）` : ''}。请向报送单位要 Excel 或 CSV 格式的文件`,
          `This is not a spreadsheet: the file is a web page with no table in it${extension ? ` (only named ${extension})` : ''}. Ask for an Excel or CSV file`,
        );
      }
      if (signature.kind === 'xml') {
        const start = new TextDecoder().decode(bytes.subarray(0, 1024 * 1024));
        if (scanXmlProlog(start) !== 'clean') {
          return err(
            'unsafe-xml',
            '文件含有不安全的 XML 声明（DTD/实体定义），已拒绝导入',
            'The file carries an unsafe XML declaration (a DTD); refused',
          );
        }
      }
      const { readSheetJsSource } = await import('./sheetjs-source.ts');
      return readSheetJsSource(bytes, signature.kind);
    }
    case 'zip':
      return openZipWorkbook(path, limits);
    case 'ole':
      if (size > maxHeldBytes) return tooLargeToHold('xls');
      return openOleWorkbook(await readFile(path), extension);
  }
}
