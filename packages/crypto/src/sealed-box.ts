// libsodium's crypto_box_seal written out for the portable path, where there is no libsodium
// (docs/threat-model.md fact 8): epk ‖ box(m, nonce = BLAKE2b-192(epk ‖ pk), pk, esk), with box = XSalsa20-
// Poly1305 under HSalsa20(X25519(esk, pk)). The libsodium backend calls crypto_box_seal itself.
// Tested both ways against libsodium (test/interop) and by a known answer in the self-test.
import { blake2b } from '@noble/hashes/blake2.js';
import nacl from 'tweetnacl';
import { concatBytes } from './encoding.js';
import type { Primitives } from './primitives.js';

/** X25519(secret, public); null when the result is all zeros (a small-order public key). */
export type X25519 = (secretKey: Uint8Array, publicKey: Uint8Array) => Uint8Array | null;

interface NaclLowLevel {
  crypto_core_hsalsa20(out: Uint8Array, input: Uint8Array, key: Uint8Array, constant: Uint8Array): number;
}
const lowlevel = (nacl as unknown as { lowlevel: NaclLowLevel }).lowlevel;
const SIGMA = new TextEncoder().encode('expand 32-byte k');
const ZERO16 = new Uint8Array(16);

const sealNonce = (epk: Uint8Array, pk: Uint8Array): Uint8Array => blake2b(concatBytes(epk, pk), { dkLen: 24 });

/** Seal and open over an X25519 function and a random source (given, so a test can break them). */
export function portableSealedBox(x25519: X25519, randomBytes: (length: number) => Uint8Array): Pick<Primitives, 'seal' | 'sealOpen'> {
  /** crypto_box_beforenm: HSalsa20 of the X25519 shared secret. */
  const boxKey = (secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array | null => {
    const shared = x25519(secretKey, publicKey);
    if (!shared) return null;
    const key = new Uint8Array(32);
    lowlevel.crypto_core_hsalsa20(key, ZERO16, shared, SIGMA);
    shared.fill(0);
    return key;
  };
  return {
    seal(message, publicKey) {
      const esk = randomBytes(32);
      const epk = nacl.scalarMult.base(esk);
      const key = boxKey(esk, publicKey);
      esk.fill(0);
      if (!key) return null;
      const box = nacl.secretbox(message, sealNonce(epk, publicKey), key);
      key.fill(0);
      return concatBytes(epk, box);
    },
    sealOpen(ciphertext, publicKey, secretKey) {
      const epk = ciphertext.subarray(0, 32);
      const key = boxKey(secretKey, epk);
      if (!key) return null;
      const opened = nacl.secretbox.open(ciphertext.subarray(32), sealNonce(epk, publicKey), key);
      key.fill(0);
      return opened;
    },
  };
}
