import type { LocalizedText } from '../i18n/localized-text.ts';

/** What a zip or OLE2 container holds, as far as the importer cares. */
export type ContainerContent =
  | { readonly kind: 'workbook'; readonly format: 'xlsx' | 'xlsm' | 'xlsb' | 'ods' | 'xls' }
  | { readonly kind: 'encrypted' }
  | { readonly kind: 'other'; readonly what: LocalizedText };

function normalise(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/**
 * Classifies a zip container by its entry names (and, for OpenDocument, its `mimetype` entry
 * and manifest): an Office Open XML workbook (xlsx, xlsm, xlsb), an OpenDocument spreadsheet
 * (plain or encrypted), or some other document named for what it is.
 */
export function classifyZipEntries(
  names: readonly string[],
  mimetype?: string,
  manifest?: string,
): ContainerContent {
  const set = new Set(names.map(normalise));
  if (mimetype !== undefined && mimetype.startsWith('application/vnd.oasis.opendocument.')) {
    if (manifest !== undefined && /encryption-data/.test(manifest)) return { kind: 'encrypted' };
    if (mimetype.trim() === 'application/vnd.oasis.opendocument.spreadsheet') {
      return { kind: 'workbook', format: 'ods' };
    }
    return {
      kind: 'other',
      what: { zh: 'OpenDocument 文本或演示文稿', en: 'an OpenDocument text or presentation' },
    };
  }
  if (set.has('xl/workbook.bin')) return { kind: 'workbook', format: 'xlsb' };
  if (set.has('xl/workbook.xml') || [...set].some((n) => /^xl\/[^/]*workbook[^/]*\.xml$/.test(n))) {
    return { kind: 'workbook', format: set.has('xl/vbaproject.bin') ? 'xlsm' : 'xlsx' };
  }
  if (set.has('content.xml') && [...set].some((n) => n === 'meta-inf/manifest.xml')) {
    return { kind: 'workbook', format: 'ods' };
  }
  if (set.has('word/document.xml'))
    return { kind: 'other', what: { zh: 'Word 文档', en: 'a Word document' } };
  if (set.has('ppt/presentation.xml')) {
    return { kind: 'other', what: { zh: 'PowerPoint 演示文稿', en: 'a PowerPoint presentation' } };
  }
  if (set.size === 0)
    return { kind: 'other', what: { zh: '空的压缩包', en: 'an empty zip archive' } };
  return {
    kind: 'other',
    what: { zh: '普通 zip 压缩包（不含工作簿）', en: 'a zip archive with no workbook in it' },
  };
}

/**
 * Classifies an OLE2 compound file by its stream names: an Excel 97-2003 or WPS workbook
 * (`Workbook`, or `Book` for Excel 5/95), an Office file encrypted with a password
 * (`EncryptionInfo` + `EncryptedPackage`), or another Office document.
 */
export function classifyOleEntries(names: readonly string[]): ContainerContent {
  const set = new Set(names.map((name) => name.replace(/^.*\//, '').toLowerCase()));
  if (set.has('encryptedpackage') || set.has('encryptioninfo')) return { kind: 'encrypted' };
  if (set.has('workbook') || set.has('book')) return { kind: 'workbook', format: 'xls' };
  if (set.has('worddocument'))
    return { kind: 'other', what: { zh: 'Word 97-2003 文档', en: 'a Word 97-2003 document' } };
  if (set.has('powerpoint document')) {
    return {
      kind: 'other',
      what: { zh: 'PowerPoint 97-2003 演示文稿', en: 'a PowerPoint 97-2003 presentation' },
    };
  }
  return {
    kind: 'other',
    what: { zh: 'OLE2 复合文档（不含工作簿）', en: 'an OLE2 compound file with no workbook in it' },
  };
}

/**
 * True when an Excel 97-2003 workbook stream is encrypted: a FILEPASS record (0x002F) in the
 * workbook globals, before the first sheet's BOUNDSHEET (0x0085) or the globals' EOF (0x000A).
 */
export function isBiffEncrypted(stream: Uint8Array): boolean {
  let offset = 0;
  for (let records = 0; records < 2000 && offset + 4 <= stream.length; records += 1) {
    const type = (stream[offset] ?? 0) | ((stream[offset + 1] ?? 0) << 8);
    const length = (stream[offset + 2] ?? 0) | ((stream[offset + 3] ?? 0) << 8);
    if (type === 0x002f) return true;
    if (type === 0x0085 || type === 0x000a) return false;
    offset += 4 + length;
  }
  return false;
}
