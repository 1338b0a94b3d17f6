// The few operations a backend supplies. Everything built on them (strict verification, key checks,
// fingerprints, the self-test) is written once, in suite.ts, so both backends behave the same.

export interface Primitives {
  readonly backend: 'tweetnacl' | 'libsodium';
  /** What runs, for people: the library and its version (`seggio selftest` prints it). */
  readonly implementation: string;
  /** Ed25519 public key of a 32-byte seed. */
  ed25519PublicKey(seed: Uint8Array): Uint8Array;
  ed25519Sign(message: Uint8Array, seed: Uint8Array, publicKey: Uint8Array): Uint8Array;
  /** Plain RFC 8032 verification; strictness is applied before it is called. */
  ed25519Verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean;
  x25519PublicKey(secretKey: Uint8Array): Uint8Array;
  /** libsodium's crypto_box_seal; null when the public key has small order (nothing could open it). */
  seal(message: Uint8Array, publicKey: Uint8Array): Uint8Array | null;
  /** libsodium's crypto_box_seal_open; null when the box does not open with this key pair. */
  sealOpen(ciphertext: Uint8Array, publicKey: Uint8Array, secretKey: Uint8Array): Uint8Array | null;
  sha256(data: Uint8Array): Uint8Array;
  /** The same in lower-case hex, where the platform writes hex natively (the verifier's hot path). */
  sha256Hex?(data: Uint8Array): string;
  /** Bytes from the operating system's random source. */
  randomBytes(length: number): Uint8Array;
}
