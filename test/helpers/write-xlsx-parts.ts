/**
 * Writes xlsx files part by part, for tests that need a workbook no spreadsheet program would
 * write: empty typed cells as WPS writes them, sheets that share one part, huge cells. The
 * parts are zipped with yazl (the zip writer the app already depends on).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import yazl from 'yazl';

/** One worksheet: its name and the XML of its `<sheetData>` children (the rows). */
export interface SheetPart {
  readonly name: string;
  readonly rows: string;
}

/** What a minimal workbook holds. */
export interface XlsxPartsOptions {
  readonly sheets: readonly SheetPart[];
  /** The shared strings table, in order (`t="s"` cells index it). */
  readonly sharedStrings?: readonly string[];
  /**
   * The worksheet part each sheet's relationship points at, by sheet position; by default
   * `xl/worksheets/sheet<n>.xml`. Several sheets may name one part (a hostile workbook).
   */
  readonly targets?: readonly string[];
}

const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const relsNs = 'http://schemas.openxmlformats.org/package/2006/relationships';
const docRels = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The parts of a minimal valid xlsx holding the given sheets, by zip path. */
export function createXlsxParts(options: XlsxPartsOptions): Map<string, string> {
  const parts = new Map<string, string>();
  const targets = options.sheets.map(
    (_sheet, index) => options.targets?.[index] ?? `xl/worksheets/sheet${index + 1}.xml`,
  );
  const uniqueTargets = [...new Set(targets)];
  parts.set(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      uniqueTargets
        .map(
          (target) =>
            `<Override PartName="/${target}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '</Types>',
  );
  parts.set(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${relsNs}">` +
      `<Relationship Id="rId1" Type="${docRels}/officeDocument" Target="xl/workbook.xml"/>` +
      '</Relationships>',
  );
  parts.set(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${docRels}"><sheets>` +
      options.sheets
        .map(
          (sheet, index) =>
            `<sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`,
        )
        .join('') +
      '</sheets></workbook>',
  );
  const count = options.sheets.length;
  parts.set(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${relsNs}">` +
      targets
        .map(
          (target, index) =>
            `<Relationship Id="rId${index + 1}" Type="${docRels}/worksheet" Target="/${target}"/>`,
        )
        .join('') +
      `<Relationship Id="rId${count + 1}" Type="${docRels}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${count + 2}" Type="${docRels}/sharedStrings" Target="sharedStrings.xml"/>` +
      '</Relationships>',
  );
  parts.set(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${main}">` +
      '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>' +
      '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
      '<borders count="1"><border/></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="7">' +
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'.repeat(6) +
      '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '</cellXfs></styleSheet>',
  );
  const strings = options.sharedStrings ?? [];
  parts.set(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${main}" count="${strings.length}" uniqueCount="${strings.length}">` +
      strings.map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`).join('') +
      '</sst>',
  );
  options.sheets.forEach((sheet, index) => {
    const target = targets[index] ?? '';
    if (parts.has(target)) return;
    parts.set(
      target,
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${main}"><sheetData>${sheet.rows}</sheetData></worksheet>`,
    );
  });
  return parts;
}

/** Zips the parts, as given, into an xlsx file at `path`. */
export async function writeZipParts(
  path: string,
  parts: ReadonlyMap<string, string | Buffer>,
): Promise<void> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(Date.UTC(2024, 0, 1));
  for (const [name, content] of parts) {
    zip.addBuffer(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, name, {
      mtime,
    });
  }
  zip.end();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  await once(out, 'close');
}

/** Writes a minimal xlsx holding the given sheets. */
export async function writeXlsxParts(path: string, options: XlsxPartsOptions): Promise<void> {
  await writeZipParts(path, createXlsxParts(options));
}
