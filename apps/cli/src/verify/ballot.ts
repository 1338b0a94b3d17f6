// One line of ballots.jsonl, checked on its own: shape, hash, booth signature, padded length, and,
// with the urna key, its opening and its content. Pure: runs in the main thread or in a worker.
import { ballotSignatureMessage, decodeBallotPlaintext, describeBallotProblem, parseElection, plaintextLength, validateShaped, type Contest, type Selection } from '@seggio/ballot-core';
import { fromBase64, SEAL_OVERHEAD, type BoxKeyPair, type SeggioCrypto } from '@seggio/crypto';

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
  /**
   * Per contest, plaintexts of this file already read and found allowed, by their exact bytes: the
   * reading and the rules are pure functions of those bytes and this context, so a plaintext met again
   * (a section's voters repeat selections) gives the same selection without being read again.
   * Emptied for each file (`forgetPlaintexts`), so that every file's first of each is read.
   */
  readonly allowed: ReadonlyMap<string, Map<string, Selection>>;
}

/** The most plaintexts `allowed` keeps a contest (a few MB): past it, every new one is read in full. */
export const MAX_REMEMBERED = 8192;

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
    allowed: new Map([...contests.keys()].map((id) => [id, new Map<string, Selection>()])),
  };
}

/** Before another file: its plaintexts are read afresh. */
export function forgetPlaintexts(ctx: BallotContext): void {
  for (const remembered of ctx.allowed.values()) remembered.clear();
}

export interface BallotResult {
  readonly h: string | null;
  readonly contest: string | null;
  readonly booth: string | null;
  readonly problems: readonly string[];
  readonly selection?: Selection;
}

const KEYS = 'booth,contest,ct,h,sig';
const KEY_SET = new Set(KEYS.split(','));

/** Five own keys, each one of the five: exactly those (Object.keys gives each key once). */
function exactlyTheKeys(line: object): boolean {
  const keys = Object.keys(line);
  return keys.length === KEY_SET.size && keys.every((k) => KEY_SET.has(k));
}

/**
 * The bytes of canonical base64 `text`, at native speed, written at `offset` of a fresh buffer of
 * `offset` + their length (what comes before is the caller's). Buffer decodes leniently, so the text
 * must be exactly what it writes back; anything else goes to the strict decoder, which says why.
 */
function base64At(text: string, offset: number): Buffer {
  const out = Buffer.allocUnsafe(offset + Math.ceil(text.length / 4) * 3);
  const written = out.write(text, offset, 'base64');
  if (out.toString('base64', offset, offset + written) === text) return out.subarray(0, offset + written);
  const strict = fromBase64(text);
  const copy = Buffer.allocUnsafe(offset + strict.length);
  copy.set(strict, offset);
  return copy;
}

/** A line read up to its booth's signature, with what the later stages check; or its result, done. */
interface Read {
  readonly result: { readonly h: string | null; readonly contest: string | null; readonly booth: string | null; readonly problems: string[] };
  readonly signed?: { readonly message: Uint8Array; readonly sig: Uint8Array; readonly key: Uint8Array; readonly ct: Uint8Array; readonly target: Contest };
}

function readLine(crypto: SeggioCrypto, ctx: BallotContext, text: string): Read {
  let line: Record<string, unknown>;
  try {
    line = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { result: { h: null, contest: null, booth: null, problems: ['not JSON'] } };
  }
  if (typeof line !== 'object' || line === null || Array.isArray(line)) return { result: { h: null, contest: null, booth: null, problems: ['not a JSON object'] } };
  const str = (k: string) => (typeof line[k] === 'string' ? (line[k]) : null);
  const [h, contest, booth] = [str('h'), str('contest'), str('booth')];
  const result = { h, contest, booth, problems: [] as string[] };
  const { problems } = result;
  if (!exactlyTheKeys(line) || !h || !contest || !booth || !str('ct') || !str('sig')) {
    problems.push(`must have exactly the string fields ${KEYS}`);
    return { result };
  }
  // The ciphertext is decoded straight after what the booth signs before it, so that the signed
  // message needs no copy; a contest not in the election has no prefix, and is refused below.
  const prefix = ctx.signedPrefixes.get(contest);
  let message: Buffer;
  let sig: Uint8Array;
  try {
    message = base64At(str('ct')!, prefix?.length ?? 0);
    sig = base64At(str('sig')!, 0);
  } catch (error) {
    problems.push(`not canonical base64 (${(error as Error).message})`);
    return { result };
  }
  const ct = message.subarray(prefix?.length ?? 0);
  if (crypto.sha256Hex(ct) !== h) problems.push('h is not the SHA-256 of ct');
  const target = ctx.contests.get(contest);
  const key = ctx.boothKeys.get(booth);
  if (!target) problems.push(`names contest ${contest}, which is not in the election`);
  if (!key) problems.push(`names booth ${booth}, which is not in the set-up`);
  if (!target || !key) return { result };
  message.set(prefix!);
  return { result, signed: { message, sig, key, ct, target } };
}

