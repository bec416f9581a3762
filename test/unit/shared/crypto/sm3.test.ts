import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSm3, sm3Hex } from '../../../../shared/crypto/sm3.ts';

const ascii = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

describe('sm3', () => {
  it('gives the digests of the examples in GB/T 32905-2016 Appendix A', () => {
    expect(sm3Hex(ascii('abc'))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(sm3Hex(ascii('abcd'.repeat(16)))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it('hashes the empty input', () => {
    expect(sm3Hex(new Uint8Array(0))).toBe(
      '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b',
    );
  });

  it('agrees with OpenSSL SM3 (Node) at every padding boundary and for random pieces', () => {
    for (const length of [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 65_537]) {
      const bytes = new Uint8Array(randomBytes(length));
      expect(sm3Hex(bytes), `length ${length}`).toBe(createHash('sm3').update(bytes).digest('hex'));
    }
    const bytes = new Uint8Array(randomBytes(300_001));
    const hash = createSm3();
    for (let offset = 0; offset < bytes.length;) {
      const step = 1 + Math.floor(Math.random() * 5000);
      hash.update(bytes.subarray(offset, offset + step));
      offset += step;
    }
    expect(hash.digestHex()).toBe(createHash('sm3').update(bytes).digest('hex'));
  });

  it('refuses to be used after its digest', () => {
    const hash = createSm3().update(ascii('abc'));
    hash.digest();
    expect(() => hash.update(ascii('d'))).toThrow();
    expect(() => hash.digest()).toThrow();
  });
});
