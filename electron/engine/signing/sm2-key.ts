/**
 * An office's SM2 signing key (GB/T 32918, curve sm2p256v1) and its two files, both standard PEM
 * that OpenSSL 3 reads (docs/signing.md):
 * - the public key: SubjectPublicKeyInfo, algorithm id-ecPublicKey with the SM2 curve OID
 *   1.2.156.10197.1.301, as `openssl pkey -pubout` writes it; its fingerprint is the SM3 of
 *   those DER bytes;
 * - the private key: PKCS#8 EncryptedPrivateKeyInfo, PBES2 with scrypt (RFC 7914) and
 *   AES-256-CBC, as `openssl pkcs8 -topk8 -scrypt -v2 aes-256-cbc` writes it.
 * A few labelled lines before each PEM block (office, fingerprint) say whose key it is; OpenSSL
 * skips text before `-----BEGIN`.
 *
 * The curve arithmetic is sm-crypto-v2 (built on @noble/curves, pure JS), so the same code runs
 * under Node and Electron, whose BoringSSL has no SM2. scrypt and AES come from node:crypto,
 * which both have.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { digestBytes } from '../package/file-digest.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { formatFingerprint } from '../../../shared/signing/format-fingerprint.ts';
import {
  DerError,
  derElement,
  derInteger,
  derIntegerValue,
  derOid,
  derTag,
  readDer,
  readDerSequence,
  readPemBlock,
  serializePemBlock,
} from './der.ts';

/** The user id (ID_A) of GB/T 35276 / GM/T 0009 when none is agreed: the default everyone uses. */
export const sm2DefaultUserId = '1234567812345678';

