/**
 * The parts of a workbook written with a namespace prefix on every element (`<x:row>`,
 * `<x:c>`, `<x:sst>`), as some exporters write, holding a header, two data rows and then
 * styled empty cells (`<x:c r="A4" s="6" t="s"/>`) in rows the `<x:dimension>` leaves out.
 */
export function prefixedWorkbookParts(): Map<string, string> {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const relsNs = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const docRels = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const strings = ['姓名', '身份证号', '金额', '张三', '李四'];
  const cell = (ref: string, index: number) => `<x:c r="${ref}" t="s"><x:v>${index}</x:v></x:c>`;
  const number = (ref: string, value: string) => `<x:c r="${ref}" s="6"><x:v>${value}</x:v></x:c>`;
  const emptyRows = [4, 5, 6, 7, 8]
    .map(
      (row) =>
        `<x:row r="${row}">` +
        ['A', 'B', 'C'].map((column) => `<x:c r="${column}${row}" s="6" t="s"/>`).join('') +
        '</x:row>',
    )
    .join('');
  const rels = (body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><pr:Relationships xmlns:pr="${relsNs}">${body}</pr:Relationships>`;
  return new Map([
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '</Types>',
    ],
    [
      '_rels/.rels',
      rels(
        `<pr:Relationship Id="rId1" Type="${docRels}/officeDocument" Target="xl/workbook.xml"/>`,
      ),
    ],
    [
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="${main}" xmlns:r="${docRels}">` +
        '<x:sheets><x:sheet name="发放明细" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      rels(
        `<pr:Relationship Id="rId1" Type="${docRels}/worksheet" Target="worksheets/sheet1.xml"/>` +
          `<pr:Relationship Id="rId2" Type="${docRels}/styles" Target="styles.xml"/>` +
          `<pr:Relationship Id="rId3" Type="${docRels}/sharedStrings" Target="sharedStrings.xml"/>`,
      ),
    ],
    [
      'xl/styles.xml',
      `<?xml version="1.0" encoding="UTF-8"?><x:styleSheet xmlns:x="${main}">` +
        '<x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="0.00"/></x:numFmts>' +
        '<x:fonts count="1"><x:font><x:sz val="11"/></x:font></x:fonts>' +
        '<x:fills count="1"><x:fill><x:patternFill patternType="none"/></x:fill></x:fills>' +
        '<x:borders count="1"><x:border/></x:borders>' +
        '<x:cellStyleXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellStyleXfs>' +
        '<x:cellXfs count="7">' +
        '<x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'.repeat(6) +
        '<x:xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
        '</x:cellXfs></x:styleSheet>',
    ],
    [
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8"?><x:sst xmlns:x="${main}" count="${strings.length}" uniqueCount="${strings.length}">` +
        strings.map((text) => `<x:si><x:t>${text}</x:t></x:si>`).join('') +
        '</x:sst>',
    ],
    [
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${main}">` +
        '<x:dimension ref="A1:C3"/><x:sheetData>' +
        `<x:row r="1">${cell('A1', 0)}${cell('B1', 1)}${cell('C1', 2)}</x:row>` +
        `<x:row r="2">${cell('A2', 3)}<x:c r="B2" t="str"><x:v>370102199001011234</x:v></x:c>${number('C2', '1200.5')}</x:row>` +
        `<x:row r="3">${cell('A3', 4)}<x:c r="B3" t="str"><x:v>37010219900101123X</x:v></x:c>${number('C3', '800')}</x:row>` +
        emptyRows +
        '</x:sheetData></x:worksheet>',
    ],
  ]);
}
