import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sm3Hex } from '../../../../../shared/crypto/sm3.ts';
import {
  createFileDigest,
  createSm3Hash,
  digestBytes,
  sm3Engine,
} from '../../../../../electron/engine/package/file-digest.ts';

describe('file digest', () => {
  it("hashes SM3 with Node's crypto where it has SM3 (the command line), else the pure one", () => {
    expect(sm3Engine).toBe('node:crypto');
  });

  it('gives the GB/T 32905-2016 examples with either SM3', () => {
    for (const engine of ['node:crypto', 'pure'] as const) {
      expect(createSm3Hash(engine).update(Buffer.from('abc')).digestHex(), engine).toBe(
        '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
      );
    }
  });

  it('gives the size, SHA-256 and SM3 of bytes fed in pieces of any size', () => {
    const bytes = new Uint8Array(randomBytes(200_003));
    const digest = createFileDigest();
    for (let offset = 0, step = 1; offset < bytes.length; step = (step * 7) % 65_537) {
      digest.update(bytes.subarray(offset, offset + step));
      offset += step;
    }
    const expected = {
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sm3: sm3Hex(bytes),
    };
    expect(digest.finish()).toEqual(expected);
    expect(digestBytes(bytes)).toEqual(expected);
  });
});
