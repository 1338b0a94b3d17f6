// The few operations a backend supplies. Everything built on them (strict verification, sealed boxes,
// fingerprints, the self-test) is written once, in suite.ts, so both backends behave the same.

export interface Primitives {
  readonly backend: 'tweetnacl' | 'node';
  /** Ed25519 public key of a 32-byte seed. */
  ed25519PublicKey(seed: Uint8Array): Uint8Array;
  ed25519Sign(message: Uint8Array, seed: Uint8Array, publicKey: Uint8Array): Uint8Array;
  /** Plain RFC 8032 verification; strictness is applied before it is called. */
  ed25519Verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean;
  /** X25519(secret, public); null when the result is all zeros (a small-order public key). */
  x25519(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array | null;
  x25519PublicKey(secretKey: Uint8Array): Uint8Array;
  sha256(data: Uint8Array): Uint8Array;
  /** Bytes from the operating system's random source. */
  randomBytes(length: number): Uint8Array;
}
