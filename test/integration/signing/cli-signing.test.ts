/** `steward key create`, `steward package --sign` and `steward verify --public-key` as an office runs them. */
import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir, runSteward } from '../../helpers/run-steward.ts';

let dir: string;
let cleanup: () => Promise<void>;
let csv: string;
let packagePath: string;
const office = '牡丹区大数据中心';
const passphrase = 'mudan-2026-口令';
const withPassphrase = { STEWARD_KEY_PASSPHRASE: passphrase };
const noPassphrase = { STEWARD_KEY_PASSPHRASE: '' };

const packageArgs = (out: string): string[] => [
  'package',
  csv,
  '--kind',
  'share',
  '--pack',
  'pop-base',
  '--department',
  '牡丹区公安分局',
  '--period',
  '2026Q4',
  '--created',
  '2026-11-26T10:00:00+08:00',
  '--on-error',
  'exclude',
  '--out',
  out,
];

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
  csv = join(dir, 'demo.csv');
  const demo = await runSteward([
    'demo-data',
    '--pack',
    'pop-base',
    '--rows',
    '120',
    '--seed',
    '4',
    '--today',
    '2026-11-26',
    '--out',
    csv,
  ]);
  expect(demo.code).toBe(0);
}, 120_000);

afterAll(async () => {
  await cleanup();
});

describe('steward key create', () => {
  it('writes the encrypted private key and the public key, and prints the fingerprint in groups', async () => {
    const run = await runSteward(
      ['key', 'create', '--office', office, '--out', join(dir, 'keys')],
      withPassphrase,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`已为「${office}」创建 SM2 签名密钥`);
    expect(run.stdout).toMatch(/\n {2}([0-9A-F]{4} ){15}[0-9A-F]{4}\n/);
    const key = await readFile(join(dir, 'keys', 'office.key'), 'utf8');
    expect(key).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    await access(join(dir, 'keys', 'office.pem'));
  });

  it('never replaces an existing key (exit 2)', async () => {
    const before = await readFile(join(dir, 'keys', 'office.key'));
    const run = await runSteward(
      ['key', 'create', '--office', office, '--out', join(dir, 'keys')],
      withPassphrase,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('不会覆盖');
    expect((await readFile(join(dir, 'keys', 'office.key'))).equals(before)).toBe(true);
  });

  it('refuses a short passphrase, and no passphrase at all off a terminal (exit 2)', async () => {
    const short = await runSteward(
      ['key', 'create', '--office', office, '--out', join(dir, 'short')],
      { STEWARD_KEY_PASSPHRASE: 'abc' },
    );
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('口令至少 8 个字符');
    const none = await runSteward(
      ['key', 'create', '--office', office, '--out', join(dir, 'none')],
      noPassphrase,
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--passphrase-file');
  });
});

describe('steward package --sign', () => {
  it('says 口令不正确 for a wrong passphrase (exit 2, no library text)', async () => {
    const run = await runSteward([...packageArgs(dir), '--sign', join(dir, 'keys', 'office.key')], {
      STEWARD_KEY_PASSPHRASE: 'not-the-passphrase',
    });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toContain('口令不正确');
    expect(run.stdout).toBe('');
  });

  it('signs with the passphrase from a file and says so', async () => {
    const passFile = join(dir, 'pass.txt');
    await writeFile(passFile, `${passphrase}\n`);
    const run = await runSteward(
      [
        ...packageArgs(dir),
        '--sign',
        join(dir, 'keys', 'office.key'),
        '--passphrase-file',
        passFile,
      ],
      noPassphrase,
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`已签名：${office}`);
    packagePath = run.stdout.trim();
  });
});

describe('steward verify --public-key', () => {
  it('says who signed (exit 0)', async () => {
    const run = await runSteward([
      'verify',
      packagePath,
      '--public-key',
      join(dir, 'keys', 'office.pem'),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`签名有效：由 ${office}`);
  });

  it('without the key checks the hashes and says the signature was not checked (exit 0)', async () => {
    const run = await runSteward(['verify', packagePath]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('签名未核验');
  });

  it("fails with another office's key (exit 1) and says whose key signed", async () => {
    const other = await runSteward(
      ['key', 'create', '--office', '别的单位', '--out', join(dir, 'other')],
      withPassphrase,
    );
    expect(other.code).toBe(0);
    const run = await runSteward([
      'verify',
      packagePath,
      '--public-key',
      join(dir, 'other', 'office.pem'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('签名所用的密钥与给定公钥不符');
  });

  it('keeps the JSON keys and adds the signature', async () => {
    const run = await runSteward([
      'verify',
      packagePath,
      '--public-key',
      join(dir, 'keys', 'office.pem'),
      '--format',
      'json',
    ]);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual([
      'ok',
      'readable',
      'checked',
      'problems',
      'submission',
      'signature',
    ]);
    expect(json.signature).toMatchObject({
      signed: true,
      checked: true,
      valid: true,
      signer: { office },
    });
  });

  it('refuses a file that is not a public key (exit 2)', async () => {
    const run = await runSteward(['verify', packagePath, '--public-key', csv]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('公钥文件无法读取');
  });
});
