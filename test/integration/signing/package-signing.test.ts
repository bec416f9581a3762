/**
 * A signed package (issue #15): the workbench signs the manifest with the office's SM2 key,
 * `verify` with the office's public key says who signed and fails every tampered copy, and the
 * signatures and key files interoperate with stock OpenSSL 3 both ways.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { digestBytes } from '../../../electron/engine/package/file-digest.ts';
import {
  verifyPackage,
  type VerifyReport,
} from '../../../electron/engine/package/verify-package.ts';
import {
  writePackage,
  type PackageOptions,
} from '../../../electron/engine/package/write-package.ts';
import {
  createOfficeKey,
  loadOfficeKey,
  loadPublicKey,
  type PublicKeyFile,
} from '../../../electron/engine/signing/key-store.ts';
import { readPemBlock } from '../../../electron/engine/signing/der.ts';
import type { OfficeKey } from '../../../electron/engine/signing/sm2-key.ts';
import type { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { serializeSeal } from '../../../shared/package/package-manifest.ts';
import {
  createPackWorkspace,
  exemptEveryError,
  packageCreated,
  readZipEntries,
} from '../../helpers/create-pack-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

const run = promisify(execFile);
const office = '牡丹区大数据中心';
const passphrase = '牡丹 2026 签名口令';

let dir: string;
let cleanup: () => Promise<void>;
let workspace: Workspace;
let key: OfficeKey;
let publicKey: PublicKeyFile;
let otherPublicKey: PublicKeyFile;
let packagePath: string;
let passFile: string;

async function write(outDir: string, options: Partial<PackageOptions> = {}): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const written = await writePackage(workspace, {
    kind: 'share',
    onError: 'block',
    created: packageCreated,
    outDir,
    division: '371702',
    steward: '王管理',
    toolVersion: '0.1.0',
    sign: key,
    ...options,
  });
  if (!written.ok) throw new Error(written.error.message.en);
  return written.value.path;
}

/** Writes a zip with the given entries (in order) and comment, as an attacker would. */
async function forge(name: string, entries: Map<string, Buffer>, comment: string): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [path, bytes] of entries) zip.addBuffer(bytes, path, { mtime: packageCreated });
  zip.end({ comment, forceZip64Format: false });
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const path = join(dir, name);
  await writeFile(path, Buffer.concat(chunks));
  return path;
}

function codes(report: VerifyReport): string[] {
  return report.problems.map((p) => p.code);
}

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
  ({ workspace } = await createPackWorkspace(dir, 'pop-base', {
    rows: 200,
    seed: 7,
    errorRate: 0.05,
  }));
  await exemptEveryError(workspace);
  // The default key-file parameters, so OpenSSL below reads the file the CLI and app write.
  const created = await createOfficeKey(join(dir, 'keys'), office, passphrase);
  if (!created.ok) throw new Error(created.error.message.en);
  const other = await createOfficeKey(join(dir, 'other-keys'), '别的单位', passphrase, {
    N: 1 << 10,
    r: 8,
    p: 1,
  });
  if (!other.ok) throw new Error(other.error.message.en);
  const loaded = await loadOfficeKey(created.value.privateKeyPath, passphrase);
  if (!loaded.ok) throw new Error(loaded.error.message.en);
  key = loaded.value;
  const pub = await loadPublicKey(created.value.publicKeyPath);
  const otherPub = await loadPublicKey(other.value.publicKeyPath);
  if (!pub.ok || !otherPub.ok) throw new Error('public key');
  publicKey = pub.value;
  otherPublicKey = otherPub.value;
  passFile = join(dir, 'pass.txt');
  await writeFile(passFile, `${passphrase}\n`);
  packagePath = await write(join(dir, 'signed'));
});

afterAll(async () => {
  await workspace.close();
  await cleanup();
});

describe('a signed package', () => {
  it('holds the signature after the manifest and the signer facts inside the manifest', async () => {
    const { entries } = await readZipEntries(packagePath);
    const names = [...entries.keys()];
    expect(names.slice(-2)).toEqual(['datapackage.json', 'datapackage.json.sig']);
    const manifest = JSON.parse((entries.get('datapackage.json') as Buffer).toString('utf8'));
    expect(manifest['x-submission'].signer).toEqual({
      office,
      fingerprint: publicKey.fingerprint,
      algorithm: 'SM2-SM3',
      userId: '1234567812345678',
      signed: packageCreated.toISOString(),
    });
  });

  it('has the same bytes when written again with the same key and inputs', async () => {
    const again = await write(join(dir, 'again'));
    expect(digestBytes(await readFile(again)).sha256).toBe(
      digestBytes(await readFile(packagePath)).sha256,
    );
  });

  it("verifies with the office's public key and says who signed", async () => {
    const report = await verifyPackage(packagePath, { publicKey });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.signature).toMatchObject({
      isSigned: true,
      isChecked: true,
      isValid: true,
      signer: { office },
    });
  });

  it('without a public key checks the hashes and says the signature was not checked', async () => {
    const report = await verifyPackage(packagePath);
    expect(report.ok).toBe(true);
    expect(report.signature).toMatchObject({ isSigned: true, isChecked: false, isValid: false });
  });
});

