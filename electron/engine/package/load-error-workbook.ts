/**
 * Opens a returned error workbook for merging without loading what merging does not read.
 * ExcelJS inflates every part of a workbook (pictures, drawings, every sheet) into memory, so a
 * workbook a department pasted a 200 MB photo into took merge past 2 GB. Here the file is opened
 * with the importer's zip reader and limits (yauzl: entry count, total size, compression ratio,
 * each entry's real inflated size checked against its declared size), and ExcelJS gets a small
 * zip of only the parts merging reads: content types, relationships, the workbook, styles,
 * shared strings and the two sheets merging reads (no media, drawings, comments or other sheets).
 * The part list is found by hand from the workbook's relationships because ExcelJS offers no way
 * to skip parts; the XML is read with the importer's saxes pass.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import type yauzl from 'yauzl';
import yazl from 'yazl';
import { defaultImportLimits, type ImportLimits } from '../../../shared/import/import-limits.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { ImportError } from '../import/import-error.ts';
import { parseXml } from '../import/stream-xml.ts';
import { openZipArchive, type ZipArchive } from '../import/zip-archive.ts';

/**
 * The largest single part merging hands ExcelJS. ExcelJS holds a loaded sheet at about 19 times
 * its XML size (measured: a 20,129-record workbook, sheets of 19 MB and 16 MB, peaks at 680 MB),
 * so 64 MiB (some 65,000 records with issues) keeps a merge under about 2 GB.
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
    `问题数据表「${basename(path)}」已损坏，无法读取；请让部门在 Excel 中重新保存后发回`,
    `The error workbook ${basename(path)} is damaged and cannot be read; ask the department to save it again in Excel`,
    details,
  );
}

/**
 * Loads the named sheets of an error workbook (with the parts they need) into ExcelJS, checking
 * the file against the importer's zip limits and each loaded part against `maxPartBytes`.
 */
export async function loadErrorWorkbook(
  path: string,
  sheets: readonly string[],
  limits: ErrorWorkbookLimits = {},
): Promise<Result<ExcelJS.Workbook>> {
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
    for (const entry of await findParts(zip, sheets, maxPartBytes)) {
      // The read checks the real inflated size against the declared one.
      parts.push({ path: entry.fileName.replace(/\\/g, '/'), bytes: await zip.read(entry) });
    }
  } catch (error) {
    if (error instanceof PartTooLargeError) {
      const { entry } = error;
      const mb = (n: number): string => String(Math.ceil(n / 1024 ** 2));
      return err(
        'workbook-part-too-large',
        `问题数据表「${basename(path)}」中的「${entry.fileName}」过大（${mb(entry.uncompressedSize)} MB，上限 ${mb(maxPartBytes)} MB），无法合并；请把问题数据表分成几份（每份少一些记录）后再合并`,
        `The part ${entry.fileName} of ${basename(path)} is too large (${mb(entry.uncompressedSize)} MB; the limit is ${mb(maxPartBytes)} MB); split the workbook and merge each part`,
      );
    }
    if (!(error instanceof ImportError)) throw error;
    const { message, details } = error.appError;
    return unreadable(path, [message.en, ...(details ?? [])]);
  } finally {
    zip.close();
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load((await storeZip(parts)) as unknown as ArrayBuffer);
  } catch (error) {
    return unreadable(path, [error instanceof Error ? error.message : String(error)]);
  }
  return ok(workbook);
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
