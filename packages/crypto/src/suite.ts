// The crypto API, built once over a backend's primitives.
import { bytesEqual, toHex } from './encoding.js';
import type { Primitives } from './primitives.js';
import { strictPrecheck, type SignatureRejection } from './strict.js';

/** An Ed25519 key pair; `secretKey` is the 32-byte seed (RFC 8032 private key). */
export interface SigningKeyPair {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

/** An X25519 key pair for sealed boxes (the urna key). */
export interface BoxKeyPair {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

export interface SeggioCrypto {
  readonly backend: Primitives['backend'];
  /** The library and its version, for people. */
  readonly implementation: string;
  generateSigningKeyPair(): SigningKeyPair;
  signingKeyPairFromSecret(secretKey: Uint8Array): SigningKeyPair;
  sign(message: Uint8Array, keyPair: SigningKeyPair): Uint8Array;
  /** Strict verification (docs/threat-model.md R20): true only for a signature libsodium would accept. */
  verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean;
  /** As verify, but says why a signature is refused; null when it is valid. */
  checkSignature(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): SignatureRejection | null;
  generateBoxKeyPair(): BoxKeyPair;
  boxKeyPairFromSecret(secretKey: Uint8Array): BoxKeyPair;
  /** libsodium crypto_box_seal: epk ‖ box(m, nonce = BLAKE2b-192(epk ‖ pk), pk, esk). */
  seal(message: Uint8Array, publicKey: Uint8Array): Uint8Array;
  /** libsodium crypto_box_seal_open; null when the box does not open with this key. */
  sealOpen(ciphertext: Uint8Array, keyPair: BoxKeyPair): Uint8Array | null;
  sha256(data: Uint8Array): Uint8Array;
  sha256Hex(data: Uint8Array): string;
  randomBytes(length: number): Uint8Array;
}

export const SEAL_OVERHEAD = 32 + 16;

function checkLength(bytes: Uint8Array, length: number, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new TypeError(`${what} must be ${length} bytes`);
  }
}

export function createCrypto(p: Primitives): SeggioCrypto {
  const checkSignature = (message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array) =>
    strictPrecheck(signature, publicKey) ??
    (p.ed25519Verify(message, signature, publicKey) ? null : 'bad-signature');

  const signingKeyPairFromSecret = (secretKey: Uint8Array): SigningKeyPair => {
    checkLength(secretKey, 32, 'an Ed25519 secret key (seed)');
    return { publicKey: p.ed25519PublicKey(secretKey), secretKey };
  };
  const boxKeyPairFromSecret = (secretKey: Uint8Array): BoxKeyPair => {
    checkLength(secretKey, 32, 'an X25519 secret key');
    return { publicKey: p.x25519PublicKey(secretKey), secretKey };
  };

  return {
    backend: p.backend,
    implementation: p.implementation,
    generateSigningKeyPair: () => signingKeyPairFromSecret(p.randomBytes(32)),
    signingKeyPairFromSecret,
    sign(message, keyPair) {
      checkLength(keyPair.publicKey, 32, 'an Ed25519 public key');
      checkLength(keyPair.secretKey, 32, 'an Ed25519 secret key (seed)');
      return p.ed25519Sign(message, keyPair.secretKey, keyPair.publicKey);
    },
    verify: (message, signature, publicKey) => checkSignature(message, signature, publicKey) === null,
    checkSignature,
    generateBoxKeyPair: () => boxKeyPairFromSecret(p.randomBytes(32)),
    boxKeyPairFromSecret,
    seal(message, publicKey) {
      checkLength(publicKey, 32, 'an X25519 public key');
      const sealed = p.seal(message, publicKey);
      if (!sealed) throw new RangeError('the public key has small order: nothing sealed to it could be opened');
      return sealed;
    },
    sealOpen(ciphertext, keyPair) {
      checkLength(keyPair.secretKey, 32, 'an X25519 secret key');
      checkLength(keyPair.publicKey, 32, 'an X25519 public key');
      return ciphertext.length < SEAL_OVERHEAD ? null : p.sealOpen(ciphertext, keyPair.publicKey, keyPair.secretKey);
    },
    sha256: (data) => p.sha256(data),
    sha256Hex: p.sha256Hex ? (data) => p.sha256Hex!(data) : (data) => toHex(p.sha256(data)),
    randomBytes: (length) => p.randomBytes(length),
  };
}

/** True when the secret key is the one of the public key (the urna key check of R19). */
export function boxKeyMatches(crypto: SeggioCrypto, secretKey: Uint8Array, publicKey: Uint8Array): boolean {
  return secretKey.length === 32 && bytesEqual(crypto.boxKeyPairFromSecret(secretKey).publicKey, publicKey);
}
