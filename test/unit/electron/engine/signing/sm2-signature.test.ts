import { describe, expect, it } from 'vitest';
import { sm2 } from 'sm-crypto-v2';
import { derElement, derInteger, derTag } from '../../../../../electron/engine/signing/der.ts';
import { createSm2KeyPair } from '../../../../../electron/engine/signing/sm2-key.ts';
import {
  signMessage,
  verifyMessage,
} from '../../../../../electron/engine/signing/sm2-signature.ts';

/**
 * The signature example of GM/T 0003.5-2012 (GB/T 32918.5) on sm2p256v1: key, ID_A, Z_A, e, k,
 * r and s as the standard prints them.
 */
const example = {
  d: '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8',
  x: '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020',
  y: 'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  za: 'B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3',
  e: 'F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640',
  k: '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21',
  r: 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3',
  s: 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
};
const message = Buffer.from('message digest', 'latin1');
const publicHex = `04${example.x}${example.y}`.toLowerCase();

describe('sm-crypto-v2 against the standard example (GM/T 0003.5)', () => {
  it('derives the public key, Z_A and e of the example', () => {
    expect(sm2.getPublicKeyFromPrivateKey(example.d.toLowerCase())).toBe(publicHex);
    expect(Buffer.from(sm2.getZ(publicHex, '1234567812345678')).toString('hex')).toBe(
      example.za.toLowerCase(),
    );
    expect(sm2.getHash(message, publicHex)).toBe(example.e.toLowerCase());
  });

  it("signs with the example's k to the example's r and s", () => {
    const point = sm2.getPublicKeyFromPrivateKey(example.k.toLowerCase());
    const signature = sm2.doSignature(message, example.d.toLowerCase(), {
      hash: true,
      pointPool: [{ k: BigInt(`0x${example.k}`), x1: BigInt(`0x${point.slice(2, 66)}`) }],
    });
    expect(signature).toBe(`${example.r}${example.s}`.toLowerCase());
  });

  it("verifies the example's signature, as DER, and rejects it for another message", () => {
    const der = derElement(
      derTag.sequence,
      derInteger(Buffer.from(example.r, 'hex')),
      derInteger(Buffer.from(example.s, 'hex')),
    );
    const publicKey = Buffer.from(publicHex, 'hex');
    expect(verifyMessage(message, der, publicKey)).toBe(true);
    expect(verifyMessage(Buffer.from('message digesT', 'latin1'), der, publicKey)).toBe(false);
  });
});

describe('signMessage', () => {
  it('gives the same signature for the same key and message (deterministic nonce)', () => {
    const keyPair = createSm2KeyPair();
    const first = signMessage(message, keyPair);
    expect(Buffer.from(signMessage(message, keyPair)).equals(Buffer.from(first))).toBe(true);
    expect(verifyMessage(message, first, keyPair.publicKey)).toBe(true);
    const other = signMessage(Buffer.from('another manifest'), keyPair);
    expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
  });

  it('does not verify with another key, and a garbled signature is simply invalid', () => {
    const keyPair = createSm2KeyPair();
    const signature = signMessage(message, keyPair);
    expect(verifyMessage(message, signature, createSm2KeyPair().publicKey)).toBe(false);
    expect(verifyMessage(message, Buffer.from('not der'), keyPair.publicKey)).toBe(false);
  });
});
