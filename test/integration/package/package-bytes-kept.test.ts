/**
 * A package of a file keeps its bytes when the packager gets faster: `steward package` of a
 * register with problems (issue #11's speed work) gives the same zip, entry for entry, as the
 * packager before that work did. The digests below were taken from that packager (commit
 * 2299c17) on test/fixtures/package/register-with-problems.csv (`steward demo-data --pack
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

const GOLDEN_SHARE_ZIP = '44f015b6327ad5d494f99e2c08e2536854a6a80ff92d4e32b0ca580cb5f9ee4f';
const GOLDEN_SHARE_COMMENT =
  'steward-seal/1 datapackage.json sha256:fdd0408b03a309a24aec2506520f23ce7515deb9324a53fa52c80f1e23f3860c sm3:2985846ce9ec140c87064655aab472aef5c10874b576077e3b489ce7c4dfc453';
const GOLDEN_SHARE_ENTRIES = {
  'data/population.csv': '561c1498d54233952d8d17fc3e3e866833ced5735cf36d0e034ec78e36abed56',
  'reports/validation.json': '33d48f50fc707879292f9eb18ed874ebeb8bfb5f82e207a181c1a432ebb1d208',
  'reports/validation.html': '3ce7b0f03846842bfa2a4692425a220b8cbf57cf2a231756c6a730e08576b15c',
  'reports/errors.xlsx': '02f2769f4791e5ffe3938986e61ac08208a1ce39b4b72625330354d351bf5e98',
  'audit/changes.csv': '75c872b3d1749900aa752df25bdf5a02e9632e78e6d3cb4dccb66e442090bf78',
  'datapackage.json': 'fdd0408b03a309a24aec2506520f23ce7515deb9324a53fa52c80f1e23f3860c',
};
const GOLDEN_OPEN_ZIP = '122df6026f396be647b4963772f2013cb58cf0cfa70195fefe1de5863f76ac8c';
const GOLDEN_OPEN_COMMENT =
  'steward-seal/1 datapackage.json sha256:1c87a1bfc5c7f2f57fd52a14e538eb401dca316f5851acd65b04451a567c1ae0 sm3:f011270e22b6f9f46fb447412e9bb6f3d1912beddf388eddef4032b33d339a5a';
const GOLDEN_OPEN_ENTRIES = {
  'data/population.csv': '94e73c67fa80ec349250a29269a54f3cd1ca58bf98a5c6897984ef548b2b09f7',
  'reports/validation.json': '1d873c61f8f162ddca50439de5cbfd5fb91bb4c1e133780e9b9b520edd757588',
  'reports/validation.html': '4a3f65c64dbd4a9e2c6669816a20d444bbf6a4296e7e0515a5eda584fd47086a',
  'reports/errors.xlsx': 'a45d13c10f12064c5698b67d9e6e38b191daaa5d4b4f32bff434f034828cebd8',
  'audit/changes.csv': '75c872b3d1749900aa752df25bdf5a02e9632e78e6d3cb4dccb66e442090bf78',
  'datapackage.json': '1c87a1bfc5c7f2f57fd52a14e538eb401dca316f5851acd65b04451a567c1ae0',
};
