import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../src/node/index.js';
import { boxKeyMatches, pureCrypto, runSelfTest, SEAL_OVERHEAD, toHex, utf8, type SeggioCrypto } from '../src/index.js';

const backends: [string, SeggioCrypto][] = [
  ['tweetnacl', pureCrypto],
  ['libsodium', nodeCrypto],
];

describe('the two backends agree', () => {
  it('on keys and (deterministic) signatures', () => {
    const seed = pureCrypto.randomBytes(32);
    const a = pureCrypto.signingKeyPairFromSecret(seed);
    const b = nodeCrypto.signingKeyPairFromSecret(seed);
    expect(b.publicKey).toEqual(a.publicKey);
    const message = pureCrypto.randomBytes(300);
    expect(nodeCrypto.sign(message, b)).toEqual(pureCrypto.sign(message, a));
    expect(nodeCrypto.boxKeyPairFromSecret(seed).publicKey).toEqual(pureCrypto.boxKeyPairFromSecret(seed).publicKey);
  });

  it('on sealed boxes, each opening what the other sealed', () => {
    const keyPair = pureCrypto.generateBoxKeyPair();
    const message = utf8('{"contest":"REF-2020-1","selection":{"answer":"YES"}}   ');
    expect(nodeCrypto.sealOpen(pureCrypto.seal(message, keyPair.publicKey), keyPair)).toEqual(message);
    expect(pureCrypto.sealOpen(nodeCrypto.seal(message, keyPair.publicKey), keyPair)).toEqual(message);
  });

  it('on SHA-256', () => {
    const data = pureCrypto.randomBytes(1000);
    expect(nodeCrypto.sha256Hex(data)).toBe(pureCrypto.sha256Hex(data));
    expect(toHex(nodeCrypto.sha256(data))).toBe(pureCrypto.sha256Hex(data));
  });
});

describe.each(backends)('sealed boxes, %s path', (_name, crypto) => {
  const keyPair = crypto.generateBoxKeyPair();
  const message = crypto.randomBytes(250);

  it('add exactly 48 bytes and are fresh each time', () => {
    const a = crypto.seal(message, keyPair.publicKey);
    const b = crypto.seal(message, keyPair.publicKey);
    expect(a.length).toBe(message.length + SEAL_OVERHEAD);
    expect(a).not.toEqual(b);
  });

  it('open only with the right key and only unaltered', () => {
    const sealed = crypto.seal(message, keyPair.publicKey);
    expect(crypto.sealOpen(sealed, keyPair)).toEqual(message);
    expect(crypto.sealOpen(sealed, crypto.generateBoxKeyPair())).toBeNull();
    for (const position of [0, 31, 32, 47, sealed.length - 1]) {
      const altered = new Uint8Array(sealed);
      altered[position]! ^= 0x40;
      expect(crypto.sealOpen(altered, keyPair)).toBeNull();
    }
    expect(crypto.sealOpen(sealed.subarray(0, SEAL_OVERHEAD - 1), keyPair)).toBeNull();
    expect(crypto.sealOpen(sealed.subarray(0, sealed.length - 1), keyPair)).toBeNull();
  });

  it('refuse a small-order ephemeral key rather than open with an all-zero secret', () => {
    const sealed = crypto.seal(message, keyPair.publicKey);
    sealed.fill(0, 0, 32);
    expect(crypto.sealOpen(sealed, keyPair)).toBeNull();
    expect(() => crypto.seal(message, new Uint8Array(32))).toThrow(/small order/);
  });

  it('check a secret key against its public key', () => {
    expect(boxKeyMatches(crypto, keyPair.secretKey, keyPair.publicKey)).toBe(true);
    expect(boxKeyMatches(crypto, crypto.generateBoxKeyPair().secretKey, keyPair.publicKey)).toBe(false);
  });

  it('refuse keys of the wrong length with a reason', () => {
    expect(() => crypto.seal(message, new Uint8Array(31))).toThrow(/X25519 public key must be 32 bytes/);
    expect(() => crypto.signingKeyPairFromSecret(new Uint8Array(64))).toThrow(/secret key \(seed\) must be 32 bytes/);
  });

  it('passes the start-up self-test', () => {
    expect(runSelfTest(crypto)).toMatchObject({ ok: true, backend: crypto.backend, failures: [] });
  });
});

describe('randomness', () => {
  it('comes from the operating system even if tweetnacl PRNG is replaced', () => {
    nacl.setPRNG((x) => x.fill(0));
    try {
      const keys = [pureCrypto.generateSigningKeyPair(), pureCrypto.generateSigningKeyPair()];
      expect(keys[0]!.secretKey).not.toEqual(keys[1]!.secretKey);
      expect(keys[0]!.secretKey.some((b) => b !== 0)).toBe(true);
      expect(pureCrypto.generateBoxKeyPair().secretKey.some((b) => b !== 0)).toBe(true);
      expect(pureCrypto.randomBytes(70_000).filter((b) => b === 0).length).toBeLessThan(1000);
    } finally {
      nacl.setPRNG((x, n) => x.set(nodeCrypto.randomBytes(n)));
    }
  });
});
