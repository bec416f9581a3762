/**
 * The error workbook's round trip through the programs a department really uses: the workbook
 * is exported, a cell is fixed as a department would fix it (openpyxl, which writes like Excel:
 * shared strings, legacy comments; a rich-text cell; a comment of the department's own), saved,
 * re-saved by LibreOffice as xlsx, xls and ods (and an xls renamed .et, as WPS saves), and
 * merged back: the fixes land. A workbook that is not ours is refused with a message naming
 * the file, never a library's words.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportErrorWorkbook } from '../../electron/engine/package/export-error-workbook.ts';
import { mergeErrorWorkbook } from '../../electron/engine/package/merge-error-workbook.ts';
import ExcelJS from 'exceljs';
import { getBuiltinCodeTable } from '../../shared/code-tables/builtin-code-tables.ts';
import {
  codeNameHeader,
  dataSheetName,
} from '../../electron/engine/package/write-error-workbook.ts';
import type { Workspace } from '../../electron/engine/workspace/workspace.ts';
import {
  createPackWorkspace,
  packageContext,
  packageCreated,
} from '../helpers/create-pack-workspace.ts';
import { createTempDir, runSteward } from '../helpers/run-steward.ts';

const run = promisify(execFile);
/** Debian's python3 with python3-openpyxl (installed by .ci/run). */
const python = '/usr/bin/python3';
/** LibreOffice (installed by .ci/run). */
const soffice = '/usr/bin/soffice';

/**
 * Edits the data sheet as a department would, with openpyxl: each edit finds the row by its
 * 记录编号 and the column by its header, sets the value, and may add a comment. An edit with
 * `runs` is then made a rich-text cell (the shared string rewritten as formatted runs, which
 * openpyxl 3.0 cannot write itself). Prints the data sheet's protection as JSON.
 */
const editScript = String.raw`
import json, sys, zipfile
from openpyxl import load_workbook
from openpyxl.comments import Comment
src, dst, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
wb = load_workbook(src)
ws = wb[spec['sheet']]
headers = {c.value: c.column for c in ws[1]}
rows = {str(ws.cell(r, headers['记录编号']).value): r for r in range(2, ws.max_row + 1)}
for e in spec['edits']:
    cell = ws.cell(rows[str(e['rid'])], headers[e['header']])
    cell.value = ''.join(e['runs']) if 'runs' in e else e['value']
    if 'comment' in e:
        cell.comment = Comment(e['comment'], '部门联络员')
first = ws.cell(2, headers['记录编号'])
field = ws.cell(2, headers[spec['edits'][0]['header']])
protection = {'sheet': bool(ws.protection.sheet), 'idLocked': bool(first.protection.locked),
              'fieldLocked': bool(field.protection.locked)}
wb.save(dst)
rich = [e for e in spec['edits'] if 'runs' in e]
if rich:
    with zipfile.ZipFile(dst) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename == 'xl/sharedStrings.xml':
                text = data.decode('utf-8')
                for e in rich:
                    plain = '<si><t>%s</t></si>' % ''.join(e['runs'])
                    assert plain in text, plain
                    runs = ''.join('<r><rPr><b/><color rgb="FFFF0000"/></rPr><t>%s</t></r>' % r
                                   if i % 2 == 0 else '<r><t>%s</t></r>' % r
                                   for i, r in enumerate(e['runs']))
                    text = text.replace(plain, '<si>%s</si>' % runs)
                data = text.encode('utf-8')
            z.writestr(info, data)
print(json.dumps(protection))
`;

interface Edit {
  readonly rid: number;
  readonly header: string;
  readonly value?: string;
  readonly runs?: readonly string[];
  readonly comment?: string;
}

let dir: string;
let cleanup: () => Promise<void>;
let projects = 0;
const open: Workspace[] = [];

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
});

afterAll(async () => {
  for (const workspace of open) await workspace.close();
  await cleanup();
});

/** A fresh project with records with issues, its exported workbook, and three record ids. */
async function createProject(): Promise<{
  workspace: Workspace;
  projectPath: string;
  exported: string;
  rids: number[];
}> {
  projects += 1;
  const { workspace, path: projectPath } = await createPackWorkspace(dir, 'pop-base', {
    rows: 60,
    seed: 47,
    errorRate: 0.4,
    name: `round-trip-${projects}`,
  });
  open.push(workspace);
  const written = await exportErrorWorkbook(workspace, { created: packageCreated });
  if (!written.ok) throw new Error(written.error.message.en);
  const exported = join(dir, `exported-${projects}.xlsx`);
  await writeFile(exported, written.value.bytes);
  const excluded = workspace.excludedRecords();
  const rids = [...new Set(workspace.issuesOf().map((i) => i.row))]
    .filter((rid) => !excluded.has(rid))
    .sort((a, b) => a - b)
    .slice(0, 3);
  expect(rids).toHaveLength(3);
  return { workspace, projectPath, exported, rids };
}

