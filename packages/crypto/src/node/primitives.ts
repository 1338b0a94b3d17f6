// The Node and Electron backend: libsodium itself, through sodium-native (N-API prebuilds inside the
// npm package, so Electron loads it without a rebuild), with OpenSSL's SHA-256. Sealed boxes are
// libsodium's own crypto_box_seal; strictness and the key checks stay in front of it, in suite.ts,
// as for tweetnacl.
import { hash } from 'node:crypto';
import { createRequire } from 'node:module';
import sodium from 'sodium-native';
import type { Primitives } from '../primitives.js';

const version = (createRequire(import.meta.url)('sodium-native/package.json') as { version: string }).version;

export const SEALBYTES = sodium.crypto_box_SEALBYTES;

export const sodiumPrimitives: Primitives = {
  backend: 'libsodium',
  implementation: `libsodium through sodium-native ${version}`,
  ed25519PublicKey(seed) {
    const publicKey = new Uint8Array(32);
    const secretKey = new Uint8Array(64);
    sodium.crypto_sign_seed_keypair(publicKey, secretKey, seed);
    sodium.sodium_memzero(secretKey);
    return publicKey;
  },
  ed25519Sign(message, seed, publicKey) {
    // libsodium's secret key is seed ‖ public key; it is assembled for the call and wiped after it.
    const secretKey = new Uint8Array(64);
    secretKey.set(seed);
    secretKey.set(publicKey, 32);
    const signature = new Uint8Array(64);
    sodium.crypto_sign_detached(signature, message, secretKey);
    sodium.sodium_memzero(secretKey);
    return signature;
  },
  ed25519Verify: (message, signature, publicKey) => sodium.crypto_sign_verify_detached(signature, message, publicKey),
  x25519PublicKey(secretKey) {
    const publicKey = new Uint8Array(32);
    sodium.crypto_scalarmult_base(publicKey, secretKey);
    return publicKey;
  },
  seal(message, publicKey) {
    const ciphertext = new Uint8Array(message.length + SEALBYTES);
    try {
      sodium.crypto_box_seal(ciphertext, message, publicKey);
    } catch {
      // libsodium refuses a public key of small order (the shared secret would be all zeros).
      return null;
    }
    return ciphertext;
  },
  sealOpen(ciphertext, publicKey, secretKey) {
    // From Buffer's pool, not zeroed: a fresh ArrayBuffer costs more than the verifier's other work on
    // a ballot. libsodium writes every byte when the box opens; a box that does not gives null.
    const pooled = Buffer.allocUnsafe(ciphertext.length - SEALBYTES);
    const message = new Uint8Array(pooled.buffer, pooled.byteOffset, pooled.length);
    return sodium.crypto_box_seal_open(message, ciphertext, publicKey, secretKey) ? message : null;
  },
  // SHA-256 is OpenSSL's (node:crypto), which uses the processor's SHA instructions where it has them:
  // a third of libsodium's portable code's time on a ballot, hashed once more for every ballot checked.
  sha256(data) {
    const digest = hash('sha256', data, 'buffer');
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.length);
  },
  sha256Hex: (data) => hash('sha256', data, 'hex'),
  randomBytes(length) {
    // libsodium's randombytes_buf reads the kernel's random source, getrandom(2) or /dev/urandom (R21).
    const out = new Uint8Array(length);
    sodium.randombytes_buf(out);
    return out;
  },
};
