/**
 * The error workbook: it opens in a real spreadsheet program (LibreOffice converts it without
 * error, and the cells it shows highlighted are exactly the issue cells), every value is text,
 * and the department's fixed copy merges back into the project by record id, as one operation,
 * with the issues it fixed gone and a cell changed on both sides reported as a conflict.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBuiltinCodeTable } from '../../../shared/code-tables/builtin-code-tables.ts';
import { exportErrorWorkbook } from '../../../electron/engine/package/export-error-workbook.ts';
import { mergeErrorWorkbook } from '../../../electron/engine/package/merge-error-workbook.ts';
import {
  codeNameHeader,
  dataSheetName,
  helpSheetName,
  issueFills,
  issueSheetName,
  mergeSheetName,
  provenanceHeaders,
} from '../../../electron/engine/package/write-error-workbook.ts';
import {
  writePackage,
  type PackageOptions,
} from '../../../electron/engine/package/write-package.ts';
import type { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { resolveCodeTable } from '../../../shared/validate/dataset-validator.ts';
import {
  validationReportSchema,
  type ValidationReport,
} from '../../../shared/package/validation-report.ts';
import {
  createPackWorkspace,
  exemptEveryError,
  packageContext,
  packageCreated,
  readZipEntries,
} from '../../helpers/create-pack-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

const run = promisify(execFile);
const soffice = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find((p) =>
  existsSync(p),
);

let dir: string;
let cleanup: () => Promise<void>;
let workspace: Workspace;
let packages = 0;

async function writeWorkbook(
  kind: 'share' | 'open' = 'share',
): Promise<{ path: string; report: ValidationReport }> {
  packages += 1;
  const out = join(dir, `package-${packages}`);
  await mkdir(out);
  const options: PackageOptions = {
    kind,
    onError: 'block',
    created: packageCreated,
    outDir: out,
    division: '371702',
    steward: '王管理',
    toolVersion: '0.1.0',
  };
  const written = await writePackage(workspace, options);
  if (!written.ok) throw new Error(written.error.details?.join('\n'));
  const { entries } = await readZipEntries(written.value.path);
  const path = join(out, 'errors.xlsx');
  await writeFile(path, entries.get('reports/errors.xlsx') as Buffer);
  await writeFile(join(out, 'validation.html'), entries.get('reports/validation.html') as Buffer);
  const report = validationReportSchema.parse(
    JSON.parse((entries.get('reports/validation.json') as Buffer).toString('utf8')),
  );
  return { path, report };
}

async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** Field identifier of each data-sheet column, by header title. */
function fieldColumns(sheet: ExcelJS.Worksheet): Map<string, number> {
  const titles = new Map(workspace.dataset.fields.map((f) => [f.title, f.name]));
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, column) => {
    const field = titles.get(cell.text);
    if (field !== undefined) columns.set(field, column);
  });
  return columns;
}

/** The (record id, field) of every highlighted cell of the data sheet, with its fill. */
function highlighted(sheet: ExcelJS.Worksheet): Map<string, string> {
  const fieldOf = new Map([...fieldColumns(sheet)].map(([field, column]) => [column, field]));
  const cells = new Map<string, string>();
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const rid = row.getCell(1).text;
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      const argb = fill?.fgColor?.argb;
      if (fill?.pattern === 'solid' && argb !== undefined && argb !== 'FFFFFFFF') {
        cells.set(`${rid}:${fieldOf.get(column) ?? `column ${column}`}`, argb);
      }
    });
  });
  return cells;
}

function expectedHighlights(report: ValidationReport): Map<string, string> {
  const expected = new Map<string, string>();
  for (const issue of report.issues) {
    const key = `${issue.rid}:${issue.field}`;
    if (issue.severity === 'error' || expected.get(key) !== issueFills.error)
      expected.set(key, issueFills[issue.severity]);
  }
  return expected;
}

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
  ({ workspace } = await createPackWorkspace(dir, 'pop-base', {
    rows: 250,
    seed: 21,
    errorRate: 0.08,
  }));
  await exemptEveryError(workspace);
});

