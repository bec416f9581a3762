/**
 * One package format, one writer: a file packaged as it streams (`steward package <file>`) and
 * the same file imported into a project and packaged from there give the same bytes, entry for
 * entry, for the same options: demo data with injected errors (CSV and xlsx), a third-party CSV
 * of the corpus mapped by hand, each kind and each error policy.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFilePackageSource } from '../../../electron/engine/package/file-package-source.ts';
import { createProjectPackageSource } from '../../../electron/engine/package/package-source.ts';
import {
  writeSourcePackage,
  type PackageOptions,
} from '../../../electron/engine/package/write-package.ts';
import { openMappedTable } from '../../../electron/engine/mapping/open-mapped-table.ts';
import type { SourceTable } from '../../../electron/engine/import/source-table.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { createRecordMapper } from '../../../shared/mapping/create-record-mapper.ts';
import type { Mapping } from '../../../shared/mapping/mapping-schema.ts';
import type { PackageKind } from '../../../shared/package/package-kind.ts';
import type { Result } from '../../../shared/result.ts';
import {
  packageCreated,
  readZipEntries,
  requirePack,
} from '../../helpers/create-pack-workspace.ts';
import { createTempDir, runSteward, sharedDir } from '../../helpers/run-steward.ts';

const pack = requirePack('pop-base');
const dataset = pack.datasets[0] as (typeof pack.datasets)[number];
const department = '牡丹区公安分局';
const period = '2026Q4';

let dir: string;
let cleanup: () => Promise<void>;
let demoCsv: string;
let demoXlsx: string;
let runs = 0;

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
  demoCsv = join(dir, '户籍登记.csv');
  const demo = await runSteward([
    'demo-data',
    '--pack',
    'pop-base',
    '--rows',
    '400',
    '--seed',
    '9',
    '--error-rate',
    '0.08',
    '--today',
    '2026-11-26',
    '--out',
    demoCsv,
  ]);
  expect(demo.code).toBe(0);
  const lines = (await readFile(demoCsv, 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('东城街道');
  for (const line of lines.filter((l) => l !== '').slice(0, 150)) {
    // The demo's values hold no commas or quotes.
    sheet.addRow(line.split(','));
  }
  demoXlsx = join(dir, '户籍登记.xlsx');
  await workbook.xlsx.writeFile(demoXlsx);
}, 60_000);

afterAll(async () => {
  await cleanup();
});

/**
 * A bank's statement (third-party bytes) as a register, so that real values pass the mapping
 * and the rules: account numbers as IDs (checksum errors), counterparties as names, dates as
 * birth dates, constants for what the file lacks.
 */
const bankMapping: Mapping = {
  pack: { id: pack.id, version: pack.version },
  dataset: dataset.name,
  fields: {
    GMSFHM: { source: { kind: 'column', column: '对方账号' }, transforms: [] },
    XM: { source: { kind: 'column', column: '对方户名' }, transforms: [] },
    XB: { source: { kind: 'constant', value: '男' }, transforms: [] },
    MZ: { source: { kind: 'constant', value: '汉族' }, transforms: [] },
    CSRQ: { source: { kind: 'column', column: '交易日期' }, transforms: [] },
    XZZ: { source: { kind: 'column', column: '交易地点' }, transforms: [] },
    HH: { source: { kind: 'column', column: '序号' }, transforms: [] },
  },
};

type Written = Result<{ path: string }>;

function packageOptions(
  outDir: string,
  kind: PackageKind,
  onError: 'block' | 'exclude',
): PackageOptions {
  return {
    kind,
    onError,
    created: packageCreated,
    outDir,
    division: '371702',
    steward: '张管理',
    toolVersion: '0.0.0-test',
  };
}

async function openMapped(
  file: string,
  mapping: Mapping | undefined,
): Promise<{
  table: SourceTable;
  toValues: (cells: readonly string[]) => readonly (string | undefined)[];
}> {
  const mapped = await openMappedTable(file, pack, dataset, {
    ignoreStore: true,
    templatesDir: join(dir, 'no-templates'),
    department,
  });
  if (!mapped.ok) throw new Error(mapped.error.message.en);
  const { table, choice } = mapped.value;
  const mapper = createRecordMapper(pack, dataset, mapping ?? choice.mapping, table.columns, {
    department,
    period,
  });
  if (!mapper.ok) throw new Error(mapper.error.message.en);
  return { table, toValues: (cells) => mapper.value.map(cells).values };
}

