// The fast backend: OpenSSL through node:crypto for Ed25519, X25519 and SHA-256. Behind the same
// Primitives as tweetnacl, so strictness and the sealed-box construction are shared (suite.ts).
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  randomFillSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { Primitives } from '../primitives.js';

// DER prefixes of PKCS#8 private keys and SPKI public keys for the two curves (RFC 8410).
const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');
const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const X25519_SPKI = Buffer.from('302a300506032b656e032100', 'hex');

const privateKey = (prefix: Buffer, raw: Uint8Array): KeyObject =>
  createPrivateKey({ key: Buffer.concat([prefix, raw]), format: 'der', type: 'pkcs8' });
const publicKey = (prefix: Buffer, raw: Uint8Array): KeyObject =>
  createPublicKey({ key: Buffer.concat([prefix, raw]), format: 'der', type: 'spki' });
const rawPublicKey = (key: KeyObject): Uint8Array =>
  new Uint8Array(key.export({ format: 'der', type: 'spki' }).subarray(-32));

/**
 * Secret keys are cached by the identity of the array the caller holds (a day's work uses one
 * signing key and one urna key many times); public keys by value, in a bounded map.
 */
function secretKeyCache(prefix: Buffer): (raw: Uint8Array) => KeyObject {
  const cache = new WeakMap<Uint8Array, KeyObject>();
  return (raw) => {
    let key = cache.get(raw);
    if (!key) {
      key = privateKey(prefix, raw);
      cache.set(raw, key);
    }
    return key;
  };
}

function publicKeyCache(prefix: Buffer, limit: number): (raw: Uint8Array) => KeyObject {
  const cache = new Map<string, KeyObject>();
  return (raw) => {
    const id = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64');
    let key = cache.get(id);
    if (!key) {
      key = publicKey(prefix, raw);
      if (cache.size >= limit) cache.delete(cache.keys().next().value!);
      cache.set(id, key);
    }
    return key;
  };
}

const ed25519Secret = secretKeyCache(ED25519_PKCS8);
const ed25519Public = publicKeyCache(ED25519_SPKI, 256);
const x25519Secret = secretKeyCache(X25519_PKCS8);

export const nodePrimitives: Primitives = {
  backend: 'node',
  ed25519PublicKey: (seed) => rawPublicKey(createPublicKey(privateKey(ED25519_PKCS8, seed))),
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
      return new Uint8Array(diffieHellman({ privateKey: x25519Secret(secretKey), publicKey: publicKey(X25519_SPKI, key) }));
    } catch {
      // OpenSSL refuses an all-zero shared secret (a small-order public key), as libsodium does.
      return null;
    }
  },
  x25519PublicKey: (secretKey) => rawPublicKey(createPublicKey(privateKey(X25519_PKCS8, secretKey))),
  sha256: (data) => new Uint8Array(createHash('sha256').update(data).digest()),
  randomBytes: (length) => randomFillSync(new Uint8Array(length)),
};
