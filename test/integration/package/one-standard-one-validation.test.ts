/**
 * One standardisation of a value and one validation per record on the way to a package (issue
 * #11): the grid, the issues and the package's data file show one value for a date written
 * 2021/3/5 or 2021年3月5日, full-width digits and a code alias; a rule judged on the written value
 * (a length limit on a date) cannot pass in validation and fail in the package; and the package
 * writer checks each record once.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDemo } from '../../../shared/demo/create-demo.ts';
import { createRecordMapper } from '../../../shared/mapping/create-record-mapper.ts';
import type { Mapping } from '../../../shared/mapping/mapping-schema.ts';
import type { Pack } from '../../../shared/pack/pack-schema.ts';
import { createDatasetValidator } from '../../../shared/validate/dataset-validator.ts';
import type * as DatasetValidatorModule from '../../../shared/validate/dataset-validator.ts';
import { writeDemoData } from '../../../electron/engine/demo/write-demo-data.ts';
import type { PackageSource } from '../../../electron/engine/package/package-source.ts';
import {
  packagePaths,
  writePackage,
  writeSourcePackage,
  type PackageOptions,
} from '../../../electron/engine/package/write-package.ts';
import { importTables } from '../../../electron/engine/session/import-handlers.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import {
  packageContext,
  packageCreated,
  readZipEntries,
  requirePack,
} from '../../helpers/create-pack-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

/** Every record the package writer's validators check, counted. */
const calls = vi.hoisted(() => ({ validateRecord: 0 }));

vi.mock('../../../shared/validate/dataset-validator.ts', async (importOriginal) => {
  const original = await importOriginal<typeof DatasetValidatorModule>();
  return {
    ...original,
    createDatasetValidator: (
      ...args: Parameters<typeof original.createDatasetValidator>
    ): ReturnType<typeof original.createDatasetValidator> => {
      const validator = original.createDatasetValidator(...args);
      return {
        dataset: validator.dataset,
        validateRecord(row, values) {
          calls.validateRecord += 1;
          return validator.validateRecord(row, values);
        },
      };
    },
  };
});

const pack = requirePack('pop-base');
const dataset = pack.datasets[0] as (typeof pack.datasets)[number];
const department = '牡丹区公安分局';
const period = '2026Q4';
const rows = 12;

let temp: Awaited<ReturnType<typeof createTempDir>>;
let csv: string;
let headers: string[];
let birthDates: string[];

/** `1990-03-07` as `1990/3/7`. */
const slashed = (iso: string): string => {
  const [y, m, d] = iso.split('-');
  return `${y}/${Number(m)}/${Number(d)}`;
};
/** `1990-03-07` as `1990年3月7日`. */
const chinese = (iso: string): string => {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};
/** Digits as full-width digits (３７１７...). */
const fullWidth = (text: string): string =>
  text.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));

/** Each field read from the column of its title, with no transform: as a clerk maps it. */
function mappingByTitle(of: Pack): Mapping {
  const fields: Mapping['fields'] = {};
  for (const field of of.datasets[0]?.fields ?? []) {
    if (headers.includes(field.title))
      fields[field.name] = { source: { kind: 'column', column: field.title } };
  }
  return { pack: { id: of.id, version: of.version }, dataset: dataset.name, fields };
}

function options(outDir: string, onError: 'block' | 'exclude'): PackageOptions {
  return {
    kind: 'share',
    onError,
    created: packageCreated,
    outDir,
    division: '371702',
    steward: '张管理',
    toolVersion: '0.0.0-test',
  };
}

/** The data file of a package, one record of field values a row (by field name). */
async function readDataFile(path: string): Promise<Record<string, string>[]> {
  const { entries } = await readZipEntries(path);
  const text = entries.get(packagePaths.data(dataset.name))?.toString('utf8') ?? '';
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

/** The file's rows as a package source of `of`, each mapped as `steward package` maps it. */
async function fileSource(of: Pack): Promise<PackageSource> {
  const lines = (await readFile(csv, 'utf8'))
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '');
  const ofDataset = of.datasets[0] as (typeof of.datasets)[number];
  const mapper = createRecordMapper(of, ofDataset, mappingByTitle(of), headers, {
    department,
    period,
  });
  if (!mapper.ok) throw new Error(mapper.error.message.en);
  const records = lines.slice(1).map((line, index) => ({
    rid: index + 1,
    sourceId: 1,
    sourceRow: index + 2,
    values: mapper.value.map(line.split(',')).values.map((value) => value ?? null),
  }));
  return {
    pack: of,
    dataset: ofDataset,
    packSha256: '0'.repeat(64),
    department,
    period,
    projectCreatedAt: '',
    exemptions: [],
    excludedRecords: new Set(),
    sources: new Map([[1, { file: csv, sheet: '' }]]),
    auditTrail: [],
    total: records.length,
    records: () => records,
  };
}

