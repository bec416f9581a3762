/**
 * A package of a file keeps its bytes when the packager gets faster: `steward package` of a
 * register with problems (issue #11's speed work) gives the same zip, entry for entry, as the
 * packager before that work did. The digests below were taken from that packager (commit
 * 2299c17; taken again when the error workbook and validation.html learnt to print on A4, and
 * when pop-base declared its update cycle and the reports learnt the data's as-of date, and when
 * a pack rule's English title learnt to start with a capital letter) on
 * test/fixtures/package/register-with-problems.csv (`steward demo-data --pack
 * pop-base --rows 400 --seed 11 --error-rate 0.25 --today 2026-11-26`). If the package format
 * changes on purpose, take them again and say why in the commit.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZipEntries } from '../../helpers/create-pack-workspace.ts';
import { createTempDir, repoRoot, runSteward } from '../../helpers/run-steward.ts';

const register = join(repoRoot, 'test/fixtures/package/register-with-problems.csv');

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
});

afterAll(async () => {
  await cleanup();
});

/** Packages the register as a clerk would, and reads back the zip's entries. */
async function packageRegister(kind: string): Promise<{
  zip: string;
  entries: Record<string, string>;
  comment: string;
}> {
  const out = join(dir, kind);
  await mkdir(out);
  const run = await runSteward([
    'package',
    register,
    '--pack',
    'pop-base',
    '--kind',
    kind,
    '--department',
    '牡丹区公安分局',
    '--period',
    '2026Q4',
    '--on-error',
    'exclude',
    '--created',
    '2026-11-26T10:00:00+08:00',
    '--steward',
    '张三',
    '--out',
    out,
  ]);
  expect(run.stderr).not.toContain('内部错误');
  expect(run.code).toBe(0);
  const [name] = await readdir(out);
  const path = join(out, name ?? '');
  const { entries, comment } = await readZipEntries(path);
  return {
    zip: sha256(await readFile(path)),
    entries: Object.fromEntries([...entries].map(([entry, bytes]) => [entry, sha256(bytes)])),
    comment,
  };
}

describe('steward package keeps the bytes of the package', () => {
  it('gives the same 共享 package as before, entry for entry', async () => {
    const written = await packageRegister('share');
    expect(written.entries).toEqual(GOLDEN_SHARE_ENTRIES);
    expect(written.comment).toBe(GOLDEN_SHARE_COMMENT);
    expect(written.zip).toBe(GOLDEN_SHARE_ZIP);
  }, 120_000);

  it('gives the same 开放 package as before, entry for entry', async () => {
    const written = await packageRegister('open');
    expect(written.entries).toEqual(GOLDEN_OPEN_ENTRIES);
    expect(written.comment).toBe(GOLDEN_OPEN_COMMENT);
    expect(written.zip).toBe(GOLDEN_OPEN_ZIP);
  }, 120_000);
});

const GOLDEN_SHARE_ZIP = '2a3badaa4c7c6f2dac778285f5b6c642fcd011b42d66f060c3a859e70fe3c763';
const GOLDEN_SHARE_COMMENT =
  'steward-seal/1 datapackage.json sha256:525d5d6c204740e76a373af1ed8fcb3784dc3d32f6bd487c0fda579e6fbb7d1d sm3:ef9784966f9af42280f8cd89521e1e9475f3bab578af6a51497802bd2c36bae4';
const GOLDEN_SHARE_ENTRIES = {
  'data/population.csv': '561c1498d54233952d8d17fc3e3e866833ced5735cf36d0e034ec78e36abed56',
  'reports/validation.json': '323aa125e5574d28d9d249c14ca9afabb807839dc941db442a5915b1a91d9008',
  'reports/validation.html': '65512dd332fc685ca77ed14e68741d830638613ddfb9457e5d4bfc2c182b40f9',
  'reports/errors.xlsx': '7de97b696d4f165c4e543369bdeee3a0838c8a95346b5d3a4a2f1517192929c2',
  'audit/changes.csv': '75c872b3d1749900aa752df25bdf5a02e9632e78e6d3cb4dccb66e442090bf78',
  'datapackage.json': '525d5d6c204740e76a373af1ed8fcb3784dc3d32f6bd487c0fda579e6fbb7d1d',
};
const GOLDEN_OPEN_ZIP = '0918685d8a88c0afe5716e3fe214b64f1dbe8dbfe418d112c925684cd656f333';
const GOLDEN_OPEN_COMMENT =
  'steward-seal/1 datapackage.json sha256:145d2347200818f5e96e03e84ec07072dc73931bbfe8f099f4272a924c669ad8 sm3:4db7f0251bfa5bfa5850864f09e0f87919ca842c1a3edd91e02219fdf374497c';
const GOLDEN_OPEN_ENTRIES = {
  'data/population.csv': '94e73c67fa80ec349250a29269a54f3cd1ca58bf98a5c6897984ef548b2b09f7',
  'reports/validation.json': '1617ad3318ce0d5f69085f70410b2a6c71a557aa873d83e369ae785f81632751',
  'reports/validation.html': 'f177b18f02e2f9d6a319463b8652654253eb07693467cdfa85159254b9eb6795',
  'reports/errors.xlsx': 'c56753bbfc46680caea47c6dd2f4da1b8d61fcaa59b5af7f81d42941db50a4fe',
  'audit/changes.csv': '75c872b3d1749900aa752df25bdf5a02e9632e78e6d3cb4dccb66e442090bf78',
  'datapackage.json': '145d2347200818f5e96e03e84ec07072dc73931bbfe8f099f4272a924c669ad8',
};
