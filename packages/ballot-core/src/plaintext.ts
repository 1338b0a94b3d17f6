// The ballot plaintext (docs/bundle-format.md): the RFC 8785 canonical JSON of {election, contest, selection},
// padded with ASCII spaces to one length per contest, so every ciphertext of a contest is the same
// size (docs/threat-model.md R3) and a selection has exactly one encoding.
import { err, fromUtf8, ok, utf8, type Result } from '@seggio/crypto';
import canonicalizeModule from 'canonicalize';
import type { Contest, ListEntry } from './election/schema.js';
import { parseStrictJson } from './json.js';
import { selectionSchema, type Selection } from './selection.js';

type Canonicalize = (input: unknown) => string | undefined;
// canonicalize (RFC 8785, by its author) is CommonJS whose types declare an ES default export: take the
// function whichever way the loader hands it over.
const imported = canonicalizeModule as unknown as Canonicalize | { default: Canonicalize };
const canonicalize: Canonicalize = typeof imported === 'function' ? imported : imported.default;

/** The election digest is hex SHA-256: its length is fixed. */
const DIGEST_HEX = 64;

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

/** Ids of the contest, for the longest selection of each kind. */
function longest(ids: readonly string[]): string {
  return ids.reduce((a, b) => (b.length > a.length ? b : a), '');
}

/**
 * The padded length of every ballot of this contest: that of the longest selection it can hold
 * (computed once per contest: this is on the count's hot path).
 * Canonical JSON adds the lengths of its values, so the longest value of each field gives it; a field
 * that may be null takes the longer of `null` and its longest id.
 */
const lengths = new WeakMap<Contest, number>();

export function plaintextLength(contest: Contest): number {
  let length = lengths.get(contest);
  if (length === undefined) lengths.set(contest, (length = computePlaintextLength(contest)));
  return length;
}

function computePlaintextLength(contest: Contest): number {
  const digest = '0'.repeat(DIGEST_HEX);
  const orNull = (ids: readonly string[]): string | null => {
    const id = longest(ids);
    return id.length + 2 > 4 ? id : null;
  };
  const candidates = (lists: readonly ListEntry[]) => lists.flatMap((l) => l.candidates.map((c) => c.id));
  let shapes: unknown[];
  switch (contest.type) {
    case 'referendum':
      shapes = [{ answer: 'YES' }];
      break;
    case 'municipal': {
      const cands = candidates(contest.lists);
      shapes = [{ mayor: orNull(contest.mayors.map((m) => m.id)), list: orNull(contest.lists.map((l) => l.id)), preferences: cands.length ? new Array<string>(contest.rules.maxPreferences).fill(longest(cands)) : [] }];
      break;
    }
    case 'european': {
      const cands = candidates(contest.lists);
      shapes = [{ list: orNull(contest.lists.map((l) => l.id)), candidate: null, preferences: cands.length ? new Array<string>(contest.rules.maxPreferences).fill(longest(cands)) : [] }];
      break;
    }
    case 'camera':
    case 'senato':
      shapes = [{ list: orNull(contest.lists.map((l) => l.id)), candidate: orNull(contest.candidates.map((c) => c.id)), preferences: [] }];
      break;
  }
  shapes.push({ blank: true });
  return Math.max(...shapes.map((selection) => utf8(canonicalJson({ election: digest, contest: contest.id, selection })).length));
}

export function encodeBallotPlaintext(electionDigest: string, contest: Contest, selection: Selection): Uint8Array {
  const length = plaintextLength(contest);
  const body = utf8(canonicalJson({ election: electionDigest, contest: contest.id, selection }));
  if (body.length > length) throw new RangeError(`the selection is longer than the contest's plaintext length ${length}`);
  const out = new Uint8Array(length).fill(0x20);
  out.set(body);
  return out;
}

/** Every object's keys, in the order JSON.parse gave them, are in RFC 8785's order (UTF-16 code units). */
function keysSorted(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(keysSorted);
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) return false;
  return keys.every((k) => keysSorted((value as Record<string, unknown>)[k]));
}

/**
 * The value of `body` when it is already canonical JSON, found with the native parser; otherwise
 * undefined, and the strict reader below decides and says why. RFC 8785 serialises values as
 * JSON.stringify does and only orders the keys, so a body that JSON.stringify writes back unchanged
 * with its keys in order is canonical. Anything else takes the slow path: a duplicate key is written
 * back once, whitespace or another spelling differently, an out-of-order key fails keysSorted.
 * This is the count's and the verifier's hot path (the strict reader costs ~10 µs a ballot).
 */