describe('verify fails a signed package', () => {
  it('checked with another office key', async () => {
    const report = await verifyPackage(packagePath, { publicKey: otherPublicKey });
    expect(report.ok).toBe(false);
    expect(codes(report)).toEqual(['signature-wrong-key']);
    expect(report.problems[0]?.message.zh).toContain(office);
  });

  it('with a changed byte in any file, the manifest or the signature', async () => {
    const { entries, comment } = await readZipEntries(packagePath);
    for (const [name, bytes] of entries) {
      const changed = Buffer.from(bytes);
      const at = Math.floor(bytes.length / 2);
      changed[at] = (changed[at] ?? 0) ^ 0x01;
      const tampered = new Map(entries);
      tampered.set(name, changed);
      const report = await verifyPackage(await forge('changed.zip', tampered, comment), {
        publicKey,
      });
      expect(report.ok, name).toBe(false);
      // A changed manifest also breaks its seal (and here its JSON); the signature's own test
      // is the forged-seal case below.
      if (name === 'datapackage.json') expect(codes(report)).toContain('seal-sha256');
      if (name === 'datapackage.json.sig') expect(codes(report)).toEqual(['signature-invalid']);
    }
  });

  it('with the signature removed', async () => {
    const { entries, comment } = await readZipEntries(packagePath);
    const tampered = new Map(entries);
    tampered.delete('datapackage.json.sig');
    const path = await forge('unsigned.zip', tampered, comment);
    expect(codes(await verifyPackage(path, { publicKey }))).toEqual(['signature-missing']);
    // Even without the key: the manifest names a signer, so a missing signature shows.
    expect(codes(await verifyPackage(path))).toEqual(['signature-missing']);
  });

  it('with the signature of another manifest by the same key', async () => {
    const later = await write(join(dir, 'later'), { created: new Date('2026-11-27T02:00:00Z') });
    const { entries, comment } = await readZipEntries(packagePath);
    const other = await readZipEntries(later);
    const tampered = new Map(entries);
    tampered.set('datapackage.json.sig', other.entries.get('datapackage.json.sig') as Buffer);
    const report = await verifyPackage(await forge('swapped.zip', tampered, comment), {
      publicKey,
    });
    expect(codes(report)).toEqual(['signature-invalid']);
  });

  it('with the signer facts changed and every checksum and the seal forged to match', async () => {
    const { entries } = await readZipEntries(packagePath);
    const text = (entries.get('datapackage.json') as Buffer).toString('utf8');
    const forgedManifest = Buffer.from(
      text.replace(`"office": "${office}"`, '"office": "冒名单位"'),
    );
    expect(forgedManifest.equals(entries.get('datapackage.json') as Buffer)).toBe(false);
    const tampered = new Map(entries);
    tampered.set('datapackage.json', forgedManifest);
    const seal = digestBytes(forgedManifest);
    const report = await verifyPackage(
      await forge('signer.zip', tampered, serializeSeal(seal.sha256, seal.sm3)),
      { publicKey },
    );
    expect(codes(report)).toEqual(['signature-invalid']);
  });

  it('with the signer facts removed but the signature left', async () => {
    const { entries } = await readZipEntries(packagePath);
    const manifest = JSON.parse((entries.get('datapackage.json') as Buffer).toString('utf8'));
    delete manifest['x-submission'].signer;
    const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    const tampered = new Map(entries);
    tampered.set('datapackage.json', bytes);
    const seal = digestBytes(bytes);
    const report = await verifyPackage(
      await forge('nosigner.zip', tampered, serializeSeal(seal.sha256, seal.sm3)),
      { publicKey },
    );
    expect(codes(report)).toEqual(['signer-missing']);
  });

  it('with a file added or removed', async () => {
    const { entries, comment } = await readZipEntries(packagePath);
    const added = new Map(entries);
    added.set('data/extra.csv', Buffer.from('a,b\r\n1,2\r\n'));
    expect(
      codes(await verifyPackage(await forge('added.zip', added, comment), { publicKey })),
    ).toEqual(['file-added']);
    const removed = new Map(entries);
    removed.delete('audit/changes.csv');
    expect(
      codes(await verifyPackage(await forge('removed.zip', removed, comment), { publicKey })),
    ).toContain('file-missing');
  });

  it('that is not signed at all, when a public key is given', async () => {
    const unsigned = await write(join(dir, 'plain'), { sign: undefined });
    expect(codes(await verifyPackage(unsigned, { publicKey }))).toEqual(['signature-missing']);
    expect((await verifyPackage(unsigned)).ok).toBe(true);
  });
});

