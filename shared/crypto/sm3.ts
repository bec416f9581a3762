/**
 * SM3, the Chinese cryptographic hash (GB/T 32905-2016, also GM/T 0004-2012), which Chinese
 * government systems require beside SHA-256. Written from the standard, incrementally, because:
 * - Electron's crypto is BoringSSL and has no SM3 (Node's OpenSSL has one; the app must not
 *   depend on which runtime it is in), so it is pure TypeScript and runs the same everywhere;
 * - the npm SM3 code checked (sm-crypto 0.5.8, sm-crypto-v2 1.15.1) hashes only a whole input at
 *   once; sm-crypto copies it into a JavaScript number array (a 50 MB input took 17 s and 1.5 GB),
 *   while a package's data file can be hundreds of megabytes and must be hashed as it streams.
 * Checked against the standard's two examples and against Node's OpenSSL SM3 on random inputs
 * (test/unit/shared/crypto/sm3.test.ts).
 */

/** An SM3 computation fed in pieces: `update` any number of times, then `digest` once. */
export interface Sm3Hash {
  update(bytes: Uint8Array): Sm3Hash;
  /** The 32-byte digest; the hash cannot be updated afterwards. */
  digest(): Uint8Array;
  /** The digest as 64 lower-case hex digits. */
  digestHex(): string;
}

const initialState = [
  0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
];

/** T_j <<< j, precomputed for the 64 rounds (T_j = 79cc4519 for j < 16, else 7a879d8a). */
const roundConstants = new Uint32Array(64);
for (let j = 0; j < 64; j += 1) {
  const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
  const s = j % 32;
  roundConstants[j] = s === 0 ? t : ((t << s) | (t >>> (32 - s))) >>> 0;
}

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

/** Starts an SM3 hash. */
export function createSm3(): Sm3Hash {
  const state = Uint32Array.from(initialState);
  const w = new Uint32Array(68);
  const block = new Uint8Array(64);
  let blockLength = 0;
  let totalBytes = 0;
  let isFinished = false;

  /** The compression function CF(V, B) on 64 bytes of `bytes` from `offset`. */
  const compress = (bytes: Uint8Array, offset: number): void => {
    for (let j = 0; j < 16; j += 1) {
      const k = offset + j * 4;
      w[j] =
        ((bytes[k] as number) << 24) |
        ((bytes[k + 1] as number) << 16) |
        ((bytes[k + 2] as number) << 8) |
        (bytes[k + 3] as number);
    }
    for (let j = 16; j < 68; j += 1) {
      const x = (w[j - 16] as number) ^ (w[j - 9] as number) ^ rotl(w[j - 3] as number, 15);
      w[j] = x ^ rotl(x, 15) ^ rotl(x, 23) ^ rotl(w[j - 13] as number, 7) ^ (w[j - 6] as number);
    }
    let a = state[0] as number;
    let b = state[1] as number;
    let c = state[2] as number;
    let d = state[3] as number;
    let e = state[4] as number;
    let f = state[5] as number;
    let g = state[6] as number;
    let h = state[7] as number;
    for (let j = 0; j < 64; j += 1) {
      const a12 = rotl(a, 12);
      const ss1 = rotl((a12 + e + (roundConstants[j] as number)) | 0, 7);
      const ss2 = ss1 ^ a12;
      const wj = w[j] as number;
      const wj1 = wj ^ (w[j + 4] as number);
      const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + wj1) | 0;
      const tt2 = (gg + h + ss1 + wj) | 0;
      d = c;
      c = rotl(b, 9);
      b = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
    }
    state[0] = (state[0] as number) ^ a;
    state[1] = (state[1] as number) ^ b;
    state[2] = (state[2] as number) ^ c;
    state[3] = (state[3] as number) ^ d;
    state[4] = (state[4] as number) ^ e;
    state[5] = (state[5] as number) ^ f;
    state[6] = (state[6] as number) ^ g;
    state[7] = (state[7] as number) ^ h;
  };

  const hash: Sm3Hash = {
    update(bytes) {
      if (isFinished) throw new Error('SM3: update after digest');
      totalBytes += bytes.length;
      let offset = 0;
      if (blockLength > 0) {
        const take = Math.min(64 - blockLength, bytes.length);
        block.set(bytes.subarray(0, take), blockLength);
        blockLength += take;
        offset = take;
        if (blockLength < 64) return hash;
        compress(block, 0);
        blockLength = 0;
      }
      for (; offset + 64 <= bytes.length; offset += 64) compress(bytes, offset);
      if (offset < bytes.length) {
        block.set(bytes.subarray(offset), 0);
        blockLength = bytes.length - offset;
      }
      return hash;
    },
    digest() {
      if (isFinished) throw new Error('SM3: digest twice');
      isFinished = true;
      // Padding: a 1 bit, zeros to 448 mod 512 bits, then the length in bits as 64 bits.
      const bits = totalBytes * 8;
      const padLength = blockLength < 56 ? 56 - blockLength : 120 - blockLength;
      const tail = new Uint8Array(padLength + 8);
      tail[0] = 0x80;
      const high = Math.floor(bits / 0x100000000);
      const low = bits >>> 0;
      const at = padLength;
      tail[at] = high >>> 24;
      tail[at + 1] = (high >>> 16) & 0xff;
      tail[at + 2] = (high >>> 8) & 0xff;
      tail[at + 3] = high & 0xff;
      tail[at + 4] = low >>> 24;
      tail[at + 5] = (low >>> 16) & 0xff;
      tail[at + 6] = (low >>> 8) & 0xff;
      tail[at + 7] = low & 0xff;
      isFinished = false;
      const counted = totalBytes;
      hash.update(tail);
      totalBytes = counted;
      isFinished = true;
      const out = new Uint8Array(32);
      for (let i = 0; i < 8; i += 1) {
        const word = state[i] as number;
        out[i * 4] = word >>> 24;
        out[i * 4 + 1] = (word >>> 16) & 0xff;
        out[i * 4 + 2] = (word >>> 8) & 0xff;
        out[i * 4 + 3] = word & 0xff;
      }
      return out;
    },
    digestHex() {
      let hex = '';
      for (const byte of hash.digest()) hex += byte.toString(16).padStart(2, '0');
      return hex;
    },
  };
  return hash;
}

/** The SM3 digest of some bytes, as 64 lower-case hex digits. */
export function sm3Hex(bytes: Uint8Array): string {
  return createSm3().update(bytes).digestHex();
}
