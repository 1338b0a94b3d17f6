import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../src/node/index.js';
import { hasSmallOrder, isCanonicalPoint, isCanonicalScalar, malleate, pureCrypto, utf8 } from '../src/index.js';
import { SMALL_ORDER_ENCODINGS } from '../src/strict.js';
import { decodePoint, IDENTITY, littleEndian, P, times } from './curve.js';

describe('the small-order blocklist', () => {
  const canonical = SMALL_ORDER_ENCODINGS.filter((e) => littleEndian(e) < P);

  it('holds only points of order dividing 8, and all 8 of them', () => {
    const points = new Set<string>();
    for (const encoding of canonical) {
      for (const sign of [0, 1] as const) {
        const point = decodePoint(encoding, sign);
        if (!point) continue;
        expect(times(8, point)).toEqual(IDENTITY);
        points.add(point.join(','));
      }
    }
    // The torsion subgroup of edwards25519 has exactly 8 elements: all are covered.
    expect(points.size).toBe(8);
  });

  it('also holds the non-canonical spellings p and p + 1 of y = 0 and y = 1', () => {
    const reduced = SMALL_ORDER_ENCODINGS.filter((e) => littleEndian(e) >= P).map((e) => littleEndian(e) - P);
    expect(reduced.sort()).toEqual([0n, 1n]);
  });

  it('matches with the sign bit set as well', () => {
    for (const encoding of SMALL_ORDER_ENCODINGS) {
      const flipped = new Uint8Array(encoding);
      flipped[31]! |= 0x80;
      expect(hasSmallOrder(flipped)).toBe(true);
    }
    expect(hasSmallOrder(pureCrypto.generateSigningKeyPair().publicKey)).toBe(false);
  });
});

describe('canonical scalars and points', () => {
  it('S < L exactly', () => {
    const L = Uint8Array.from(Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex'));
    const belowL = new Uint8Array(L);
    belowL[0]! -= 1;
    expect(isCanonicalScalar(belowL)).toBe(true);
    expect(isCanonicalScalar(L)).toBe(false);
    expect(isCanonicalScalar(new Uint8Array(32).fill(0xff))).toBe(false);
  });

  it('y < p exactly', () => {
    const p = Uint8Array.from([0xed, ...new Array<number>(30).fill(0xff), 0x7f]);
    const pMinus1 = Uint8Array.from([0xec, ...new Array<number>(30).fill(0xff), 0x7f]);
    expect(isCanonicalPoint(pMinus1)).toBe(true);
    expect(isCanonicalPoint(p)).toBe(false);
    p[31] = 0xff;
    expect(isCanonicalPoint(p)).toBe(false);
  });
});

describe.each([
  ['tweetnacl', pureCrypto],
  ['libsodium', nodeCrypto],
])('strict verification, %s path', (_name, crypto) => {
  const keyPair = crypto.generateSigningKeyPair();
  const message = utf8('seggio/ballot@1 strictness');
  const signature = crypto.sign(message, keyPair);

  it('accepts a good signature', () => {
    expect(crypto.checkSignature(message, signature, keyPair.publicKey)).toBeNull();
  });

  it('refuses the malleated S + L twin, which tweetnacl alone accepts (docs/threat-model.md fact 4)', () => {
    const twin = malleate(signature);
    expect(nacl.sign.detached.verify(message, twin, keyPair.publicKey)).toBe(true);
    expect(crypto.verify(message, twin, keyPair.publicKey)).toBe(false);
    expect(crypto.checkSignature(message, twin, keyPair.publicKey)).toBe('non-canonical-s');
  });

  it('refuses a small-order key whose trivial signature tweetnacl accepts for any message', () => {
    const identity = Uint8Array.from([1, ...new Array<number>(31).fill(0)]);
    const trivial = new Uint8Array(64);
    trivial.set(identity);
    expect(nacl.sign.detached.verify(message, trivial, identity)).toBe(true);
    expect(crypto.verify(message, trivial, identity)).toBe(false);
    for (const key of SMALL_ORDER_ENCODINGS.filter((e) => littleEndian(e) < P)) {
      expect(crypto.checkSignature(message, signature, key)).toBe('small-order-public-key');
    }
  });

  it('refuses a non-canonical public key', () => {
    const key = Uint8Array.from([0xef, ...new Array<number>(30).fill(0xff), 0x7f]);
    expect(crypto.checkSignature(message, signature, key)).toBe('non-canonical-public-key');
  });

  it('refuses altered messages, signatures and keys, and wrong lengths', () => {
    const altered = new Uint8Array(signature);
    altered[5]! ^= 1;
    expect(crypto.checkSignature(message, altered, keyPair.publicKey)).toBe('bad-signature');
    expect(crypto.verify(utf8('another message'), signature, keyPair.publicKey)).toBe(false);
    expect(crypto.verify(message, signature, crypto.generateSigningKeyPair().publicKey)).toBe(false);
    expect(crypto.checkSignature(message, signature.subarray(1), keyPair.publicKey)).toBe('malformed-signature');
    expect(crypto.checkSignature(message, signature, keyPair.publicKey.subarray(1))).toBe('malformed-public-key');
  });

  it('refuses a public key that is not a curve point', () => {
    let notOnCurve: Uint8Array | undefined;
    for (let y = 2; !notOnCurve; y++) {
      const candidate = new Uint8Array(32);
      candidate[0] = y;
      if (decodePoint(candidate, 0) === null) notOnCurve = candidate;
    }
    expect(crypto.checkSignature(message, signature, notOnCurve)).toBe('bad-signature');
  });
});
