/** Size, SHA-256 and SM3 of a file, computed as its bytes stream past (never held whole). */
import { createHash } from 'node:crypto';
import { createSm3 } from '../../../shared/crypto/sm3.ts';

/** A file's size and checksums. */
export interface Digest {
  readonly bytes: number;
  readonly sha256: string;
  readonly sm3: string;
}

/** A digest being computed: feed it chunks, then finish it once. */
export interface FileDigest {
  update(chunk: Uint8Array): void;
  finish(): Digest;
}

/** Starts a digest. SHA-256 comes from Node's crypto; SM3 from shared/crypto (pure, as in Electron). */
export function createFileDigest(): FileDigest {
  const sha256 = createHash('sha256');
  const sm3 = createSm3();
  let bytes = 0;
  return {
    update(chunk) {
      bytes += chunk.length;
      sha256.update(chunk);
      sm3.update(chunk);
    },
    finish() {
      return { bytes, sha256: sha256.digest('hex'), sm3: sm3.digestHex() };
    },
  };
}

/** The digest of bytes in memory. */
export function digestBytes(bytes: Uint8Array): Digest {
  const digest = createFileDigest();
  digest.update(bytes);
  return digest.finish();
}