describe('OpenSSL 3 interoperability', () => {
  async function extract(path: string): Promise<{ manifest: string; sig: string }> {
    const { entries } = await readZipEntries(path);
    const out = join(dir, 'extracted');
    await mkdir(out, { recursive: true });
    const manifest = join(out, 'datapackage.json');
    const sig = join(out, 'datapackage.json.sig');
    await writeFile(manifest, entries.get('datapackage.json') as Buffer);
    await writeFile(sig, entries.get('datapackage.json.sig') as Buffer);
    return { manifest, sig };
  }

  const verifyArgs = (pem: string, manifest: string, sig: string): string[] => [
    'pkeyutl',
    '-verify',
    '-pubin',
    '-inkey',
    pem,
    '-rawin',
    '-in',
    manifest,
    '-sigfile',
    sig,
    '-digest',
    'sm3',
    '-pkeyopt',
    'distid:1234567812345678',
  ];

  it('verifies a workbench signature with the command in docs/signing.md', async () => {
    const { manifest, sig } = await extract(packagePath);
    const pem = join(dir, 'keys', 'office.pem');
    const { stdout } = await run('openssl', verifyArgs(pem, manifest, sig));
    expect(stdout).toContain('Signature Verified Successfully');
    const changed = Buffer.from(await readFile(manifest));
    changed[100] = (changed[100] ?? 0) ^ 0x01;
    await writeFile(manifest, changed);
    await expect(run('openssl', verifyArgs(pem, manifest, sig))).rejects.toThrow();
  });

  it('opens the workbench key file with the passphrase and derives the same public key', async () => {
    const { stdout } = await run('openssl', [
      'pkey',
      '-in',
      join(dir, 'keys', 'office.key'),
      '-passin',
      `file:${passFile}`,
      '-pubout',
    ]);
    const ours = await readFile(join(dir, 'keys', 'office.pem'), 'utf8');
    expect(stdout).toBe(ours.slice(ours.indexOf('-----BEGIN')));
    await expect(
      run('openssl', ['pkey', '-in', join(dir, 'keys', 'office.key'), '-passin', 'pass:wrong']),
    ).rejects.toThrow();
  });

  it('verifies in the workbench a manifest signature made by OpenSSL', async () => {
    const { manifest } = await extract(packagePath);
    const sig = join(dir, 'extracted', 'openssl.sig');
    await run('openssl', [
      'pkeyutl',
      '-sign',
      '-inkey',
      join(dir, 'keys', 'office.key'),
      '-passin',
      `file:${passFile}`,
      '-rawin',
      '-in',
      manifest,
      '-digest',
      'sm3',
      '-pkeyopt',
      'distid:1234567812345678',
      '-out',
      sig,
    ]);
    const { entries, comment } = await readZipEntries(packagePath);
    const opensslSignature = await readFile(sig);
    expect(opensslSignature.equals(entries.get('datapackage.json.sig') as Buffer)).toBe(false);
    const resigned = new Map(entries);
    resigned.set('datapackage.json.sig', opensslSignature);
    const report = await verifyPackage(await forge('openssl-signed.zip', resigned, comment), {
      publicKey,
    });
    expect(report.problems).toEqual([]);
    expect(report.signature?.isValid).toBe(true);
  });

  it('reads an SM2 key OpenSSL made and encrypted, and its public key, with the same fingerprint', async () => {
    const plain = join(dir, 'openssl-plain.pem');
    const encrypted = join(dir, 'openssl.key');
    const pub = join(dir, 'openssl.pem');
    await run('openssl', ['genpkey', '-algorithm', 'SM2', '-out', plain]);
    await run('openssl', [
      'pkcs8',
      '-topk8',
      '-scrypt',
      '-v2',
      'aes-256-cbc',
      '-in',
      plain,
      '-passout',
      `file:${passFile}`,
      '-out',
      encrypted,
    ]);
    await run('openssl', ['pkey', '-in', plain, '-pubout', '-out', pub]);
    const loaded = await loadOfficeKey(encrypted, passphrase);
    if (!loaded.ok) throw new Error(loaded.error.message.en);
    const pubKey = await loadPublicKey(pub);
    if (!pubKey.ok) throw new Error(pubKey.error.message.en);
    const der = readPemBlock(await readFile(pub, 'utf8'), 'PUBLIC KEY');
    expect(der).toBeDefined();
    expect(loaded.value.fingerprint).toBe(digestBytes(der as Uint8Array).sm3);
    expect(pubKey.value.fingerprint).toBe(loaded.value.fingerprint);
    const wrong = await loadOfficeKey(encrypted, 'not the passphrase');
    expect(wrong.ok ? '' : wrong.error.code).toBe('key-passphrase');
  });
});
