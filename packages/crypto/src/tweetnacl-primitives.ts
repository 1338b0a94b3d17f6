// The portable backend: tweetnacl (audited) for Ed25519 and X25519, @noble/hashes for SHA-256, and
// libsodium's sealed box written out over them (sealed-box.ts).
import { sha256 } from '@noble/hashes/sha2.js';
import nacl from 'tweetnacl';
import type { Primitives } from './primitives.js';
import { osRandomBytes } from './random.js';
import { portableSealedBox, type X25519 } from './sealed-box.js';

const tweetnaclX25519: X25519 = (secretKey, publicKey) => {
  const shared = nacl.scalarMult(secretKey, publicKey);
  return shared.every((b) => b === 0) ? null : shared;
};

export const tweetnaclPrimitives: Primitives = {
  backend: 'tweetnacl',
  implementation: 'tweetnacl, portable JavaScript',
  ed25519PublicKey: (seed) => nacl.sign.keyPair.fromSeed(seed).publicKey,
  ed25519Sign(message, seed, publicKey) {
    const secretKey = new Uint8Array(64);
    secretKey.set(seed);
    secretKey.set(publicKey, 32);
    const signature = nacl.sign.detached(message, secretKey);
    secretKey.fill(0);
    return signature;
  },
  ed25519Verify: (message, signature, publicKey) => nacl.sign.detached.verify(message, signature, publicKey),
  x25519PublicKey: (secretKey) => nacl.scalarMult.base(secretKey),
  ...portableSealedBox(tweetnaclX25519, osRandomBytes),
  sha256: (data) => sha256(data),
  randomBytes: osRandomBytes,
};
