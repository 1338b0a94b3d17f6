// Seggio's crypto against the independent implementations an auditor would use: libsodium (Debian's
// python3-nacl) and the OpenSSL command line (docs/design.md §3, docs/threat-model.md R18, R20).
import { describe, expect, it } from 'vitest';
import { fromBase64, malleate, pureCrypto, toBase64, utf8, type SeggioCrypto } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { opensslSign, opensslVerify, sodium } from '../support/index.js';

const backends: [string, SeggioCrypto][] = [
  ['tweetnacl', pureCrypto],
  ['libsodium', nodeCrypto],
];
const messages = [new Uint8Array(0), utf8('S'), pureCrypto.randomBytes(217), pureCrypto.randomBytes(4000)];

describe.each(backends)('interoperability of the %s path', (_name, crypto) => {
  it('seals boxes that libsodium opens', () => {
    const keyPair = crypto.generateBoxKeyPair();
    const results = sodium<{ message?: string; error?: string }>(
      messages.map((m) => ({ op: 'open', secretKey: toBase64(keyPair.secretKey), ciphertext: toBase64(crypto.seal(m, keyPair.publicKey)) })),
    );
    expect(results.map((r) => r.message)).toEqual(messages.map(toBase64));
  });

  it('opens boxes that libsodium sealed, and only with the right key', () => {
    const [box] = sodium<{ publicKey: string; secretKey: string }>([{ op: 'box_keypair' }]);
    const keyPair = crypto.boxKeyPairFromSecret(fromBase64(box!.secretKey));
    expect(toBase64(keyPair.publicKey)).toBe(box!.publicKey);
    const sealed = sodium<{ ciphertext: string }>(messages.map((m) => ({ op: 'seal', publicKey: box!.publicKey, message: toBase64(m) })));
    sealed.forEach((s, i) => expect(crypto.sealOpen(fromBase64(s.ciphertext), keyPair)).toEqual(messages[i]));
    expect(crypto.sealOpen(fromBase64(sealed[2]!.ciphertext), crypto.generateBoxKeyPair())).toBeNull();
  });

  it('signs what libsodium and OpenSSL verify', () => {
    const keyPair = crypto.generateSigningKeyPair();
    const signatures = messages.map((m) => crypto.sign(m, keyPair));
    const verdicts = sodium<{ valid: boolean }>(
      messages.map((m, i) => ({ op: 'verify', publicKey: toBase64(keyPair.publicKey), message: toBase64(m), signature: toBase64(signatures[i]!) })),
    );
    expect(verdicts.map((v) => v.valid)).toEqual(messages.map(() => true));
    expect(opensslVerify(messages[2]!, signatures[2]!, keyPair.publicKey)).toBe(true);
    expect(opensslVerify(messages[3]!, signatures[2]!, keyPair.publicKey)).toBe(false);
  });

  it("verifies libsodium's and OpenSSL's signatures", () => {
    const [key] = sodium<{ publicKey: string; secretKey: string }>([{ op: 'sign_keypair' }]);
    const signed = sodium<{ signature: string }>(messages.map((m) => ({ op: 'sign', secretKey: key!.secretKey, message: toBase64(m) })));
    // Ed25519 is deterministic: the same seed gives the same signature in every implementation.
    const ours = crypto.signingKeyPairFromSecret(fromBase64(key!.secretKey));
    signed.forEach((s, i) => {
      expect(crypto.verify(messages[i]!, fromBase64(s.signature), fromBase64(key!.publicKey))).toBe(true);
      expect(toBase64(crypto.sign(messages[i]!, ours))).toBe(s.signature);
    });
    const openssl = opensslSign(messages[2]!);
    expect(crypto.verify(messages[2]!, openssl.signature, openssl.publicKey)).toBe(true);
    expect(crypto.verify(messages[1]!, openssl.signature, openssl.publicKey)).toBe(false);
  });

  it('rejects a malleated (S + L) signature, as libsodium and OpenSSL do', () => {
    const keyPair = crypto.generateSigningKeyPair();
    const message = messages[2]!;
    const twin = malleate(crypto.sign(message, keyPair));
    expect(crypto.verify(message, twin, keyPair.publicKey)).toBe(false);
    const [theirs] = sodium<{ valid: boolean }>([{ op: 'verify', publicKey: toBase64(keyPair.publicKey), message: toBase64(message), signature: toBase64(twin) }]);
    expect(theirs!.valid).toBe(false);
    expect(opensslVerify(message, twin, keyPair.publicKey)).toBe(false);
  });

  it('rejects a small-order public key with its trivial signature, as libsodium does', () => {
    const identity = Uint8Array.from([1, ...new Array<number>(31).fill(0)]);
    const trivial = new Uint8Array(64);
    trivial.set(identity);
    expect(crypto.verify(messages[1]!, trivial, identity)).toBe(false);
    const [theirs] = sodium<{ valid: boolean }>([{ op: 'verify', publicKey: toBase64(identity), message: toBase64(messages[1]!), signature: toBase64(trivial) }]);
    expect(theirs!.valid).toBe(false);
  });
});