afterAll(async () => {
  await workspace.close();
  await cleanup();
});

describe('the error workbook', () => {
  it.skipIf(soffice === undefined && process.env.CI === undefined)(
    'converts in LibreOffice without error, and its highlighted cells are the issue cells',
    async () => {
      if (soffice === undefined)
        throw new Error('LibreOffice (soffice) is not installed; see .ci/run');
      const { path, report } = await writeWorkbook();
      const out = join(dir, 'libreoffice');
      await mkdir(out);
      const { stderr } = await run(
        soffice,
        [
          '--headless',
          '--norestore',
          `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
          '--convert-to',
          'xlsx',
          '--outdir',
          out,
          path,
        ],
        { timeout: 170_000 },
      );
      expect(stderr).not.toMatch(/error/i);
      const converted = await readWorkbook(join(out, 'errors.xlsx'));
      const sheet = converted.getWorksheet(dataSheetName);
      if (sheet === undefined) throw new Error('the data sheet survives');
      const expected = expectedHighlights(report);
      expect(expected.size).toBeGreaterThan(10);
      expect(highlighted(sheet)).toEqual(expected);
      // Long IDs are still text after the round trip through a spreadsheet program.
      const idColumn = fieldColumns(sheet).get('GMSFHM') as number;
      const id = sheet.getRow(2).getCell(idColumn).value;
      expect(typeof id).toBe('string');
    },
    180_000,
  );

  it('explains each highlighted cell, writes every value as text, and has the issue and help sheets', async () => {
    const { path, report } = await writeWorkbook();
    const workbook = await readWorkbook(path);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      dataSheetName,
      issueSheetName,
      helpSheetName,
      mergeSheetName,
    ]);
    expect(workbook.getWorksheet(mergeSheetName)?.state).toBe('veryHidden');
    const sheet = workbook.getWorksheet(dataSheetName) as ExcelJS.Worksheet;
    expect(highlighted(sheet)).toEqual(expectedHighlights(report));
    // A code field (性别, 民族 …) is followed by a read-only column of its codes' names.
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      ...provenanceHeaders,
      ...workspace.dataset.fields.flatMap((f) =>
        f.constraints?.codeTable === undefined ? [f.title] : [f.title, codeNameHeader(f.title)],
      ),
    ]);
    const columns = fieldColumns(sheet);
    const issue = report.issues.find((i) => i.rule === 'resident-id');
    let explained = false;
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      row.eachCell({ includeEmpty: true }, (cell) => {
        expect(cell.numFmt).toBe('@');
        expect(cell.value === null || typeof cell.value === 'string').toBe(true);
      });
      if (issue !== undefined && row.getCell(1).text === String(issue.rid)) {
        const cell = row.getCell(columns.get(issue.field) as number);
        expect(String(cell.note)).toContain(issue.message.zh);
        expect(row.getCell(2).text).toBe(issue.source.file);
        expect(row.getCell(4).text).toBe(String(issue.source.row));
        explained = true;
      }
    });
    expect(explained).toBe(true);
    const list = workbook.getWorksheet(issueSheetName) as ExcelJS.Worksheet;
    expect(list.rowCount - 1).toBe(report.issues.length);
    const help = workbook.getWorksheet(helpSheetName) as ExcelJS.Worksheet;
    let helpText = '';
    help.eachRow((row) => {
      helpText += `${row.getCell(2).text}\n`;
    });
    expect(helpText).toContain('发回');
    expect(helpText).toContain('记录编号');
  });

  it('merges a fixed copy back: one merge operation, the fixed issues gone', async () => {
    const { path } = await writeWorkbook();
    const workbook = await readWorkbook(path);
    const sheet = workbook.getWorksheet(dataSheetName) as ExcelJS.Worksheet;
    const columns = fieldColumns(sheet);
    const phone = columns.get('LXDH') as number;
    const name = columns.get('XM') as number;
    const fixed: number[] = [];
    const phoneIssues = workspace
      .issuesOf()
      .filter(
        (i) =>
          (i.rule === 'phone' && i.field === 'LXDH') || (i.rule === 'required' && i.field === 'XM'),
      );
    expect(phoneIssues.length).toBeGreaterThan(0);
    const toFix = new Map(phoneIssues.map((i) => [i.row, i.field]));
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const rid = Number(row.getCell(1).text);
      const field = toFix.get(rid);
      if (field === 'LXDH') row.getCell(phone).value = `1391234${String(rid).padStart(4, '0')}`;
      else if (field === 'XM') row.getCell(name).value = '补录姓名';
      else return;
      fixed.push(rid);
    });
    const fixedPath = join(dir, 'fixed.xlsx');
    await workbook.xlsx.writeFile(fixedPath);

    const before = workspace.history().length;
    const merged = await mergeErrorWorkbook(workspace, fixedPath, {
      who: '部门联络员',
      context: packageContext,
    });
    if (!merged.ok) throw new Error(merged.error.message.en);
    expect(merged.value.applied).toBe(fixed.length);
    expect(merged.value.conflicts).toEqual([]);
    expect(merged.value.unreadable).toEqual([]);
    const history = workspace.history();
    expect(history.length).toBe(before + 1);
    expect(history.at(-1)).toMatchObject({ kind: 'merge', who: '部门联络员', state: 'done' });
    const remaining = workspace
      .issuesOf({ rids: fixed })
      .filter(
        (i) =>
          (i.rule === 'phone' && i.field === 'LXDH') || (i.rule === 'required' && i.field === 'XM'),
      );
    expect(remaining).toEqual([]);
    const audit = workspace.auditTrail().filter((c) => c.operationId === history.at(-1)?.id);
    expect(audit.length).toBe(fixed.length);

    // Merging the same copy again changes nothing: every cell already holds the department's value.
    const again = await mergeErrorWorkbook(workspace, fixedPath, { context: packageContext });
    if (!again.ok) throw new Error(again.error.message.en);
    expect(again.value.applied).toBe(0);
    expect(again.value.alreadyEqual).toBe(fixed.length);
  });

  it('reports a cell changed on both sides as a conflict and keeps the project value', async () => {
    const { path } = await writeWorkbook();
    const workbook = await readWorkbook(path);
    const sheet = workbook.getWorksheet(dataSheetName) as ExcelJS.Worksheet;
    const name = fieldColumns(sheet).get('XM') as number;
    const address = fieldColumns(sheet).get('XZZ') as number;
    const row = sheet.getRow(2);
    const rid = Number(row.getCell(1).text);
    row.getCell(name).value = '部门改的名';
    row.getCell(address).value = '山东省菏泽市牡丹区东城街道部门改的地址1号';
    const big = sheet.getRow(3);
    const mangledRid = Number(big.getCell(1).text);
    big.getCell(fieldColumns(sheet).get('GMSFHM') as number).value = 371702199003071000;
    const fixedPath = join(dir, 'conflict.xlsx');
    await workbook.xlsx.writeFile(fixedPath);
    const edited = await workspace.editCell(rid, 'XM', '项目里改的名', {
      who: '王管理',
      context: packageContext,
    });
    expect(edited.ok).toBe(true);

    const merged = await mergeErrorWorkbook(workspace, fixedPath, { context: packageContext });
    if (!merged.ok) throw new Error(merged.error.message.en);
    expect(merged.value.conflicts).toEqual([
      expect.objectContaining({ rid, field: 'XM', theirs: '部门改的名', ours: '项目里改的名' }),
    ]);
    expect(merged.value.applied).toBe(1);
    expect(merged.value.unreadable).toEqual([
      expect.objectContaining({ rid: mangledRid, field: 'GMSFHM' }),
    ]);
    const values = [...workspace.iterateRecords()].find((r) => r.rid === rid)?.values;
    const at = (field: string): number =>
      workspace.dataset.fields.findIndex((f) => f.name === field);
    expect(values?.[at('XM')]).toBe('项目里改的名');
    expect(values?.[at('XZZ')]).toBe('山东省菏泽市牡丹区东城街道部门改的地址1号');
  });

  it('exports the project’s own workbook (stored issues), which merges back the same way', async () => {
    const exported = await exportErrorWorkbook(workspace, { created: packageCreated });
    if (!exported.ok) throw new Error(exported.error.message.en);
    const { bytes, records } = exported.value;
    const withIssues = new Set(workspace.issuesOf().map((i) => i.row));
    const excluded = workspace.excludedRecords();
    expect(records).toBe([...withIssues].filter((rid) => !excluded.has(rid)).length);
    const path = join(dir, 'exported.xlsx');
    await writeFile(path, bytes);
    const again = await exportErrorWorkbook(workspace, { created: packageCreated });
    expect(again.ok && again.value.bytes.equals(bytes)).toBe(true);
    const workbook = await readWorkbook(path);
    const sheet = workbook.getWorksheet(dataSheetName) as ExcelJS.Worksheet;
    const issue = workspace.issuesOf().find((i) => i.rule === 'code-table');
    if (issue === undefined) throw new Error('demo data has code-table issues');
    const column = fieldColumns(sheet).get(issue.field) as number;
    const table = workspace.dataset.fields.find((f) => f.name === issue.field)?.constraints
      ?.codeTable as string;
    const code = resolveCodeTable(workspace.pack, table).entries[0]?.code ?? '';
    sheet.eachRow((row, number) => {
      if (number > 1 && row.getCell(1).text === String(issue.row)) row.getCell(column).value = code;
    });
    const fixed = join(dir, 'exported-fixed.xlsx');
    await workbook.xlsx.writeFile(fixed);
    const merged = await mergeErrorWorkbook(workspace, fixed, { context: packageContext });
    if (!merged.ok) throw new Error(merged.error.message.en);
    expect(merged.value.applied).toBe(1);
    const left = workspace
      .issuesOf({ rids: [issue.row] })
      .filter((i) => i.rule === 'code-table' && i.field === issue.field);
    expect(left).toEqual([]);
  });

  it('refuses a workbook from a 开放 package (its values are masked)', async () => {
    const { path } = await writeWorkbook('open');
    const merged = await mergeErrorWorkbook(workspace, path, { context: packageContext });
    expect(merged.ok).toBe(false);
    if (!merged.ok) expect(merged.error.code).toBe('workbook-masked');
  });

  // Last: it turns the project's spelled-out sexes (男, 女) into codes.
  it('shows code names in the validation report and a name column in the package’s workbook', async () => {
    const mapped = await workspace.applyValueMap(
      'XB',
      { 男: '1', 女: '2' },
      { who: 'report-test', context: packageContext },
    );
    if (!mapped.ok) throw new Error(mapped.error.message.en);
    const { path, report } = await writeWorkbook();
    const html = await readFile(join(dirname(path), 'validation.html'), 'utf8');
    const names = new Map(getBuiltinCodeTable('sex').entries.map((e) => [e.code, e.name]));
    const coded = report.issues.filter((i) => i.field === 'XB' && names.has(i.value ?? ''));
    expect(coded.length).toBeGreaterThan(0);
    for (const issue of coded.slice(0, 20))
      expect(html).toContain(`<td>${issue.value} ${names.get(issue.value ?? '')}</td>`);
    const sheet = (await readWorkbook(path)).getWorksheet(dataSheetName) as ExcelJS.Worksheet;
    const codeColumn = fieldColumns(sheet).get('XB') as number;
    expect(sheet.getRow(1).getCell(codeColumn + 1).text).toBe(codeNameHeader('性别'));
    const row = sheet.getRow(2);
    expect(row.getCell(codeColumn + 1).text).toBe(names.get(row.getCell(codeColumn).text) ?? '');
  });
});
