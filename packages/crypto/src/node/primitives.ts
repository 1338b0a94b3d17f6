// The fast backend: OpenSSL through node:crypto for Ed25519, X25519 and SHA-256. Behind the same
// Primitives as tweetnacl, so strictness and the sealed-box construction are shared (suite.ts).
//
// Keys go in and out as JWK: on this stack OpenSSL 3 takes ~470 µs to import a PKCS#8 key and ~100 µs
// for SPKI, against ~12 µs for JWK (test/bench/crypto). Node derives a private key's public half
// from `d` and ignores the JWK's `x`, so a placeholder `x` serves when the public key is the unknown;
// the start-up self-test's RFC 7748 and RFC 8032 answers would catch any change in that behaviour.
import { createHash, createPrivateKey, createPublicKey, diffieHellman, randomFillSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Primitives } from '../primitives.js';

type Curve = 'Ed25519' | 'X25519';

const b64url = (raw: Uint8Array): string => Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64url');
const PLACEHOLDER_X = b64url(new Uint8Array(32));

const importPrivate = (crv: Curve, d: Uint8Array, x = PLACEHOLDER_X): KeyObject =>
  createPrivateKey({ key: { kty: 'OKP', crv, d: b64url(d), x }, format: 'jwk' });
const importPublic = (crv: Curve, x: Uint8Array): KeyObject =>
  createPublicKey({ key: { kty: 'OKP', crv, x: b64url(x) }, format: 'jwk' });
const publicOf = (key: KeyObject): Uint8Array =>
  new Uint8Array(Buffer.from(createPublicKey(key).export({ format: 'jwk' }).x!, 'base64url'));

/**
 * Secret keys are cached by the identity of the array the caller holds (a day's work uses one
 * signing key and one urna key many times); public keys by value, in a bounded map.
 */
function secretKeys(crv: Curve): (raw: Uint8Array) => KeyObject {
  const cache = new WeakMap<Uint8Array, KeyObject>();
  return (raw) => {
    let key = cache.get(raw);
    if (!key) cache.set(raw, (key = importPrivate(crv, raw)));
    return key;
  };
}

function publicKeys(crv: Curve, limit: number): (raw: Uint8Array) => KeyObject {
  const cache = new Map<string, KeyObject>();
  return (raw) => {
    const id = b64url(raw);
    let key = cache.get(id);
    if (!key) {
      key = importPublic(crv, raw);
      if (cache.size >= limit) cache.delete(cache.keys().next().value!);
      cache.set(id, key);
    }
    return key;
  };
}

const ed25519Secret = secretKeys('Ed25519');
const ed25519Public = publicKeys('Ed25519', 256);
const x25519Secret = secretKeys('X25519');

export const nodePrimitives: Primitives = {
  backend: 'node',
  ed25519PublicKey: (seed) => publicOf(ed25519Secret(seed)),
  ed25519Sign: (message, seed) => new Uint8Array(sign(null, message, ed25519Secret(seed))),
  ed25519Verify(message, signature, key) {
    try {
      return verify(null, message, ed25519Public(key), signature);
    } catch {
      // A public key that does not decode to a curve point.
      return false;
    }
  },
  x25519(secretKey, key) {
    try {
      return new Uint8Array(diffieHellman({ privateKey: x25519Secret(secretKey), publicKey: importPublic('X25519', key) }));
    } catch {
      // OpenSSL refuses an all-zero shared secret (a small-order public key), as libsodium does.
      return null;
    }
  },
  x25519PublicKey: (secretKey) => publicOf(x25519Secret(secretKey)),
  sha256: (data) => new Uint8Array(createHash('sha256').update(data).digest()),
  randomBytes: (length) => randomFillSync(new Uint8Array(length)),
};
