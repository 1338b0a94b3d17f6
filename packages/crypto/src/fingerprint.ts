import { sha256 } from '@noble/hashes/sha2.js';
import { toBase32 } from './encoding.js';

/**
 * A key fingerprint for people to compare (docs/design.md §3): SHA-256 of the raw public key, first 10
 * bytes, base32, in four groups of four: "ABCD-EFGH-IJKL-MNOP".
 */
export function fingerprint(publicKey: Uint8Array): string {
  const b32 = toBase32(sha256(publicKey).subarray(0, 10));
  return b32.match(/.{4}/g)!.join('-');
}