/** An SM2 key pair: the private scalar (32 bytes) and the uncompressed public point (65 bytes). */
export interface Sm2KeyPair {
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** The key of an office: its pair and the office's name. */
export interface OfficeKey {
  readonly office: string;
  readonly keyPair: Sm2KeyPair;
  /** SM3 of the public key's SubjectPublicKeyInfo, 64 lower-case hex digits. */
  readonly fingerprint: string;
}

/** scrypt parameters of a key file; fixed for new files, read from the file otherwise. */
export interface ScryptParameters {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * scrypt for new key files. N = 2^14, r = 8 keeps the memory at 16 MiB, inside OpenSSL's default
 * scrypt limit of 32 MiB (N = 2^15 needs 32 MiB plus its buffers, which OpenSSL 3 refuses), so
 * `openssl pkcs8` can open the file; p = 4 makes a guess cost 4 times OpenSSL's own default
 * (about 1 s on a loaded 2-core machine here) without more memory. The passphrase is asked once per package, so the wait
 * is paid once; a stolen file costs an attacker the same per guess.
 */
export const keyFileScrypt: ScryptParameters = { N: 1 << 14, r: 8, p: 4 };

/** Largest scrypt cost accepted from a file: a hostile file must not take the machine. */
const maxScryptMemory = 256 * 1024 ** 2;

const oid = {
  ecPublicKey: '1.2.840.10045.2.1',
  sm2: '1.2.156.10197.1.301',
  pbes2: '1.2.840.113549.1.5.13',
  scrypt: '1.3.6.1.4.1.11591.4.11',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
} as const;

const sm2Algorithm = (): Uint8Array =>
  derElement(derTag.sequence, derOid(oid.ecPublicKey), derOid(oid.sm2));

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/** Creates a new key pair from the system's random source. */
export function createSm2KeyPair(): Sm2KeyPair {
  const pair = sm2.generateKeyPairHex();
  return {
    privateKey: Buffer.from(pair.privateKey, 'hex'),
    publicKey: Buffer.from(pair.publicKey, 'hex'),
  };
}

/** The public key as SubjectPublicKeyInfo DER. */
export function serializePublicKeyDer(publicKey: Uint8Array): Uint8Array {
  return derElement(
    derTag.sequence,
    sm2Algorithm(),
    derElement(derTag.bitString, Uint8Array.of(0), publicKey),
  );
}

/** SM3 of the SubjectPublicKeyInfo: 64 lower-case hex digits. */
export function fingerprintOf(publicKey: Uint8Array): string {
  return digestBytes(serializePublicKeyDer(publicKey)).sm3;
}

function labelLines(title: string, office: string, fingerprint: string): string {
  return `${title}\nOffice: ${office.replace(/[\r\n]/g, ' ')}\nFingerprint (SM3): ${formatFingerprint(fingerprint)}\n`;
}

/** The public key file: labelled lines, then the SubjectPublicKeyInfo PEM. */
export function serializePublicKeyPem(office: string, publicKey: Uint8Array): string {
  return (
    labelLines('# 数据归集工作台 SM2 签名公钥 / SM2 public key', office, fingerprintOf(publicKey)) +
    serializePemBlock(serializePublicKeyDer(publicKey), 'PUBLIC KEY')
  );
}

function unreadableKey(what: string, detail: string): Result<never> {
  return err(
    'key-unreadable',
    `${what}无法读取：不是 SM2 密钥文件（应为 PEM 格式）。请选择“创建签名密钥”生成的文件`,
    `The ${what === '公钥文件' ? 'public' : 'private'} key file cannot be read: not an SM2 key file (PEM expected)`,
    [detail],
  );
}

/** Whether the bytes are an uncompressed point on the SM2 curve. */
function isCurvePoint(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 65 || publicKey[0] !== 4) return false;
  try {
    return sm2.verifyPublicKey(hex(publicKey));
  } catch {
    // @noble/curves throws "bad point" for a point off the curve: that is simply "no".
    return false;
  }
}

function readOffice(text: string): string {
  return /^Office: (.*)$/m.exec(text)?.[1]?.trim() ?? '';
}

/** Reads a public key file (ours or any SM2 SubjectPublicKeyInfo PEM, e.g. from OpenSSL). */
export function parsePublicKeyPem(
  text: string,
): Result<{ office: string; publicKey: Uint8Array; fingerprint: string }> {
  const der = readPemBlock(text, 'PUBLIC KEY');
  if (der === undefined) return unreadableKey('公钥文件', 'no PUBLIC KEY PEM block');
  try {
    const spki = readDer(der, 0, derTag.sequence);
    const [algorithm, bits] = readDerSequence(spki.content, [derTag.sequence, derTag.bitString]);
    if (algorithm === undefined || bits === undefined) throw new DerError('short');
    if (!sameBytes(algorithm.content, sm2Algorithm().subarray(2)))
      return unreadableKey('公钥文件', 'not an SM2 key (algorithm is not ecPublicKey + SM2)');
    const publicKey = bits.content.subarray(1);
    if (bits.content[0] !== 0 || !isCurvePoint(publicKey))
      return unreadableKey('公钥文件', 'the public point is not on the SM2 curve');
    return ok({ office: readOffice(text), publicKey, fingerprint: fingerprintOf(publicKey) });
  } catch (error) {
    if (error instanceof DerError) return unreadableKey('公钥文件', error.message);
    throw error;
  }
}

/** PKCS#8 PrivateKeyInfo with the ECPrivateKey inside, as OpenSSL 3 writes an SM2 key. */
function serializePrivateKeyInfo(keyPair: Sm2KeyPair): Uint8Array {
  const ecPrivateKey = derElement(
    derTag.sequence,
    derInteger(1),
    derElement(derTag.octetString, keyPair.privateKey),
    derElement(derTag.context1, derElement(derTag.bitString, Uint8Array.of(0), keyPair.publicKey)),
  );
  return derElement(
    derTag.sequence,
    derInteger(0),
    sm2Algorithm(),
    derElement(derTag.octetString, ecPrivateKey),
  );
}

function parsePrivateKeyInfo(der: Uint8Array): Sm2KeyPair {
  const info = readDer(der, 0, derTag.sequence);
  const [version, algorithm, inner] = readDerSequence(info.content, [
    derTag.integer,
    derTag.sequence,
    derTag.octetString,
  ]);
  if (version === undefined || algorithm === undefined || inner === undefined)
    throw new DerError('short');
  if (!sameBytes(algorithm.content, sm2Algorithm().subarray(2)))
    throw new DerError('not an SM2 private key');
  const ec = readDer(inner.content, 0, derTag.sequence);
  const [ecVersion, scalar] = readDerSequence(ec.content, [derTag.integer, derTag.octetString]);
  if (ecVersion === undefined || scalar === undefined || derIntegerValue(ecVersion.content) !== 1)
    throw new DerError('not an ECPrivateKey');
  const privateKey = Buffer.alloc(32);
  Buffer.from(scalar.content).copy(privateKey, 32 - scalar.content.length);
  const publicKey = Buffer.from(sm2.getPublicKeyFromPrivateKey(hex(privateKey)), 'hex');
  return { privateKey, publicKey };
}

function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  params: ScryptParameters,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(passphrase, 'utf8'),
      salt,
      32,
      { ...params, maxmem: maxScryptMemory + 1024 ** 2 },
      (error, key) => (error === null ? resolve(key) : reject(error)),
    );
  });
}

