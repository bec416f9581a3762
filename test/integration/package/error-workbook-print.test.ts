/**
 * The error workbook prints readably on A4 (issue #13): every visible sheet is landscape, fitted
 * to one page wide (as many pages down as it needs), on A4 paper, with its header row repeated
 * on every page (the print titles). Read back from the workbook's XML, as Excel reads it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportErrorWorkbook } from '../../../electron/engine/package/export-error-workbook.ts';
import {
  dataSheetName,
  helpSheetName,
  issueSheetName,
} from '../../../electron/engine/package/write-error-workbook.ts';
import type { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { readZipEntries } from '../../helpers/create-pack-workspace.ts';
import { createDemoWorkspace } from '../../helpers/open-demo-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let workspace: Workspace;
beforeAll(async () => {
  temp = await createTempDir();
  ({ workspace } = await createDemoWorkspace(temp.dir, { rows: 120, seed: 7, errorRate: 0.2 }));
});
afterAll(async () => {
  await workspace.close();
  await temp.cleanup();
});

/** The sheets of a workbook by name, each with its XML and its index in workbook.xml. */
function sheetsOf(entries: Map<string, Buffer>): Map<string, { index: number; xml: string }> {
  const workbook = entries.get('xl/workbook.xml')?.toString('utf8') ?? '';
  const rels = entries.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
  const targets = new Map(
    [...rels.matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [
      m[1],
      m[2],
    ]),
  );
  const sheets = new Map<string, { index: number; xml: string }>();
  [...workbook.matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)].forEach((m, i) => {
    const target = (targets.get(m[2] ?? '') ?? '').replace(/^\/?(xl\/)?/, '');
    sheets.set(m[1] ?? '', { index: i, xml: entries.get(`xl/${target}`)?.toString('utf8') ?? '' });
  });
  return sheets;
}

describe('the error workbook on paper', () => {
  it('prints every sheet landscape on A4, one page wide, with the header row on each page', async () => {
    const exported = await exportErrorWorkbook(workspace, { created: new Date('2026-12-01') });
    if (!exported.ok) throw new Error(exported.error.message.en);
    const { entries } = await readZipEntries(exported.value.bytes);
    const workbook = (entries.get('xl/workbook.xml')?.toString('utf8') ?? '').replaceAll(
      '&apos;',
      "'",
    );
    const sheets = sheetsOf(entries);
    for (const name of [dataSheetName, issueSheetName, helpSheetName]) {
      const sheet = sheets.get(name);
      if (sheet === undefined) throw new Error(`no sheet ${name}`);
      expect(/<pageSetUpPr [^>]*>/.exec(sheet.xml)?.[0], name).toContain('fitToPage="1"');
      const pageSetup = /<pageSetup [^>]*>/.exec(sheet.xml)?.[0] ?? '';
      expect(pageSetup, name).toContain('orientation="landscape"');
      expect(pageSetup, name).toContain('paperSize="9"'); // A4
      expect(pageSetup, name).toContain('fitToHeight="0"');
      // fitToWidth defaults to 1 when the attribute is absent.
      expect(pageSetup, name).not.toMatch(/fitToWidth="(?!1")/);
    }
    // The header row repeats on every printed page of the data and issue sheets.
    for (const name of [dataSheetName, issueSheetName]) {
      const index = sheets.get(name)?.index;
      expect(workbook, name).toContain(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">'${name}'!$1:$1</definedName>`,
      );
    }
  });
});