function titleOf(workspace: Workspace, field: string): string {
  const title = workspace.dataset.fields.find((f) => f.name === field)?.title;
  if (title === undefined) throw new Error(`no field ${field}`);
  return title;
}

function valueOf(workspace: Workspace, rid: number, field: string): string | null | undefined {
  const at = workspace.dataset.fields.findIndex((f) => f.name === field);
  return [...workspace.iterateRecords()].find((r) => r.rid === rid)?.values[at];
}

/** Fixes three addresses with openpyxl: plain text, rich text, and a cell given a comment. */
async function editWithOpenpyxl(
  workspace: Workspace,
  from: string,
  to: string,
  rids: readonly number[],
): Promise<{ expected: Map<number, string>; protection: Record<string, boolean> }> {
  const header = titleOf(workspace, 'XZZ');
  const [plain, rich, commented] = rids as [number, number, number];
  const edits: Edit[] = [
    { rid: plain, header, value: '山东省菏泽市牡丹区部门改好的地址1号' },
    { rid: rich, header, runs: ['山东省菏泽市', '牡丹区', '富文本地址2号'] },
    {
      rid: commented,
      header,
      value: '山东省菏泽市牡丹区带批注的地址3号',
      comment: '已与本人核实',
    },
  ];
  const { stdout } = await run(python, [
    '-c',
    editScript,
    from,
    to,
    JSON.stringify({ sheet: dataSheetName, edits }),
  ]);
  const expected = new Map([
    [plain, '山东省菏泽市牡丹区部门改好的地址1号'],
    [rich, '山东省菏泽市牡丹区富文本地址2号'],
    [commented, '山东省菏泽市牡丹区带批注的地址3号'],
  ]);
  return { expected, protection: JSON.parse(stdout) as Record<string, boolean> };
}

/** Re-saves a workbook with LibreOffice headless in another format; returns the new path. */
async function resave(path: string, format: 'xlsx' | 'xls' | 'ods'): Promise<string> {
  const out = join(dir, `libreoffice-${format}-${basename(path, '.xlsx')}`);
  await mkdir(out, { recursive: true });
  await run(
    soffice,
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
      '--convert-to',
      format,
      '--outdir',
      out,
      path,
    ],
    { timeout: 170_000 },
  );
  return join(out, `${basename(path, '.xlsx')}.${format}`);
}

async function expectFixesLand(
  workspace: Workspace,
  path: string,
  expected: ReadonlyMap<number, string>,
): Promise<void> {
  for (const [rid, value] of expected) expect(valueOf(workspace, rid, 'XZZ')).not.toBe(value);
  const merged = await mergeErrorWorkbook(workspace, path, { context: packageContext });
  if (!merged.ok) throw new Error(`${merged.error.message.zh} ${merged.error.details?.join(' ')}`);
  expect(merged.value.applied).toBe(expected.size);
  expect(merged.value.conflicts).toEqual([]);
  expect(merged.value.unreadable).toEqual([]);
  expect(merged.value.unreadableRows).toEqual([]);
  expect(merged.value.unknownRecords).toEqual([]);
  for (const [rid, value] of expected) expect(valueOf(workspace, rid, 'XZZ')).toBe(value);
}

describe('the error workbook round trip', () => {
  it('protects the 记录编号 column and leaves the field cells editable', async () => {
    const { workspace, exported, rids } = await createProject();
    const { protection } = await editWithOpenpyxl(
      workspace,
      exported,
      join(dir, 'protection.xlsx'),
      rids,
    );
    expect(protection).toEqual({ sheet: true, idLocked: true, fieldLocked: false });
  });

  it('merges a workbook saved by openpyxl, with rich text and comments', async () => {
    const { workspace, exported, rids } = await createProject();
    const fixed = join(dir, 'openpyxl.xlsx');
    const { expected } = await editWithOpenpyxl(workspace, exported, fixed, rids);
    await expectFixesLand(workspace, fixed, expected);
  });

  for (const format of ['xlsx', 'xls', 'ods'] as const) {
    it(`merges a workbook re-saved by LibreOffice as ${format}`, async () => {
      const { workspace, exported, rids } = await createProject();
      const fixed = join(dir, `fixed-for-${format}.xlsx`);
      const { expected } = await editWithOpenpyxl(workspace, exported, fixed, rids);
      const resaved = await resave(fixed, format);
      await expectFixesLand(workspace, resaved, expected);
    }, 180_000);
  }

  it('merges an xls saved under WPS’s .et name, and keeps the protection LibreOffice re-saves', async () => {
    const { workspace, exported, rids } = await createProject();
    const fixed = join(dir, 'fixed-for-et.xlsx');
    const { expected } = await editWithOpenpyxl(workspace, exported, fixed, rids);
    const xls = await resave(fixed, 'xls');
    const et = join(dir, 'fixed.et');
    await copyFile(xls, et);
    await expectFixesLand(workspace, et, expected);
    const xlsx = await resave(fixed, 'xlsx');
    const { protection } = await editWithOpenpyxl(workspace, xlsx, join(dir, 'again.xlsx'), rids);
    expect(protection).toEqual({ sheet: true, idLocked: true, fieldLocked: false });
  }, 180_000);
});

