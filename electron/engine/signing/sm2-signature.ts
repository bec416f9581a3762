/**
 * SM2 signatures over a package's manifest (GB/T 32918.2 with SM3 and the user id), DER-encoded
 * as SEQUENCE { r, s } as OpenSSL writes and reads them (`openssl pkeyutl -rawin -digest sm3
 * -pkeyopt distid:1234567812345678`).
 *
 * The nonce k is deterministic, derived as RFC 6979 section 3.2 does (HMAC-DRBG with SHA-256,
 * seeded with the private key and the digest e = SM3(Z_A || M)), so the same key and manifest
 * give the same signature bytes and a package stays byte-for-byte reproducible. sm-crypto-v2
 * draws k at random but accepts precomputed (k, x1) points; the DRBG is written here (a dozen
 * lines over node:crypto HMAC) because the library offers no deterministic mode. A verifier
 * cannot tell a deterministic k from a random one.
 */
import { createHmac } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { sm2DefaultUserId, type Sm2KeyPair } from './sm2-key.ts';

/** Order n of the SM2 base point (GB/T 32918.5). */
const curveOrder = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function toBytes32(value: bigint): Buffer {
  return Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
}

/** The nonce of RFC 6979 section 3.2 for private key `d` and digest `e` (qlen = hlen = 256). */
function deterministicNonce(d: Uint8Array, e: Uint8Array): bigint {
  const hmac = (key: Buffer, ...parts: Uint8Array[]): Buffer => {
    const h = createHmac('sha256', key);
    for (const part of parts) h.update(part);
    return h.digest();
  };
  const x = toBytes32(BigInt(`0x${hex(d)}`));
  const h1 = toBytes32(BigInt(`0x${hex(e)}`) % curveOrder);
  let v: Buffer = Buffer.alloc(32, 0x01);
  let k: Buffer = Buffer.alloc(32, 0x00);
  k = hmac(k, v, Uint8Array.of(0x00), x, h1);
  v = hmac(k, v);
  k = hmac(k, v, Uint8Array.of(0x01), x, h1);
  v = hmac(k, v);
  for (;;) {
    v = hmac(k, v);
    const candidate = BigInt(`0x${hex(v)}`);
    if (candidate >= 1n && candidate < curveOrder) return candidate;
    k = hmac(k, v, Uint8Array.of(0x00));
    v = hmac(k, v);
  }
}

/** Signs `message` (the manifest's bytes as written); the signature as DER. */
export function signMessage(
  message: Uint8Array,
  keyPair: Sm2KeyPair,
  userId: string = sm2DefaultUserId,
): Uint8Array {
  const digest = Buffer.from(sm2.getHash(message, hex(keyPair.publicKey), userId), 'hex');
  let nonce = deterministicNonce(keyPair.privateKey, digest);
  const pool: { k: bigint; x1: bigint }[] = [];
  // The library takes points from the end of the pool and draws a random one only if the pool
  // runs dry (r = 0 or r + k = n, probability about 2^-256): two candidates are plenty.
  for (let i = 0; i < 2; i += 1) {
    const point = sm2.getPublicKeyFromPrivateKey(nonce.toString(16).padStart(64, '0'));
    pool.unshift({ k: nonce, x1: BigInt(`0x${point.slice(2, 66)}`) });
    nonce = (nonce % (curveOrder - 1n)) + 1n;
  }
  const der = sm2.doSignature(digest, hex(keyPair.privateKey), { der: true, pointPool: pool });
  return Buffer.from(der, 'hex');
}

/** Whether `signature` (DER) is a valid SM2 signature of `message` by `publicKey`. */
export function verifyMessage(
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
  userId: string = sm2DefaultUserId,
): boolean {
  try {
    return sm2.doVerifySignature(message, hex(signature), hex(publicKey), {
      der: true,
      hash: true,
      userId,
    });
  } catch {
    // The library throws on DER it cannot decode: that is a signature that does not verify.
    return false;
  }
}
