// The append-only, hash-chained event log of each app (docs/design.md §4, docs/threat-model.md R5). Events come
// from one catalogue; an entry never holds a ballot, a ballot hash, a selection or a position.
import { pureCrypto, utf8 } from '@seggio/crypto';
import { canonicalJson } from '../plaintext.js';

/**
 * What an event is (as VxSuite's logging declares it): an action of the president or a voter, an
 * action the application took by itself, or how the application stands.
 */
export type EventKind = 'user-action' | 'application-action' | 'application-status';
/**
 * How it ended: `either` when each entry says so in its detail (`disposition`: success or failure),
 * as the end of a long action does; a long action is a pair `<name>-init` … its completion.
 */
export type Disposition = 'success' | 'failure' | 'na' | 'either';

export interface EventDeclaration {
  readonly kind: EventKind;
  readonly disposition: Disposition;
  /** The app whose log it is written in. */
  readonly by: 'booth' | 'console' | 'both';
  /** For a `-init` event, the event that completes it. */
  readonly completedBy?: string;
  readonly description: string;
}

const event = (kind: EventKind, disposition: Disposition, by: EventDeclaration['by'], description: string, completedBy?: string): EventDeclaration =>
  completedBy ? { kind, disposition, by, completedBy, description } : { kind, disposition, by, description };

/** Every event either app may log, declared once (one catalogue of log events). Ids are part of the bundle: never renamed. */
export const EVENTS = {
  'store-opened': event('application-status', 'success', 'booth', 'the store passed its integrity checks and was opened'),
  'setup-received': event('user-action', 'success', 'booth', 'the booth verified the election package, the set-up and the console certificate, and the president confirmed the console on the booth'),
  'console-refused': event('application-action', 'failure', 'booth', "the booth refused a console's set-up: unenrolled, of another comune, or not confirmed by the president"),
  'zero-report-signed': event('application-action', 'success', 'booth', 'the booth signed its zero report'),
  'voting-opened': event('user-action', 'success', 'both', 'voting was opened'),
  'token-accepted': event('application-action', 'success', 'booth', 'an enable token was accepted: a voter may vote'),
  'token-rejected': event('application-action', 'failure', 'booth', 'a message of the console (an enable token, an opening, a cancellation, a close) was refused, with its code'),
  'session-cast': event('user-action', 'success', 'booth', "a voter's ballots were recorded"),
  'session-cancelled': event('user-action', 'success', 'booth', 'a session was cancelled by the president'),
  'voting-closed': event('user-action', 'success', 'both', 'voting was closed; the store was canonicalised and sealed'),
  'election-loaded': event('user-action', 'success', 'console', 'the console verified and loaded the election package'),
  'keys-created': event('user-action', 'success', 'console', 'the console created the urna key and split it'),
  'booth-paired': event('user-action', 'success', 'console', 'the president confirmed a booth by its fingerprint and machine id'),
  'booth-refused': event('application-action', 'failure', 'console', 'a booth was refused at pairing: unenrolled, of another comune or role, or a machine already paired'),
  'certificate-imported': event('user-action', 'success', 'console', "the machine's enrolment certificate was imported from the drive"),
  'zero-report-received': event('application-action', 'success', 'console', "a booth's zero report was verified"),
  'booth-enabled': event('user-action', 'success', 'console', 'the president enabled a booth for a voter'),
  'cancel-requested': event('user-action', 'success', 'console', 'the president cancelled a session'),
  'closed-with-voter': event('application-action', 'na', 'console', 'voting was closed while a voter was at a booth: that session ends cancelled, nothing of it is counted'),
  'turnout-recorded': event('user-action', 'success', 'console', 'turnout was recorded at a checkpoint'),
  'seal-received': event('application-action', 'success', 'console', "a booth's seal and ballots were verified"),
  reconciled: event('application-action', 'success', 'console', 'ballots, sessions and voters were reconciled'),
  'count-init': event('user-action', 'na', 'console', 'the shares were entered: the urna key is rebuilt and the ballots opened', 'count-completed'),
  'count-completed': event('application-action', 'either', 'console', 'the count ended: the urna key rebuilt and the ballots counted, or the code of what stopped it'),
  'tally-signed': event('user-action', 'success', 'console', 'the president signed the tally'),
  'frame-rejected': event('application-action', 'failure', 'both', 'a frame from the LAN was refused (its code, its English, how many so far)'),
} as const satisfies Record<string, EventDeclaration>;
export type EventId = keyof typeof EVENTS;

export interface LogEntry {
  readonly seq: number;
  readonly event: EventId;
  readonly detail: Readonly<Record<string, string | number>>;
  /** Hash of the previous entry, hex; 64 zeros for the first. */
  readonly prev: string;
  readonly hash: string;
}

export const GENESIS = '0'.repeat(64);

/** SHA-256 as hex: the portable one by default; a checker of long logs passes its backend's (native) one. */
export type Sha256Hex = (data: Uint8Array) => string;

export function chainHash(prev: string, seq: number, event: EventId, detail: LogEntry['detail'], sha256Hex: Sha256Hex = (d) => pureCrypto.sha256Hex(d)): string {
  return sha256Hex(utf8(`${prev}\n${canonicalJson({ seq, event, detail })}`));
}

export function nextEntry(previous: LogEntry | undefined, event: EventId, detail: LogEntry['detail'] = {}): LogEntry {
  const seq = (previous?.seq ?? 0) + 1;
  const prev = previous?.hash ?? GENESIS;
  return { seq, event, detail, prev, hash: chainHash(prev, seq, event, detail) };
}

/** The first broken link of a chain, or null when it holds from the genesis (or from `after`, for a chain's next part). */
export function checkChain(entries: readonly LogEntry[], after?: LogEntry, sha256Hex?: Sha256Hex): string | null {
  let prev = after?.hash ?? GENESIS;
  const first = (after?.seq ?? 0) + 1;
  for (const [i, e] of entries.entries()) {
    if (e.seq !== first + i) return `entry ${first + i} has sequence number ${e.seq}`;
    if (!(e.event in EVENTS)) return `entry ${e.seq} has an event not in the catalogue: ${String(e.event)}`;
    if (e.prev !== prev) return `entry ${e.seq} does not follow the entry before it`;
    if (e.hash !== chainHash(prev, e.seq, e.event, e.detail, sha256Hex)) return `entry ${e.seq} has been altered`;
    prev = e.hash;
  }
  return null;
}