beforeAll(async () => {
  temp = await createTempDir();
  const demoOptions = { rows, seed: 5, errorRate: 0, today: packageContext.today };
  const demo = createDemo(pack, demoOptions);
  if (!demo.ok) throw new Error(demo.error.message.en);
  csv = join(temp.dir, 'tricky-values.csv');
  await writeDemoData(demo.value, demoOptions, csv);
  // The demo's values hold no commas or quotes.
  const lines = (await readFile(csv, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/);
  headers = (lines[0] ?? '').split(',');
  const at = (title: string): number => headers.indexOf(title);
  const cells = lines.map((line) => line.split(','));
  birthDates = cells.slice(1, rows + 1).map((row) => row[at('出生日期')] ?? '');
  const set = (row: number, title: string, value: string): void => {
    (cells[row] as string[])[at(title)] = value;
  };
  set(1, '出生日期', slashed(birthDates[0] ?? ''));
  set(2, '出生日期', chinese(birthDates[1] ?? ''));
  set(3, '民族', '汉');
  set(4, '公民身份号码', fullWidth(cells[4]?.[at('公民身份号码')] ?? ''));
  await writeFile(csv, cells.map((row) => row.join(',')).join('\r\n'));
});

afterAll(async () => {
  await temp.cleanup();
});

beforeEach(() => {
  calls.validateRecord = 0;
});

describe('one standardisation of a value', () => {
  it('shows one value in the grid, the issues and the package data file', async () => {
    const created = await Workspace.create(join(temp.dir, 'tricky.dsw'), {
      pack,
      dataset: dataset.name,
      department,
      period,
      who: '测试员',
    });
    if (!created.ok) throw new Error(created.error.message.en);
    const workspace = created.value;
    try {
      const imported = await importTables(workspace, [{ path: csv }], mappingByTitle(pack), {
        signal: new AbortController().signal,
        progress: () => undefined,
      });
      if (!imported.ok) throw new Error(imported.error.message.en);
      const index = (name: string): number => dataset.fields.findIndex((f) => f.name === name);
      const grid = (): (readonly (string | null)[])[] =>
        workspace.pageRecords(0, rows).map((record) => record.values);

      // As read, 1990/3/7 and 1990年3月7日 are stored as the ISO date, 汉 as its code.
      expect(grid()[0]?.[index('CSRQ')]).toBe(birthDates[0]);
      expect(grid()[1]?.[index('CSRQ')]).toBe(birthDates[1]);
      expect(grid()[2]?.[index('MZ')]).toBe('01');
      // The source row keeps the value as read, shown beside it in 详情.
      expect(workspace.sourceOf(1)?.cells[headers.indexOf('出生日期')]).toBe(
        slashed(birthDates[0] ?? ''),
      );
      expect(workspace.sourceOf(3)?.cells[headers.indexOf('民族')]).toBe('汉');

      // Full-width digits are a slip the clerk sees: the issue's fix is the value the package
      // carries; once applied, the grid holds it.
      const [slip] = workspace.issuesOf({ rids: [4] });
      expect(slip).toMatchObject({ field: 'GMSFHM', rule: 'full-width' });
      expect(slip?.value).toBe(grid()[3]?.[index('GMSFHM')]);
      const applied = await workspace.applySuggestions(
        { rule: 'full-width' },
        { who: '测试员', context: packageContext },
      );
      expect(applied.ok).toBe(true);
      expect(grid()[3]?.[index('GMSFHM')]).toBe(slip?.suggestion);
      expect(workspace.issuesOf()).toEqual([]);

      const written = await writePackage(workspace, options(join(temp.dir), 'block'));
      if (!written.ok) throw new Error(written.error.message.en);
      const data = await readDataFile(written.value.path);
      expect(data).toHaveLength(rows);
      const shown = Object.keys(data[0] ?? {});
      expect(shown.length).toBeGreaterThan(10);
      // Every value of the data file is the value the grid shows.
      grid().forEach((values, row) => {
        for (const name of shown) expect(data[row]?.[name]).toBe(values[index(name)] ?? '');
      });
    } finally {
      await workspace.close();
    }
  });

  it('cannot pass a length limit on a date in validation and fail it in the package', async () => {
    // A pack whose birth date may be written as briefly as the first record's is read
    // (1990/3/7: 8 characters), while the package writes 10 (1990-03-07).
    const limit = slashed(birthDates[0] ?? '').length;
    expect(limit).toBeLessThan(10);
    const strict: Pack = {
      ...pack,
      datasets: [
        {
          ...dataset,
          fields: dataset.fields.map((field) =>
            field.name === 'CSRQ'
              ? { ...field, constraints: { ...field.constraints, maxLength: limit } }
              : field,
          ),
        },
      ],
    };
    const strictDataset = strict.datasets[0] as (typeof strict.datasets)[number];
    const validator = createDatasetValidator(strict, strictDataset, packageContext);
    const values = strictDataset.fields.map((field) =>
      field.name === 'CSRQ' ? slashed(birthDates[0] ?? '') : '',
    );
    const issues = validator.validateRecord(1, values).filter((i) => i.field === 'CSRQ');
    expect(issues).toEqual([
      expect.objectContaining({ rule: 'length', severity: 'error', value: birthDates[0] }),
    ]);

    // The package leaves out exactly the records validation finds the error in.
    const written = await writeSourcePackage(
      await fileSource(strict),
      options(join(temp.dir), 'exclude'),
    );
    if (!written.ok) throw new Error(written.error.message.en);
    const submission = written.value.manifest['x-submission'];
    expect(submission.excludedByRule).toMatchObject({ length: rows });
    expect(submission.rows.packaged).toBe(0);
  });
});

describe('one validation per record on the way to a package', () => {
  it('checks each record of a file once while writing its package', async () => {
    const source = await fileSource(pack);
    calls.validateRecord = 0;
    const written = await writeSourcePackage(source, options(join(temp.dir), 'exclude'));
    if (!written.ok) throw new Error(written.error.message.en);
    expect(written.value.manifest['x-submission'].rows.project).toBe(rows);
    expect(calls.validateRecord).toBe(rows);
  });
});
