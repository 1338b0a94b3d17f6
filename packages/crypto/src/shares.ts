// k-of-n splitting of the urna secret among the seat members (docs/design.md §3, docs/threat-model.md R19).
// The splitting is shamir-secret-sharing (audited); it does not validate shares (docs/threat-model.md fact 7),
// so each share carries a checksum and the urna key's fingerprint, and a rebuilt key is accepted only
// when it matches the urna public key.
import { combine, split } from 'shamir-secret-sharing';
import { sha256 } from '@noble/hashes/sha2.js';
import { BASE32, bytesEqual, concatBytes, EncodingError, fromBase32, toBase32 } from './encoding.js';
import { err, ok, type Result } from './result.js';
import type { BoxKeyPair, SeggioCrypto } from './suite.js';

const VERSION = 1;
const PREFIX = 'SEGGIO';
const KEY_ID = 10;
const DATA = 33;
const CHECK = 4;
const PAYLOAD = 4 + KEY_ID + DATA;
const SHARE_CHARS = Math.ceil(((PAYLOAD + CHECK) * 8) / 5);

/**
 * What can be wrong with shares entered at the count: one code per reason, with the names of its
 * figures (`n` is the share's place among those entered). Only codes and figures leave this package;
 * each app's catalogue says them (docs/design.md §1).
 */
export const SHARE_PROBLEMS = {
  'share-prefix': ['n', 'prefix'],
  'share-length': ['n', 'chars', 'prefix', 'length'],
  'share-checksum': ['n'],
  'share-character': ['n', 'position'],
  'share-letter': ['n', 'position', 'letter'],
  'share-version': ['n', 'version', 'expected'],
  'share-numbers': ['n', 'index', 'count', 'threshold'],
  'share-other-key': ['n', 'fingerprint', 'expected'],
  'share-twice': ['n', 'index'],
  'shares-none': [],
  'shares-mixed': [],
  'shares-too-few': ['threshold', 'entered'],
  'shares-wrong': [],
} as const satisfies Record<string, readonly string[]>;
export type ShareProblemCode = keyof typeof SHARE_PROBLEMS;
export interface ShareProblem {
  readonly code: ShareProblemCode;
  readonly params: Readonly<Record<string, string | number>>;
}
const problem = (code: ShareProblemCode, params: ShareProblem['params'] = {}): ShareProblem => ({ code, params });

export interface UrnaShare {
  /** 1..count, the number written on the seat member's envelope. */
  readonly index: number;
  readonly threshold: number;
  readonly count: number;
  /** Fingerprint of the urna public key the share belongs to. */
  readonly keyFingerprint: string;
  readonly data: Uint8Array;
}

const keyId = (publicKey: Uint8Array): Uint8Array => sha256(publicKey).subarray(0, KEY_ID);
const idFingerprint = (id: Uint8Array): string => toBase32(id).match(/.{4}/g)!.join('-');

/** "SEGGIO-XXXX-XXXX-…": base32 in groups of four, case and separators ignored when read back. */
function encodeShare(share: Omit<UrnaShare, 'keyFingerprint'>, publicKey: Uint8Array): string {
  const payload = concatBytes(
    Uint8Array.of(VERSION, share.threshold, share.count, share.index),
    keyId(publicKey),
    share.data,
  );
  const text = toBase32(concatBytes(payload, sha256(payload).subarray(0, CHECK)));
  return [PREFIX, ...text.match(/.{1,4}/g)!].join('-');
}

/** Where a character of the share's body stands in the share as printed: "SEGGIO-" then groups of four. */
const printedPosition = (index: number): number => PREFIX.length + 2 + index + Math.floor(index / 4);

/** The share's bytes if its body decodes and matches its checksum; otherwise null. */
function checked(body: string): Uint8Array | null {
  let bytes: Uint8Array;
  try {
    bytes = fromBase32(body);
  } catch (error) {
    if (error instanceof EncodingError) return null;
    throw error;
  }
  return bytesEqual(sha256(bytes.subarray(0, PAYLOAD)).subarray(0, CHECK), bytes.subarray(PAYLOAD)) ? bytes : null;
}

/**
 * The one character whose change makes the checksum hold, when there is exactly one: the usual
 * mistake is a single character mistyped, and the president is told which (82 × 31 tries, a few milliseconds;
 * with a 32-bit checksum a second, false, fit is about one chance in two million).
 */
function locateTypo(body: string): number | null {
  const fits = new Set<number>();
  for (let i = 0; i < body.length; i++) {
    for (const c of BASE32) {
      if (c !== body[i] && checked(body.slice(0, i) + c + body.slice(i + 1))) fits.add(i);
    }
  }
  return fits.size === 1 ? [...fits][0]! : null;
}