/** The private key file: labelled lines, then the EncryptedPrivateKeyInfo PEM. */
export async function serializeEncryptedPrivateKeyPem(
  office: string,
  keyPair: Sm2KeyPair,
  passphrase: string,
  params: ScryptParameters = keyFileScrypt,
): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = await deriveKey(passphrase, salt, params);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const encrypted = Buffer.concat([
    cipher.update(serializePrivateKeyInfo(keyPair)),
    cipher.final(),
  ]);
  const algorithm = derElement(
    derTag.sequence,
    derOid(oid.pbes2),
    derElement(
      derTag.sequence,
      derElement(
        derTag.sequence,
        derOid(oid.scrypt),
        derElement(
          derTag.sequence,
          derElement(derTag.octetString, salt),
          derInteger(params.N),
          derInteger(params.r),
          derInteger(params.p),
        ),
      ),
      derElement(derTag.sequence, derOid(oid.aes256Cbc), derElement(derTag.octetString, iv)),
    ),
  );
  const der = derElement(derTag.sequence, algorithm, derElement(derTag.octetString, encrypted));
  return (
    labelLines(
      '# 数据归集工作台 SM2 签名私钥（口令加密）/ SM2 private key, encrypted with a passphrase',
      office,
      fingerprintOf(keyPair.publicKey),
    ) + serializePemBlock(der, 'ENCRYPTED PRIVATE KEY')
  );
}

interface EncryptedKeyParts {
  readonly salt: Uint8Array;
  readonly params: ScryptParameters;
  readonly iv: Uint8Array;
  readonly encrypted: Uint8Array;
}

function parseEncryptedPrivateKeyInfo(der: Uint8Array): EncryptedKeyParts {
  const outer = readDer(der, 0, derTag.sequence);
  const [algorithm, encrypted] = readDerSequence(outer.content, [
    derTag.sequence,
    derTag.octetString,
  ]);
  if (algorithm === undefined || encrypted === undefined) throw new DerError('short');
  const [scheme, pbes2] = readDerSequence(algorithm.content, [derTag.oid, derTag.sequence]);
  if (scheme === undefined || pbes2 === undefined) throw new DerError('short');
  if (!sameBytes(scheme.content, derOid(oid.pbes2).subarray(2)))
    throw new DerError('not PBES2 (only PBES2 with scrypt and AES-256-CBC is read)');
  const [kdf, cipher] = readDerSequence(pbes2.content, [derTag.sequence, derTag.sequence]);
  if (kdf === undefined || cipher === undefined) throw new DerError('short');
  const [kdfOid, kdfParams] = readDerSequence(kdf.content, [derTag.oid, derTag.sequence]);
  if (kdfOid === undefined || kdfParams === undefined) throw new DerError('short');
  if (!sameBytes(kdfOid.content, derOid(oid.scrypt).subarray(2)))
    throw new DerError('the key derivation is not scrypt');
  const [salt, n, r, p] = readDerSequence(kdfParams.content, [
    derTag.octetString,
    derTag.integer,
    derTag.integer,
    derTag.integer,
  ]);
  if (salt === undefined || n === undefined || r === undefined || p === undefined)
    throw new DerError('short');
  const [cipherOid, iv] = readDerSequence(cipher.content, [derTag.oid, derTag.octetString]);
  if (cipherOid === undefined || iv === undefined) throw new DerError('short');
  if (!sameBytes(cipherOid.content, derOid(oid.aes256Cbc).subarray(2)) || iv.content.length !== 16)
    throw new DerError('the cipher is not AES-256-CBC');
  const params = {
    N: derIntegerValue(n.content),
    r: derIntegerValue(r.content),
    p: derIntegerValue(p.content),
  };
  if (128 * params.r * params.N > maxScryptMemory || params.p > 64)
    throw new DerError('scrypt parameters too costly');
  return { salt: salt.content, params, iv: iv.content, encrypted: encrypted.content };
}

/**
 * Reads and decrypts a private key file (ours, or an SM2 key OpenSSL encrypted with
 * `pkcs8 -topk8 -scrypt -v2 aes-256-cbc`). A wrong passphrase is `key-passphrase`.
 */
export async function parseEncryptedPrivateKeyPem(
  text: string,
  passphrase: string,
): Promise<Result<OfficeKey>> {
  const der = readPemBlock(text, 'ENCRYPTED PRIVATE KEY');
  if (der === undefined) return unreadableKey('私钥文件', 'no ENCRYPTED PRIVATE KEY PEM block');
  let parts: EncryptedKeyParts;
  try {
    parts = parseEncryptedPrivateKeyInfo(der);
  } catch (error) {
    if (error instanceof DerError) return unreadableKey('私钥文件', error.message);
    throw error;
  }
  const key = await deriveKey(passphrase, parts.salt, parts.params);
  let keyPair: Sm2KeyPair;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, parts.iv);
    const plain = Buffer.concat([decipher.update(parts.encrypted), decipher.final()]);
    keyPair = parsePrivateKeyInfo(plain);
  } catch (error) {
    // A wrong passphrase shows as bad padding (the cipher throws) or, rarely, as bytes that
    // are not a private key; the two cannot be told apart, and neither is a bug.
    return err(
      'key-passphrase',
      '口令不正确，无法打开签名私钥。请重新输入创建密钥时设置的口令',
      'Wrong passphrase: the signing key cannot be opened',
      [error instanceof Error ? error.message : String(error)],
    );
  }
  return ok({
    office: readOffice(text),
    keyPair,
    fingerprint: fingerprintOf(keyPair.publicKey),
  });
}
