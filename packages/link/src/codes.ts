// What crosses the link as a code, never as a sentence (docs/design.md §1, "The link"): why a booth
// refuses what its console sent (`refused`), why it stopped taking votes (`out-of-service`), and why
// either side rejected a frame (the log's `frame-rejected`). Each catalogue gives every code the names of
// its figures and the English the logs write; people read the codes in their language from each app's
// renderer catalogue.
import { z } from 'zod';

export type Figures = Readonly<Record<string, string | number>>;
export type Catalogue = Readonly<Record<string, string>>;

/** Why a booth refuses a console's message (a token, an opening, a cancellation, a zero report). */
export const REFUSED_CODES = {
  'out-of-service': 'the booth is out of service',
  'voting-closed': 'voting is closed',
  'voter-at-booth': 'a voter is already voting at this booth',
  'voting-not-open': 'voting is not open (the booth is {state})',
  'token-not-signed': 'the token is not signed by the console',
  'token-other-booth': 'the token is for booth {booth}',
  'token-other-election': 'the token is for another election',
  'token-counter': "the token's counter is {counter}, expected {expected}",
  'token-unknown-contest': 'the token names a contest not in the election',
  'open-refused': 'open refused: the booth is {state}',
  'no-session-to-cancel': 'no such open session to cancel',
  'zero-report-when': 'no zero report: the booth is {state}',
  'store-not-empty': 'the store is not empty: no zero report',
  'close-refused': 'close refused: the booth is {state}',
  'not-paired': 'the booth is not paired',
} as const satisfies Catalogue;
export type RefusedCode = keyof typeof REFUSED_CODES;

/** Why a booth is out of service (R8): its store failed; `reason` is what the disk said. */
export const OUT_OF_SERVICE_CODES = {
  'vote-not-recorded': 'the ballot box could not record the vote ({reason}): nothing was recorded',
  'store-failed': 'the store failed ({reason})',
  'store-not-sealed': 'the store could not be sealed ({reason})',
} as const satisfies Catalogue;
export type OutOfServiceCode = keyof typeof OUT_OF_SERVICE_CODES;

/** Why a frame from the LAN is rejected, on either side; logged in aggregate (R33). */
export const FRAME_REJECTIONS = {
  // The transport and the frame's envelope (transport.ts, frame.ts).
  'binary-frame': 'binary frame',
  'frame-too-large': 'frame too large',
  malformed: 'malformed',
  'not-for-me': 'not-for-me',
  'bad-signature': 'bad-signature',
  'bad-body': 'bad-body',
  // Who may speak on a connection, and in which order (R32).
  'hello-not-answering': "a hello that does not answer this connection's challenge (replayed?)",
  'second-key': 'a second key on one connection',
  'no-hello': 'a frame on a connection its key did not open with a hello',
  'welcome-not-answering': "a welcome that does not answer this connection's hello (replayed?)",
  'unknown-sender': 'unknown sender',
  unaddressed: 'unaddressed',
  'stale-hello': 'stale hello',
  'stale-welcome': 'stale welcome',
  'replayed-counter': 'replayed counter',
  'skipped-counter': 'skipped counter',
  'too-many-waiting': 'too many booths waiting to be paired',
  'malformed-message': 'malformed {type}: {error}',
  'malformed-content': 'malformed content',
  'unknown-code': '{type} with a code that is not in the catalogue: {code}',
  'out-of-service': 'out of service: {reason}',
  'out-of-service-again': 'out of service again',
  // What a booth says, against what the console knows of it (R31, R33).
  'after-seal': "{type} after the booth's seal",
  'refused-by-booth': 'refused by the booth: {reason}',
  'refused-no-session': 'refused by the booth, for no session waiting: {reason}',
  'session-other-booth': '{type} for a session not enabled on this booth',
  'session-counter': '{type} with counter {counter} for the session of counter {expected}',
  'session-state': '{type} for a session {state}',
  'attention-no-session': 'a call for the president outside an open session of this booth',
  'zero-report-again': 'zero report once more',
  'zero-report-invalid': 'zero report does not hold',
  'opened-unasked': 'opened when the console did not open it',
  'before-close': '{type} before close',
  'seal-unsigned': 'the seal is not signed by the booth',
  'seal-other': 'the seal is for another booth or election',
  'ballot-twice': 'ballot {ballot} was sent twice',
  'ballot-hash': 'ballot {ballot} does not match its hash',
  'ballot-contest': 'ballot {ballot} is for an unknown contest',
  'ballot-unsigned': 'ballot {ballot} is not signed by the booth',
  'ballots-too-many': '{count} ballots for {contest}, more than the {cast} sessions cast it at this booth',
  'log-too-long': "the booth's log would pass {max} bytes",
  'log-broken': "the booth's log is broken: {problem}",
  // A console's set-up, as a booth reads it before pairing (apps/booth setup-check.ts).
  'setup-after-pairing': 'set-up after pairing',
  'setup-malformed': '{problem}',
  // Beyond the kinds a tally tells apart (rejections.ts).
  other: 'other reasons',
} as const satisfies Catalogue;
export type FrameRejectionCode = keyof typeof FRAME_REJECTIONS;

/** A rejected frame: its code and figures; the log writes both and the English of the catalogue. */
export interface Rejection {
  readonly code: FrameRejectionCode;
  readonly params: Figures;
}
export const rejection = (code: FrameRejectionCode, params: Figures = {}): Rejection => ({ code, params });

/** The names of a template's figures, in order. */
export const figureNames = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** The English of a code, for a log: its template with the figures put in. */
export function english(catalogue: Catalogue, code: string, params: Figures = {}): string {
  const template = catalogue[code] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A code's figures on the wire: few, named as identifiers, short. */
export const WireFigures = z
  .record(z.string().regex(/^[a-z][A-Za-z]{0,19}$/), z.union([z.string().max(200), z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER)]))
  .refine((p) => Object.keys(p).length <= 8, 'at most 8 figures');
/** A code on the wire, checked against its catalogue by the receiver (isCode). */
export const WireCode = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);

/** Whether a code received is one of `catalogue`'s, with exactly the figures it names. */
export function isCode(catalogue: Catalogue, code: string, params: Figures): boolean {
  if (!Object.hasOwn(catalogue, code)) return false;
  return JSON.stringify(Object.keys(params).sort()) === JSON.stringify(figureNames(catalogue[code]!).sort());
}
