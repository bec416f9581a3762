import { scanXmlProlog } from '../../../shared/import/scan-xml-prolog.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { TextDecoder } from 'node:util';
import { ImportError } from './import-error.ts';
import type { ZipArchive } from './zip-archive.ts';

const xmlPart = /\.(?:xml|rels|vml)$/i;
const maxProlog = 1024 * 1024;

function unsafe(part: string): Result<void> {
  return err(
    'unsafe-xml',
    `文件中的「${part}」含有不安全的 XML 声明（DTD/实体定义），可能是恶意文件，已拒绝导入`,
    `The part ${part} carries an unsafe XML declaration (a DTD or entity definitions); refused as possibly malicious`,
  );
}

/** Reads the prolog of one XML part; with `readAll`, inflates the rest of it too. */
async function checkPart(zip: ZipArchive, name: string, readAll: boolean): Promise<Result<void>> {
  const entry = zip.find(name);
  if (entry === undefined) return ok(undefined);
  const isXml = xmlPart.test(name);
  if (!isXml && !readAll) return ok(undefined);
  let decoder: TextDecoder | undefined;
  let text = '';
  let decided = !isXml;
  for await (const chunk of zip.stream(entry)) {
    if (!decided) {
      decoder ??= new TextDecoder(
        (chunk[0] === 0xff && chunk[1] === 0xfe) || chunk[1] === 0 ? 'utf-16le' : 'utf-8',
      );
      text += decoder.decode(chunk, { stream: true });
      const scan = scanXmlProlog(text);
      if (scan === 'doctype') return unsafe(name);
      if (scan === 'clean') decided = true;
      else if (text.length > maxProlog) return unsafe(name);
    }
    if (decided && !readAll) break;
  }
  return ok(undefined);
}

/**
 * Checks the parts of a zip workbook before any parser sees them: no XML part may carry a
 * document type declaration (entity expansion, external entities). With `readAll` every entry
 * is inflated to the end, so that an entry whose real size differs from its declared size (a
 * zip bomb in disguise) is caught here rather than inside SheetJS, which trusts the archive.
 */
export async function checkZipParts(zip: ZipArchive, readAll: boolean): Promise<Result<void>> {
  try {
    for (const name of zip.names) {
      if (name.endsWith('/')) continue;
      const checked = await checkPart(zip, name, readAll);
      if (!checked.ok) return checked;
    }
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, error: error.appError };
    throw error;
  }
  return ok(undefined);
}
