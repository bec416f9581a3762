/**
 * A package of a file keeps its bytes when the packager gets faster: `steward package` of a
 * register with problems (issue #11's speed work) gives the same zip, entry for entry, as the
 * packager before that work did. The digests below were taken from that packager (commit
 * 2299c17; taken again when the error workbook and validation.html learnt to print on A4) on
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

const GOLDEN_SHARE_ZIP = '103513dfe2e8dd71ac72b6a39920e2f418221158f1944ee2270e4dc607b80c2b';
const GOLDEN_SHARE_COMMENT =
  'steward-seal/1 datapackage.json sha256:574cd4248aa5a39163ae9e4fb8b74deeca6aa361252625874cbede3f2728cc0a sm3:355e1ec400a49051996fffee242689b6e5455a88c3789e86f6bca7592f4ca0fd';
const GOLDEN_SHARE_ENTRIES = {
  'data/population.csv': '561c1498d54233952d8d17fc3e3e866833ced5735cf36d0e034ec78e36abed56',
  'reports/validation.json': '33d48f50fc707879292f9eb18ed874ebeb8bfb5f82e207a181c1a432ebb1d208',
  'reports/validation.html': 'f14d129eb80691b63174fcf9141fd4f6ce9c5e2fe787a915791d02e5f4fd6b8c',
  'reports/errors.xlsx': '7de97b696d4f165c4e543369bdeee3a0838c8a95346b5d3a4a2f1517192929c2',
  'audit/changes.csv': '75c872b3d1749900aa752df25bdf5a02e9632e78e6d3cb4dccb66e442090bf78',
  'datapackage.json': '574cd4248aa5a39163ae9e4fb8b74deeca6aa361252625874cbede3f2728cc0a',
};
const GOLDEN_OPEN_ZIP = 'e0b8f69d982cfebe440b26c85310066465649f2553683f2a58bbda7cd3cd6aa9';
const GOLDEN_OPEN_COMMENT =
  'steward-seal/1 datapackage.json sha256:d1148dba8578655786470967548ae0862d26d3c56b0c92464d538cfb7e0768df sm3:7b7a6f6c0da2b4825cb7dfeeed4a322d22342faccf84db554ac52d1168a1b2b3';
const GOLDEN_OPEN_ENTRIES = {
  'data/population.csv': '94e73c67fa80ec349250a29269a54f3cd1ca58bf98a5c6897984ef548b2b09f7',
  'reports/validation.json': '1d873c61f8f162ddca50439de5cbfd5fb91bb4c1e133780e9b9b520edd757588',
  'reports/validation.html': '39543bd806b4d54891573471e76697cb31d24a8971e7413d3b9e55a7ce3b94d1',
  'reports/errors.xlsx': 'c56753bbfc46680caea47c6dd2f4da1b8d61fcaa59b5af7f81d42941db50a4fe',
  'audit/changes.csv': '75c872b3d1749900aa752df25bdf5a02e9632e78e6d3cb4dccb66e442090bf78',
  'datapackage.json': 'd1148dba8578655786470967548ae0862d26d3c56b0c92464d538cfb7e0768df',
};