describe('codes with their names in the error workbook', () => {
  it('names each code in a locked column after it, and merges a fixed code, never the name', async () => {
    const { workspace, rids } = await createProject();
    // The demo data spells sex out (男, 女) as departments do; a value map turns it into codes.
    const mapped = await workspace.applyValueMap(
      'XB',
      { 男: '1', 女: '2' },
      { who: 'round-trip', context: packageContext },
    );
    if (!mapped.ok) throw new Error(mapped.error.message.en);
    const written = await exportErrorWorkbook(workspace, { created: packageCreated });
    if (!written.ok) throw new Error(written.error.message.en);
    const exported = join(dir, 'exported-with-codes.xlsx');
    await writeFile(exported, written.value.bytes);
    const sex = titleOf(workspace, 'XB');
    const names = new Map(getBuiltinCodeTable('sex').entries.map((e) => [e.code, e.name]));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(exported);
    const sheet = workbook.getWorksheet(dataSheetName) as ExcelJS.Worksheet;
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    const codeColumn = headers.indexOf(sex);
    expect(headers[codeColumn + 1]).toBe(codeNameHeader(sex));
    expect(headers).toContain(codeNameHeader(titleOf(workspace, 'MZ')));
    let named = 0;
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const code = row.getCell(codeColumn).text;
      const name = row.getCell(codeColumn + 1);
      expect(name.text).toBe(names.get(code) ?? '');
      expect(name.protection?.locked).not.toBe(false);
      if (name.text !== '') named += 1;
    });
    expect(named).toBeGreaterThan(0);

    // The department changes one sex code and scribbles in another row's name column: only
    // the code merges.
    const [changed, scribbled] = rids as [number, number];
    const before = valueOf(workspace, changed, 'XB');
    const code = before === '1' ? '2' : '1';
    const nameBefore = valueOf(workspace, scribbled, 'XB');
    const fixed = join(dir, 'code-names.xlsx');
    await run(python, [
      '-c',
      editScript,
      exported,
      fixed,
      JSON.stringify({
        sheet: dataSheetName,
        edits: [
          { rid: changed, header: sex, value: code },
          { rid: scribbled, header: codeNameHeader(sex), value: '随便写的名称' },
        ],
      }),
    ]);
    const merged = await mergeErrorWorkbook(workspace, fixed, { context: packageContext });
    if (!merged.ok)
      throw new Error(`${merged.error.message.zh} ${merged.error.details?.join(' ')}`);
    expect(merged.value.applied).toBe(1);
    expect(merged.value.conflicts).toEqual([]);
    expect(merged.value.unreadable).toEqual([]);
    expect(valueOf(workspace, changed, 'XB')).toBe(code);
    expect(valueOf(workspace, scribbled, 'XB')).toBe(nameBefore);
  });
});

describe('a workbook that is not ours', () => {
  it('is refused with a message naming the file, in Chinese, without library words', async () => {
    const { workspace } = await createProject();
    const other = join(dir, '别的表格.xlsx');
    await run(python, [
      '-c',
      String.raw`
import sys
from openpyxl import Workbook
from openpyxl.comments import Comment
wb = Workbook()
ws = wb.active
ws.title = '问题数据'
ws.append(['记录编号', '姓名'])
ws.append(['1', '张三'])
ws['B2'].comment = Comment('批注', '某人')
wb.save(sys.argv[1])
`,
      other,
    ]);
    const text = join(dir, '一行字.xlsx');
    await writeFile(text, '这是一行文字，不是表格\n');
    const pdf = join(dir, '扫描件.xls');
    await writeFile(pdf, Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1'));
    for (const path of [other, text, pdf]) {
      const merged = await mergeErrorWorkbook(workspace, path, { context: packageContext });
      expect(merged.ok).toBe(false);
      if (merged.ok) continue;
      const name = basename(path);
      expect(merged.error.message.zh).toContain(name);
      // Only the file's name and format names (what the file is, what to save it as) are Latin.
      const words = merged.error.message.zh
        .replace(name, '')
        .replace(/\b(xlsx|xls|et|ods|PDF)\b/g, '');
      expect(words).not.toMatch(/[A-Za-z]/);
    }
  });

  it('makes steward merge exit 2 with the message, never a stack trace', async () => {
    const { workspace, projectPath } = await createProject();
    await workspace.close();
    open.splice(open.indexOf(workspace), 1);
    const text = join(dir, '不是问题数据表.xlsx');
    await writeFile(text, '姓名,电话\n张三,13900000000\n');
    const refused = await runSteward(['merge', projectPath, text]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('不是问题数据表.xlsx');
    expect(refused.stderr).not.toMatch(/\n\s+at |TypeError|Cannot read/);
  }, 120_000);
});
