// One line of ballots.jsonl, checked on its own: shape, hash, booth signature, padded length, and,
// with the urna key, its opening and its content. Pure: runs in the main thread or in a worker.
import { ballotSignatureMessage, decodeBallotPlaintext, parseElection, plaintextLength, validate, type Contest, type Selection } from '@seggio/ballot-core';
import { concatBytes, fromBase64, SEAL_OVERHEAD, type BoxKeyPair, type SeggioCrypto } from '@seggio/crypto';

/** Everything a ballot is checked against, in a form that can be sent to a worker. */
export interface BallotContextData {
  readonly electionBytes: Uint8Array;
  readonly digest: string;
  readonly section: string;
  readonly boothKeys: Readonly<Record<string, string>>;
  readonly urna: { readonly publicKey: string; readonly secretKey: string } | null;
}

export interface BallotContext {
  readonly digest: string;
  readonly section: string;
  readonly boothKeys: ReadonlyMap<string, Uint8Array>;
  readonly contests: ReadonlyMap<string, Contest>;
  readonly lengths: ReadonlyMap<string, number>;
  /** What a booth signs for a ballot of each contest, but the ciphertext that ends it (made once). */
  readonly signedPrefixes: ReadonlyMap<string, Uint8Array>;
  readonly urna: BoxKeyPair | null;
}

export function ballotContext(data: BallotContextData): BallotContext {
  const parsed = parseElection(data.electionBytes);
  if (!parsed.ok) throw new Error('the election does not parse');
  const contests = new Map(parsed.value.contests.map((c) => [c.id, c]));
  return {
    digest: data.digest,
    section: data.section,
    boothKeys: new Map(Object.entries(data.boothKeys).map(([id, key]) => [id, fromBase64(key)])),
    contests,
    lengths: new Map([...contests.values()].map((c) => [c.id, plaintextLength(c)])),
    signedPrefixes: new Map([...contests.keys()].map((id) => [id, ballotSignatureMessage(data.digest, data.section, id, new Uint8Array(0))])),
    urna: data.urna ? { publicKey: fromBase64(data.urna.publicKey), secretKey: fromBase64(data.urna.secretKey) } : null,
  };
}

export interface BallotResult {
  readonly h: string | null;
  readonly contest: string | null;
  readonly booth: string | null;
  readonly problems: readonly string[];
  readonly selection?: Selection;
}

const KEYS = 'booth,contest,ct,h,sig';

/**
 * Canonical base64 at native speed: Buffer decodes leniently, so the text must be exactly what it
 * writes back; anything else goes to the strict decoder, which says why it is refused.
 */
function base64(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) : fromBase64(text);
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');

export function checkBallot(crypto: SeggioCrypto, ctx: BallotContext, text: string): BallotResult {
  let line: Record<string, unknown>;
  try {
    line = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { h: null, contest: null, booth: null, problems: ['not JSON'] };
  }
  if (typeof line !== 'object' || line === null || Array.isArray(line)) return { h: null, contest: null, booth: null, problems: ['not a JSON object'] };
  const str = (k: string) => (typeof line[k] === 'string' ? (line[k]) : null);
  const [h, contest, booth] = [str('h'), str('contest'), str('booth')];
  const problems: string[] = [];
  const done = (selection?: Selection): BallotResult => ({ h, contest, booth, problems, ...(selection ? { selection } : {}) });
  if (Object.keys(line).sort().join() !== KEYS || !h || !contest || !booth || !str('ct') || !str('sig')) {
    problems.push(`must have exactly the string fields ${KEYS}`);
    return done();
  }
  let ct: Uint8Array;
  let sig: Uint8Array;
  try {
    ct = base64(str('ct')!);
    sig = base64(str('sig')!);
  } catch (error) {
    problems.push(`not canonical base64 (${(error as Error).message})`);
    return done();
  }
  if (hex(crypto.sha256(ct)) !== h) problems.push('h is not the SHA-256 of ct');
  const target = ctx.contests.get(contest);
  const key = ctx.boothKeys.get(booth);
  if (!target) problems.push(`names contest ${contest}, which is not in the election`);
  if (!key) problems.push(`names booth ${booth}, which is not in the set-up`);
  if (!target || !key) return done();
  const rejection = crypto.checkSignature(concatBytes(ctx.signedPrefixes.get(contest)!, ct), sig, key);
  if (rejection) problems.push(`the booth's signature does not hold (${rejection})`);
  const length = ctx.lengths.get(contest)!;
  if (ct.length !== length + SEAL_OVERHEAD) problems.push(`is ${ct.length} bytes; every ballot of ${contest} is ${length + SEAL_OVERHEAD} (R3)`);
  if (!ctx.urna || problems.length > 0) return done();
  const plaintext = crypto.sealOpen(ct, ctx.urna);
  if (!plaintext) {
    problems.push('does not open with the urna key');
    return done();
  }
  const decoded = decodeBallotPlaintext(plaintext, ctx.digest, target);
  if (!decoded.ok) {
    problems.push(decoded.error);
    return done();
  }
  const allowed = validate(target, decoded.value);
  if (!allowed.ok) problems.push(`holds a selection the rules do not allow: ${allowed.error.map((r) => r.message).join('; ')}`);
  return done(decoded.value);
}

const decoder = new TextDecoder();

/** A batch of whole lines as read from the file (each ending in a newline, but maybe the file's last). */
export function checkBatch(crypto: SeggioCrypto, ctx: BallotContext, bytes: Uint8Array): BallotResult[] {
  const text = decoder.decode(bytes);
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n').map((line) => checkBallot(crypto, ctx, line));
}

/** A line too long to be a ballot, refused unread. */
export const tooLong = (length: number, max: number): BallotResult => ({ h: null, contest: null, booth: null, problems: [`is ${length} bytes long; a ballot line is at most ${max}`] });
