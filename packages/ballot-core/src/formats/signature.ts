// Signature sidecars (docs/bundle-format.md): `X.sig` = {"signer": <base64 Ed25519 public key>, "signature":
// <base64>}, the signature being over the exact bytes of X, so OpenSSL can check it alone.
import { err, fromBase64Length, hasSmallOrder, isCanonicalPoint, ok, toBase64, type Result, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import { parseStrictJson } from '../json.js';

export interface SignatureSidecar {
  readonly signer: Uint8Array;
  readonly signature: Uint8Array;
}

export function signBytes(crypto: SeggioCrypto, bytes: Uint8Array, keyPair: SigningKeyPair): SignatureSidecar {
  return { signer: keyPair.publicKey, signature: crypto.sign(bytes, keyPair) };
}

/** The sidecar's exact text: one JSON line. */
export function encodeSidecar(sidecar: SignatureSidecar): string {
  return `${JSON.stringify({ signer: toBase64(sidecar.signer), signature: toBase64(sidecar.signature) })}\n`;
}

/** Reads a public key given as base64 text, refusing anything that cannot be a signer (R20). */
export function parsePublicKey(text: string, what = 'the public key'): Result<Uint8Array, string> {
  let key: Uint8Array;
  try {
    key = fromBase64Length(text.trim(), 32, what);
  } catch (error) {
    return err(`${what} is not 32 bytes of base64: ${(error as Error).message}`);
  }
  if (!isCanonicalPoint(key) || hasSmallOrder(key)) return err(`${what} is not a valid Ed25519 public key (non-canonical or of small order)`);
  return ok(key);
}

export function parseSidecar(text: Uint8Array | string): Result<SignatureSidecar, string> {
  const json = parseStrictJson(text, { maxBytes: 4096, maxDepth: 2 });
  if (!json.ok) return err(json.error.message);
  const value = json.value as { signer?: unknown; signature?: unknown };
  if (typeof value !== 'object' || value === null || typeof value.signer !== 'string' || typeof value.signature !== 'string') {
    return err('must be {"signer": <base64 public key>, "signature": <base64>}');
  }
  const signer = parsePublicKey(value.signer, '"signer"');
  if (!signer.ok) return err(signer.error);
  try {
    return ok({ signer: signer.value, signature: fromBase64Length(value.signature, 64, '"signature"') });
  } catch (error) {
    return err((error as Error).message);
  }
}

/** Checks a sidecar against the exact bytes, and against the expected signer when one is pinned. */
export function verifySidecar(crypto: SeggioCrypto, bytes: Uint8Array, sidecar: SignatureSidecar, expectedSigner?: Uint8Array): Result<void, string> {
  if (expectedSigner && toBase64(expectedSigner) !== toBase64(sidecar.signer)) return err('signed by another key than the one expected');
  const rejection = crypto.checkSignature(bytes, sidecar.signature, sidecar.signer);
  return rejection === null ? ok(undefined) : err(`the signature is not valid (${rejection})`);
}