/** The plaintext of a ballot that opened: the selection it holds, or why it holds none. */
function readPlaintext(ctx: BallotContext, target: Contest, plaintext: Uint8Array, problems: string[]): Selection | undefined {
  const allowed = ctx.allowed.get(target.id)!;
  const seen = Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.length).toString('latin1');
  const known = allowed.get(seen);
  if (known) return known;
  const decoded = decodeBallotPlaintext(plaintext, ctx.digest, target);
  if (!decoded.ok) {
    problems.push(describeBallotProblem(decoded.error));
    return undefined;
  }
  const rules = validateShaped(target, decoded.value);
  if (!rules.ok) {
    problems.push(`holds a selection the rules do not allow: ${rules.error.map((r) => r.message).join('; ')}`);
    return undefined;
  }
  if (allowed.size < MAX_REMEMBERED) allowed.set(seen, decoded.value);
  return decoded.value;
}

/**
 * Lines checked in stages, each stage over every line before the next: reading (JSON, base64,
 * hash), the booths' signatures, the openings, the plaintexts. Interleaved, the JSON and base64 code
 * evicts libsodium's code and tables from the processor's caches between one ballot's signature
 * and the next, which then costs ~5 µs more (of ~45). Every check of every line is made as before,
 * in the same order, and a line's problems are listed in that order.
 */
export function checkLines(crypto: SeggioCrypto, ctx: BallotContext, texts: readonly string[]): BallotResult[] {
  const read = texts.map((text) => readLine(crypto, ctx, text));
  const toOpen: number[] = [];
  read.forEach(({ result, signed }, i) => {
    if (!signed) return;
    const rejection = crypto.checkSignature(signed.message, signed.sig, signed.key);
    if (rejection) result.problems.push(`the booth's signature does not hold (${rejection})`);
    const length = ctx.lengths.get(signed.target.id)!;
    if (signed.ct.length !== length + SEAL_OVERHEAD) result.problems.push(`is ${signed.ct.length} bytes; every ballot of ${signed.target.id} is ${length + SEAL_OVERHEAD} (R3)`);
    if (ctx.urna && result.problems.length === 0) toOpen.push(i);
  });
  const plaintexts = toOpen.map((i) => crypto.sealOpen(read[i]!.signed!.ct, ctx.urna!));
  const selections: (Selection | undefined)[] = [];
  plaintexts.forEach((plaintext, k) => {
    const { result, signed } = read[toOpen[k]!]!;
    if (!plaintext) return void result.problems.push('does not open with the urna key');
    selections[toOpen[k]!] = readPlaintext(ctx, signed!.target, plaintext, result.problems);
  });
  return read.map(({ result }, i) => {
    const selection = selections[i];
    // Written out: on this hot path a spread is slower than a literal.
    return selection ? { h: result.h, contest: result.contest, booth: result.booth, problems: result.problems, selection } : result;
  });
}

export const checkBallot = (crypto: SeggioCrypto, ctx: BallotContext, text: string): BallotResult => checkLines(crypto, ctx, [text])[0]!;

const decoder = new TextDecoder();

/** A batch of whole lines as read from the file (each ending in a newline, but maybe the file's last). */
export function checkBatch(crypto: SeggioCrypto, ctx: BallotContext, bytes: Uint8Array): BallotResult[] {
  const text = decoder.decode(bytes);
  return checkLines(crypto, ctx, (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n'));
}

/** A line too long to be a ballot, refused unread. */
export const tooLong = (length: number, max: number): BallotResult => ({ h: null, contest: null, booth: null, problems: [`is ${length} bytes long; a ballot line is at most ${max}`] });