/** A share read back, or its problem (without `n`: where it stands among those entered is the caller's). */
export function decodeShare(text: string): Result<UrnaShare, ShareProblem> {
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  if (!compact.startsWith(PREFIX)) return err(problem('share-prefix', { prefix: PREFIX }));
  const body = compact.slice(PREFIX.length);
  if (body.length !== SHARE_CHARS) return err(problem('share-length', { chars: SHARE_CHARS, prefix: PREFIX, length: body.length }));
  const foreign = [...body].findIndex((c) => !BASE32.includes(c));
  if (foreign >= 0) return err(problem('share-letter', { position: printedPosition(foreign), letter: body[foreign]! }));
  const bytes = checked(body);
  if (!bytes) {
    const typo = locateTypo(body);
    return err(typo === null ? problem('share-checksum') : problem('share-character', { position: printedPosition(typo) }));
  }
  const payload = bytes.subarray(0, PAYLOAD);
  const [version, threshold, count, index] = payload as unknown as [number, number, number, number];
  if (version !== VERSION) return err(problem('share-version', { version, expected: VERSION }));
  if (threshold < 2 || count < threshold || index < 1 || index > count) return err(problem('share-numbers', { index, count, threshold }));
  return ok({
    index,
    threshold,
    count,
    keyFingerprint: idFingerprint(payload.subarray(4, 4 + KEY_ID)),
    data: payload.slice(4 + KEY_ID),
  });
}

export interface SplitOptions {
  readonly threshold: number;
  readonly count: number;
}

/** Splits the urna secret into `count` shares, any `threshold` of which rebuild it. */
export async function splitUrnaKey(crypto: SeggioCrypto, keyPair: BoxKeyPair, options: SplitOptions): Promise<string[]> {
  const { threshold, count } = options;
  if (!Number.isInteger(threshold) || !Number.isInteger(count) || threshold < 2 || count < threshold || count > 255) {
    throw new RangeError(`shares must satisfy 2 ≤ threshold ≤ count ≤ 255 (got ${threshold} of ${count})`);
  }
  if (!bytesEqual(crypto.boxKeyPairFromSecret(keyPair.secretKey).publicKey, keyPair.publicKey)) {
    throw new Error('the urna secret key does not match its public key: refusing to split it');
  }
  const parts = await split(keyPair.secretKey, count, threshold);
  // Prove the split before any copy of the secret is erased: the first `threshold` shares rebuild it.
  const rebuilt = await combine(parts.slice(0, threshold));
  if (!bytesEqual(rebuilt, keyPair.secretKey)) throw new Error('key splitting failed its own check');
  rebuilt.fill(0);
  return parts.map((data, i) => encodeShare({ index: i + 1, threshold, count, data }, keyPair.publicKey));
}

/**
 * Rebuilds the urna key from seat members' shares. Every problem is reported with the position of
 * the share it concerns; the key is returned only if it matches `publicKey`.
 */
export async function combineUrnaShares(
  crypto: SeggioCrypto,
  texts: readonly string[],
  publicKey: Uint8Array,
): Promise<Result<BoxKeyPair, ShareProblem[]>> {
  const problems: ShareProblem[] = [];
  const shares: UrnaShare[] = [];
  const expected = idFingerprint(keyId(publicKey));
  texts.forEach((text, i) => {
    const n = i + 1;
    const decoded = decodeShare(text);
    if (!decoded.ok) return problems.push(problem(decoded.error.code, { n, ...decoded.error.params }));
    const share = decoded.value;
    if (share.keyFingerprint !== expected) return problems.push(problem('share-other-key', { n, fingerprint: share.keyFingerprint, expected }));
    if (shares.some((s) => s.index === share.index)) return problems.push(problem('share-twice', { n, index: share.index }));
    shares.push(share);
  });
  if (problems.length > 0) return err(problems);
  const first = shares[0];
  if (!first) return err([problem('shares-none')]);
  if (shares.some((s) => s.threshold !== first.threshold || s.count !== first.count)) return err([problem('shares-mixed')]);
  if (shares.length < first.threshold) return err([problem('shares-too-few', { threshold: first.threshold, entered: shares.length })]);
  // Each share carries its own x coordinate; two from different splittings can happen to share one,
  // and the library then throws rather than combine: the same answer as any mix of splittings.
  if (new Set(shares.map((s) => s.data.at(-1))).size !== shares.length) return err([problem('shares-mixed')]);
  const secretKey = await combine(shares.map((s) => s.data));
  const keyPair = crypto.boxKeyPairFromSecret(secretKey);
  if (!bytesEqual(keyPair.publicKey, publicKey)) {
    secretKey.fill(0);
    return err([problem('shares-wrong')]);
  }
  return ok(keyPair);
}
