/**
 * An office's key files on disk: `office.key` (the private key, encrypted with the office's
 * passphrase) and `office.pem` (the public key to register with the province), side by side in
 * one folder (the CLI's `--out`, the app's data folder `keys/`). Files from disk are a trust
 * boundary: every read is checked and fails as a Result.
 */
import { constants } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from '../../../shared/result.ts';
import {
  createSm2KeyPair,
  fingerprintOf,
  keyFileScrypt,
  parseEncryptedPrivateKeyPem,
  parsePublicKeyPem,
  serializeEncryptedPrivateKeyPem,
  serializePublicKeyPem,
  type OfficeKey,
  type ScryptParameters,
} from './sm2-key.ts';

/** The file names of an office's key pair in its folder. */
export const keyFileNames = { privateKey: 'office.key', publicKey: 'office.pem' } as const;

/** Shortest passphrase accepted for a new key. */
export const minPassphraseLength = 8;

/** A key pair as written: where, for whom, and its fingerprint. */
export interface CreatedKey {
  readonly office: string;
  readonly privateKeyPath: string;
  readonly publicKeyPath: string;
  readonly fingerprint: string;
}

/** A public key as read from a file. */
export interface PublicKeyFile {
  readonly office: string;
  readonly publicKey: Uint8Array;
  readonly fingerprint: string;
}

/** Checks a new key's office name and passphrase. */
export function checkNewKey(office: string, passphrase: string): Result<void> {
  if (office.trim() === '')
    return err('key-office', '请填写单位名称（如 牡丹区大数据中心）', 'The office name is empty');
  if ([...passphrase].length < minPassphraseLength)
    return err(
      'key-passphrase-short',
      `口令至少 ${minPassphraseLength} 个字符，请换一个更长的口令`,
      `The passphrase must have at least ${minPassphraseLength} characters`,
    );
  return ok(undefined);
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/**
 * Creates a key pair for `office` in `folder` (created if missing). Refuses to replace a key
 * already there: a lost private key cannot be brought back, and the province knows the old one.
 */
export async function createOfficeKey(
  folder: string,
  office: string,
  passphrase: string,
  params: ScryptParameters = keyFileScrypt,
): Promise<Result<CreatedKey>> {
  const checked = checkNewKey(office, passphrase);
  if (!checked.ok) return checked;
  const name = office.trim();
  const keyPair = createSm2KeyPair();
  const privateKeyPath = join(folder, keyFileNames.privateKey);
  const publicKeyPath = join(folder, keyFileNames.publicKey);
  const privateText = await serializeEncryptedPrivateKeyPem(name, keyPair, passphrase, params);
  try {
    await mkdir(folder, { recursive: true });
    // `wx`: fail if the file exists, so an existing key is never overwritten.
    await writeFile(privateKeyPath, privateText, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if (isErrno(error, 'EEXIST'))
      return err(
        'key-exists',
        `这里已有签名密钥（${privateKeyPath}），不会覆盖。如确需新密钥，请换一个文件夹，并向省级部门重新登记公钥`,
        `A signing key already exists at ${privateKeyPath}; it is not replaced`,
      );
    if (isErrno(error, 'EACCES') || isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR'))
      return err(
        'key-folder',
        `无法在此文件夹写入密钥：${folder}。请换一个可写的文件夹`,
        `Cannot write the key in ${folder}`,
        [error instanceof Error ? error.message : String(error)],
      );
    throw error;
  }
  const fingerprint = fingerprintOf(keyPair.publicKey);
  await writeFile(publicKeyPath, serializePublicKeyPem(name, keyPair.publicKey), {
    mode: constants.S_IRUSR | constants.S_IWUSR | constants.S_IRGRP | constants.S_IROTH,
  });
  return ok({ office: name, privateKeyPath, publicKeyPath, fingerprint });
}

async function readKeyText(path: string, what: string): Promise<Result<string>> {
  try {
    const bytes = await readFile(path);
    if (bytes.length > 64 * 1024)
      return err('key-unreadable', `${what}不是签名密钥文件：${path}`, `Not a key file: ${path}`);
    return ok(bytes.toString('utf8'));
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'EISDIR') || isErrno(error, 'EACCES'))
      return err('key-not-found', `找不到${what}：${path}`, `Key file not found: ${path}`, [
        error instanceof Error ? error.message : String(error),
      ]);
    throw error;
  }
}

/** Loads and opens a private key file with its passphrase. */
export async function loadOfficeKey(path: string, passphrase: string): Promise<Result<OfficeKey>> {
  const text = await readKeyText(path, '签名私钥文件');
  if (!text.ok) return text;
  return parseEncryptedPrivateKeyPem(text.value, passphrase);
}

/** Loads a public key file. */
export async function loadPublicKey(path: string): Promise<Result<PublicKeyFile>> {
  const text = await readKeyText(path, '公钥文件');
  if (!text.ok) return text;
  return parsePublicKeyPem(text.value);
}