export function canonicalFast(body: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  return JSON.stringify(value) === body && keysSorted(value) ? value : undefined;
}

/**
 * Why a ballot cannot be read, as a code with the names of its figures: the console and the verifier
 * word it in their languages (describeBallotProblem is the English of the command line). The first
 * two are found before decoding: a ciphertext the urna key does not open, a contest the election
 * does not have.
 */
export const BALLOT_PROBLEMS = {
  'not-opened': [],
  'unknown-contest': ['contest'],
  'length': ['length', 'expected'],
  'not-utf8': [],
  'not-json': ['reason'],
  'not-canonical': [],
  'not-object': [],
  'fields': [],
  'other-election': [],
  'other-contest': ['named', 'contest'],
  'selection-shape': [],
} as const satisfies Record<string, readonly string[]>;

export type BallotProblemCode = keyof typeof BALLOT_PROBLEMS;
export type BallotProblem = {
  [C in BallotProblemCode]: { readonly code: C; readonly params: { readonly [P in (typeof BALLOT_PROBLEMS)[C][number]]: string | number } };
}[BallotProblemCode];

export const ballotProblem = <C extends BallotProblemCode>(code: C, params: { readonly [P in (typeof BALLOT_PROBLEMS)[C][number]]: string | number }): BallotProblem => ({ code, params }) as BallotProblem;

const ENGLISH: { [C in BallotProblemCode]: (p: Extract<BallotProblem, { code: C }>['params']) => string } = {
  'not-opened': () => 'does not open with the urna key',
  'unknown-contest': (p) => `names contest ${p.contest}, which is not in the election`,
  'length': (p) => `the plaintext is ${p.length} bytes; this contest's ballots are padded to ${p.expected}`,
  'not-utf8': () => 'the plaintext is not valid UTF-8',
  'not-json': (p) => `the plaintext is not JSON: ${p.reason}`,
  'not-canonical': () => 'the plaintext is not in canonical JSON (RFC 8785)',
  'not-object': () => 'the plaintext must be a JSON object',
  'fields': () => 'the plaintext must have exactly "election", "contest" and "selection"',
  'other-election': () => 'the ballot names another election',
  'other-contest': (p) => `the ballot names contest ${p.named}, not ${p.contest}`,
  'selection-shape': () => 'the selection does not have the shape this contest takes',
};

/** A ballot problem in English, for the command line and the logs. */
export function describeBallotProblem(problem: BallotProblem): string {
  return (ENGLISH[problem.code] as (params: BallotProblem['params']) => string)(problem.params);
}

/**
 * Reads a decrypted ballot back, refusing anything but the one encoding `encodeBallotPlaintext`
 * gives: the right length, canonical JSON, only spaces after it, this election and contest.
 */
export function decodeBallotPlaintext(bytes: Uint8Array, electionDigest: string, contest: Contest): Result<Selection, BallotProblem> {
  const length = plaintextLength(contest);
  if (bytes.length !== length) return err(ballotProblem('length', { length: bytes.length, expected: length }));
  let text: string;
  try {
    text = fromUtf8(bytes);
  } catch {
    return err(ballotProblem('not-utf8', {}));
  }
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x20) end--;
  const body = text.slice(0, end);
  let parsed = canonicalFast(body);
  if (parsed === undefined) {
    const json = parseStrictJson(body, { maxBytes: length, maxDepth: 4 });
    if (!json.ok) return err(ballotProblem('not-json', { reason: json.error.message }));
    if (canonicalJson(json.value) !== body) return err(ballotProblem('not-canonical', {}));
    parsed = json.value;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return err(ballotProblem('not-object', {}));
  const value = parsed as { election?: unknown; contest?: unknown; selection?: unknown };
  const keys = Object.keys(value);
  if (keys.length !== 3 || !keys.every((k) => k === 'contest' || k === 'election' || k === 'selection')) return err(ballotProblem('fields', {}));
  if (value.election !== electionDigest) return err(ballotProblem('other-election', {}));
  if (value.contest !== contest.id) return err(ballotProblem('other-contest', { named: JSON.stringify(value.contest).slice(0, 80), contest: contest.id }));
  const selection = selectionSchema(contest).safeParse(value.selection);
  if (!selection.success) return err(ballotProblem('selection-shape', {}));
  return ok(selection.data);
}
