// Signed frames. Each frame names its sender and its one recipient and carries the sender's counter
// for that recipient; the signature covers all of it, so a frame cannot be replayed to another booth,
// reordered or replayed unnoticed (docs/threat-model.md threats: the LAN). Each connection opens
// with the console's challenge, which the booth's hello answers, and pairing goes by certificate (R32).
import { canonicalJson } from '@seggio/ballot-core';
import { concatBytes, err, fromBase64Length, ok, toBase64, utf8, type Result, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import type { z } from 'zod';
import type { FrameRejectionCode } from './codes.js';

/**
 * The link's version, in the signed bytes and in every frame. 2: a booth sends its ballots and its log
 * in as many frames as they need (each within MAX_BOOTH_FRAME_BYTES), and its seal after them. 3: every
 * connection opens with the console's challenge, which the booth's hello answers with its certificate;
 * the welcome carries the booth's nonce back; the set-up carries the console's certificate (R32, §7).
 * 4: a booth's `refused` and `out-of-service` (and its hello's reason) carry a code of the link's
 * catalogues with its figures, never a sentence (codes.ts).
 */
export const LINK_VERSION = 4;
const DOMAIN = utf8(`seggio/link@${LINK_VERSION}\u0000`);
/**
 * What the console takes from a booth in one frame (docs/threat-model.md R33): a booth's messages are small but
 * for its ballots and log at close, which it splits to fit (chunkByBytes).
 */
export const MAX_BOOTH_FRAME_BYTES = 1024 * 1024;
/** What a booth takes from its console: the set-up, which carries the largest election package the schema allows (16 MiB, in base64). */
export const MAX_CONSOLE_FRAME_BYTES = 24 * 1024 * 1024;

export interface Frame<Body> {
  /** Sender's Ed25519 public key, base64. */
  readonly from: string;
  /** Recipient's public key, base64, or null: a booth's hello before it knows the console, the console's challenge. */
  readonly to: string | null;
  readonly counter: number;
  readonly body: Body;
}

const signedBytes = (frame: Frame<unknown>): Uint8Array =>
  concatBytes(DOMAIN, utf8(canonicalJson({ v: LINK_VERSION, from: frame.from, to: frame.to, counter: frame.counter, body: frame.body })));

export function signFrame<Body>(crypto: SeggioCrypto, self: SigningKeyPair, to: Uint8Array | null, counter: number, body: Body): string {
  const frame: Frame<Body> = { from: toBase64(self.publicKey), to: to ? toBase64(to) : null, counter, body };
  return JSON.stringify({ v: LINK_VERSION, ...frame, sig: toBase64(crypto.sign(signedBytes(frame), self)) });
}

export type FrameRejection = Extract<FrameRejectionCode, 'malformed' | 'not-for-me' | 'bad-signature' | 'bad-body'>;

/**
 * Checks a frame's form, that it is addressed to `self` (or to nobody, when `acceptUnaddressed`), its
 * signature by the key it names, and its body against the schema. Counters are the caller's to check,
 * in the same transaction that acts on the frame.
 */
export function openFrame<S extends z.ZodType>(
  crypto: SeggioCrypto,
  self: Uint8Array,
  text: string,
  schema: S,
  acceptUnaddressed = false,
): Result<Frame<z.infer<S>> & { fromKey: Uint8Array }, FrameRejection> {
  if (text.length > MAX_CONSOLE_FRAME_BYTES) return err('malformed');
  let raw: { v?: unknown; from?: unknown; to?: unknown; counter?: unknown; body?: unknown; sig?: unknown };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch {
    return err('malformed');
  }
  if (raw.v !== LINK_VERSION || typeof raw.from !== 'string' || typeof raw.sig !== 'string' || !Number.isSafeInteger(raw.counter) || (raw.counter as number) < 0) return err('malformed');
  if (raw.to !== null && typeof raw.to !== 'string') return err('malformed');
  if (raw.to === null ? !acceptUnaddressed : raw.to !== toBase64(self)) return err('not-for-me');
  let fromKey: Uint8Array;
  let sig: Uint8Array;
  try {
    fromKey = fromBase64Length(raw.from, 32, 'from');
    sig = fromBase64Length(raw.sig, 64, 'sig');
  } catch {
    return err('malformed');
  }
  const frame: Frame<unknown> = { from: raw.from, to: raw.to, counter: raw.counter as number, body: raw.body };
  if (!crypto.verify(signedBytes(frame), sig, fromKey)) return err('bad-signature');
  const body = schema.safeParse(raw.body);
  if (!body.success) return err('bad-body');
  return ok({ ...frame, body: body.data, fromKey });
}

const TOKEN_DOMAIN = utf8('seggio/enable@1\u0000');

/** The bytes an enable token's signature covers (R10). */
export const enableTokenBytes = (token: unknown): Uint8Array => concatBytes(TOKEN_DOMAIN, utf8(canonicalJson(token)));