/** The file packaged as it streams, with no project. */
async function packageFile(
  file: string,
  mapping: Mapping | undefined,
  options: PackageOptions,
): Promise<Written> {
  const { table, toValues } = await openMapped(file, mapping);
  const source = createFilePackageSource(table, toValues, { pack, dataset, department, period });
  try {
    return await writeSourcePackage(source, options);
  } finally {
    await source.close();
  }
}

/** The file imported into a project (the app's import), then the project packaged. */
async function packageProject(
  file: string,
  mapping: Mapping | undefined,
  options: PackageOptions,
): Promise<Written> {
  const { table, toValues } = await openMapped(file, mapping);
  runs += 1;
  const created = await Workspace.create(join(dir, `project-${runs}.dsw`), {
    pack,
    dataset: dataset.name,
    department,
    period,
    who: '张管理',
  });
  if (!created.ok) throw new Error(created.error.message.en);
  const workspace = created.value;
  try {
    const imported = await workspace.importRecords(
      {
        file: table.file,
        sheet: table.sheet,
        format: table.format,
        ...(table.encoding === undefined ? {} : { encoding: table.encoding }),
        headerRow: table.headerRow,
        columns: table.columns,
      },
      table.rows(),
      toValues,
      { who: '张管理', context: { today: '2026-11-26' } },
    );
    if (!imported.ok) throw new Error(imported.error.message.en);
    // As `steward package <file>` did through a throw-away project: its error workbook names
    // no project (the project is gone), everything else is the project's package.
    return await writeSourcePackage(
      { ...createProjectPackageSource(workspace), projectCreatedAt: '' },
      options,
    );
  } finally {
    await table.close();
    await workspace.close();
  }
}

const inputs: { name: string; file: () => string; mapping?: Mapping }[] = [
  { name: 'demo CSV with errors', file: () => demoCsv },
  { name: 'demo xlsx with errors', file: () => demoXlsx },
  {
    name: 'corpus CSV (bank statement, mapped by hand)',
    file: () => join(sharedDir, 'corpus', 'bocom_debit_records_longdigits.csv'),
    mapping: bankMapping,
  },
];

describe('a file and the project made from it give the same package', () => {
  for (const input of inputs) {
    for (const [kind, onError] of [
      ['share', 'exclude'],
      ['open', 'exclude'],
      ['share', 'block'],
    ] as const) {
      it(`${input.name}, ${kind}, on error ${onError}`, async () => {
        runs += 1;
        const fileOut = join(dir, `file-${runs}`);
        const projectOut = join(dir, `project-out-${runs}`);
        await mkdir(fileOut);
        await mkdir(projectOut);
        const fromFile = await packageFile(
          input.file(),
          input.mapping,
          packageOptions(fileOut, kind, onError),
        );
        const fromProject = await packageProject(
          input.file(),
          input.mapping,
          packageOptions(projectOut, kind, onError),
        );
        if (onError === 'block') {
          // Every input has errors: both refuse, with the same reasons.
          expect(fromFile.ok).toBe(false);
          expect(fromProject.ok).toBe(false);
          if (fromFile.ok || fromProject.ok) return;
          expect(fromFile.error.code).toBe('package-blocked');
          expect(fromFile.error).toEqual(fromProject.error);
          return;
        }
        if (!fromFile.ok) throw new Error(fromFile.error.message.en);
        if (!fromProject.ok) throw new Error(fromProject.error.message.en);
        const a = await readZipEntries(fromFile.value.path);
        const b = await readZipEntries(fromProject.value.path);
        expect([...a.entries.keys()]).toEqual([...b.entries.keys()]);
        for (const [name, bytes] of a.entries) {
          expect(bytes.equals(b.entries.get(name) as Buffer), name).toBe(true);
        }
        expect(a.comment).toBe(b.comment);
        const zipA = await readFile(fromFile.value.path);
        expect(zipA.equals(await readFile(fromProject.value.path))).toBe(true);
        // The packages are of records read (not an empty file twice): the bank's all fail
        // the ID checksum and are reported with their values; demo records are packaged.
        const manifest = JSON.parse(
          (a.entries.get('datapackage.json') as Buffer).toString('utf8'),
        ) as { 'x-submission': { rows: { project: number; packaged: number } } };
        const { rows } = manifest['x-submission'];
        expect(rows.project).toBeGreaterThan(5);
        if (input.mapping === undefined) expect(rows.packaged).toBeGreaterThan(100);
      }, 60_000);
    }
  }
});
