// Strict Ed25519 acceptance rules, applied before any backend's verification (docs/threat-model.md fact 4):
// tweetnacl accepts S + L and small-order keys; libsodium and OpenSSL do not. These are libsodium's
// rules (crypto_sign_verify_detached without ED25519_COMPAT), so every verify path of ours agrees
// with libsodium on which signatures exist.

/** The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const L = Uint8Array.from([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
]);

const ff = (first: number): number[] => [first, ...new Array<number>(30).fill(0xff), 0x7f];

/**
 * Encodings of the points of small order (the 8-torsion), compared with the sign bit cleared, as
 * libsodium's ge25519_has_small_order. The entries for p and p + 1 are non-canonical spellings of
 * y = 0 and y = 1. Completeness is proved in test/strict.test.ts by curve arithmetic.
 */
export const SMALL_ORDER_ENCODINGS: readonly Uint8Array[] = [
  new Uint8Array(32),
  Uint8Array.from([1, ...new Array<number>(31).fill(0)]),
  Uint8Array.from([
    0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
    0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05,
  ]),
  Uint8Array.from([
    0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
    0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a,
  ]),
  Uint8Array.from(ff(0xec)),
  Uint8Array.from(ff(0xed)),
  Uint8Array.from(ff(0xee)),
];

/** S < L, comparing 256-bit little-endian integers. */
export function isCanonicalScalar(s: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if (s[i]! < L[i]!) return true;
    if (s[i]! > L[i]!) return false;
  }
  return false;
}

/** The encoded y (sign bit ignored) is below p = 2^255 - 19. */
export function isCanonicalPoint(p: Uint8Array): boolean {
  if ((p[31]! & 0x7f) !== 0x7f) return true;
  for (let i = 30; i > 0; i--) if (p[i] !== 0xff) return true;
  return p[0]! < 0xed;
}

export function hasSmallOrder(p: Uint8Array): boolean {
  return SMALL_ORDER_ENCODINGS.some((bad) => {
    for (let i = 0; i < 31; i++) if (p[i] !== bad[i]) return false;
    return (p[31]! & 0x7f) === bad[31];
  });
}

export type SignatureRejection =
  | 'malformed-signature'
  | 'malformed-public-key'
  | 'non-canonical-s'
  | 'small-order-r'
  | 'non-canonical-public-key'
  | 'small-order-public-key'
  | 'bad-signature';

/** Why a signature is refused before any curve arithmetic, or null if it may be checked. */
export function strictPrecheck(signature: Uint8Array, publicKey: Uint8Array): SignatureRejection | null {
  if (signature.length !== 64) return 'malformed-signature';
  if (publicKey.length !== 32) return 'malformed-public-key';
  if (!isCanonicalScalar(signature.subarray(32))) return 'non-canonical-s';
  if (hasSmallOrder(signature.subarray(0, 32))) return 'small-order-r';
  if (!isCanonicalPoint(publicKey)) return 'non-canonical-public-key';
  if (hasSmallOrder(publicKey)) return 'small-order-public-key';
  return null;
}
