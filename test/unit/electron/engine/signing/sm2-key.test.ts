import { describe, expect, it } from 'vitest';
import { digestBytes } from '../../../../../electron/engine/package/file-digest.ts';
import { readPemBlock } from '../../../../../electron/engine/signing/der.ts';
import {
  createSm2KeyPair,
  fingerprintOf,
  keyFileScrypt,
  parseEncryptedPrivateKeyPem,
  parsePublicKeyPem,
  serializeEncryptedPrivateKeyPem,
  serializePublicKeyPem,
} from '../../../../../electron/engine/signing/sm2-key.ts';

/** Cheap scrypt for tests that are not about the cost (the default is checked below). */
const cheap = { N: 1 << 10, r: 8, p: 1 };
const office = '牡丹区大数据中心';

describe('the private key file', () => {
  it('opens with its passphrase and gives back the same key, office and fingerprint', async () => {
    const keyPair = createSm2KeyPair();
    const text = await serializeEncryptedPrivateKeyPem(
      office,
      keyPair,
      '口令 correct horse',
      cheap,
    );
    expect(text).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    expect(text).toContain(`Office: ${office}`);
    const read = await parseEncryptedPrivateKeyPem(text, '口令 correct horse');
    if (!read.ok) throw new Error(read.error.message.en);
    expect(Buffer.from(read.value.keyPair.privateKey).equals(Buffer.from(keyPair.privateKey))).toBe(
      true,
    );
    expect(Buffer.from(read.value.keyPair.publicKey).equals(Buffer.from(keyPair.publicKey))).toBe(
      true,
    );
    expect(read.value.office).toBe(office);
    expect(read.value.fingerprint).toBe(fingerprintOf(keyPair.publicKey));
  });

  it('says 口令不正确 for a wrong passphrase, with no library text in the message', async () => {
    const text = await serializeEncryptedPrivateKeyPem(office, createSm2KeyPair(), 'right', cheap);
    for (const wrong of ['wrong', '', 'right ', 'Right']) {
      const read = await parseEncryptedPrivateKeyPem(text, wrong);
      expect(read.ok).toBe(false);
      if (read.ok) continue;
      expect(read.error.code).toBe('key-passphrase');
      expect(read.error.message.zh).toContain('口令不正确');
      expect(read.error.message.zh).not.toMatch(/error|decrypt/i);
    }
  });

  it('refuses a file that is not an encrypted key, plainly', async () => {
    for (const text of [
      '',
      'hello',
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n',
    ]) {
      const read = await parseEncryptedPrivateKeyPem(text, 'x');
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.error.code).toBe('key-unreadable');
    }
  });

  it('uses scrypt within what OpenSSL accepts by default (at most 32 MiB)', () => {
    expect(128 * keyFileScrypt.r * keyFileScrypt.N).toBeLessThanOrEqual(16 * 1024 ** 2);
    expect(keyFileScrypt.N * keyFileScrypt.p).toBeGreaterThan(1 << 14);
  });
});

describe('the public key file', () => {
  it('reads back the key, and its fingerprint is the SM3 of its DER', () => {
    const keyPair = createSm2KeyPair();
    const text = serializePublicKeyPem(office, keyPair.publicKey);
    const der = readPemBlock(text, 'PUBLIC KEY');
    if (der === undefined) throw new Error('no PEM block');
    expect(der.length).toBe(91);
    const read = parsePublicKeyPem(text);
    if (!read.ok) throw new Error(read.error.message.en);
    expect(Buffer.from(read.value.publicKey).equals(Buffer.from(keyPair.publicKey))).toBe(true);
    expect(read.value.fingerprint).toBe(digestBytes(der).sm3);
    expect(read.value.office).toBe(office);
    expect(text).toMatch(/Fingerprint \(SM3\): ([0-9A-F]{4} ){15}[0-9A-F]{4}\n/);
  });

  it('refuses a point that is not on the curve', () => {
    const keyPair = createSm2KeyPair();
    const bad = Buffer.from(keyPair.publicKey);
    bad[64] = (bad[64] ?? 0) ^ 1;
    const read = parsePublicKeyPem(serializePublicKeyPem(office, bad));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.code).toBe('key-unreadable');
  });
});
