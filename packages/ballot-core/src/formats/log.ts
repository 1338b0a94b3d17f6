// The append-only, hash-chained event log of each app (docs/design.md §4, docs/threat-model.md R5). Events come
// from one catalogue; an entry never holds a ballot, a ballot hash, a selection or a position.
import { pureCrypto, utf8 } from '@seggio/crypto';
import { canonicalJson } from '../plaintext.js';

/** Every event either app may log, declared once (one catalogue of log events). */
export const EVENTS = {
  'store-opened': 'the store passed its integrity checks and was opened',
  'setup-received': 'the booth verified the election package, the set-up and the console certificate, and the president confirmed the console on the booth',
  'console-refused': "the booth refused a console's set-up: unenrolled, of another comune, or not confirmed by the president",
  'zero-report-signed': 'the booth signed its zero report',
  'voting-opened': 'voting was opened',
  'token-accepted': 'an enable token was accepted: a voter may vote',
  'token-rejected': 'an enable token was refused',
  'session-cast': "a voter's ballots were recorded",
  'session-cancelled': 'a session was cancelled by the president',
  'out-of-service': 'the booth stopped taking votes',
  'voting-closed': 'voting was closed; the store was canonicalised and sealed',
  'election-loaded': 'the console verified and loaded the election package',
  'keys-created': 'the console created the urna key and split it',
  'booth-paired': 'the president confirmed a booth by its fingerprint and machine id',
  'booth-refused': 'a booth was refused at pairing: unenrolled, of another comune or role, or a machine already paired',
  'certificate-imported': "the machine's enrolment certificate was imported from the drive",
  'zero-report-received': "a booth's zero report was verified",
  'booth-enabled': 'the president enabled a booth for a voter',
  'cancel-requested': 'the president cancelled a session',
  'closed-with-voter': 'voting was closed while a voter was at a booth: that session ends cancelled, nothing of it is counted',
  'turnout-recorded': 'turnout was recorded at a checkpoint',
  'seal-received': "a booth's seal and ballots were verified",
  'reconciled': 'ballots, sessions and voters were reconciled',
  'count-completed': 'the urna key was rebuilt and the ballots counted',
  'tally-signed': 'the president signed the tally',
  'frame-rejected': 'a frame from the LAN was refused',
} as const;
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

export function chainHash(prev: string, seq: number, event: EventId, detail: LogEntry['detail']): string {
  return pureCrypto.sha256Hex(utf8(`${prev}\n${canonicalJson({ seq, event, detail })}`));
}

export function nextEntry(previous: LogEntry | undefined, event: EventId, detail: LogEntry['detail'] = {}): LogEntry {
  const seq = (previous?.seq ?? 0) + 1;
  const prev = previous?.hash ?? GENESIS;
  return { seq, event, detail, prev, hash: chainHash(prev, seq, event, detail) };
}

/** The first broken link of a chain, or null when it holds from the genesis (or from `after`, for a chain's next part). */
export function checkChain(entries: readonly LogEntry[], after?: LogEntry): string | null {
  let prev = after?.hash ?? GENESIS;
  const first = (after?.seq ?? 0) + 1;
  for (const [i, e] of entries.entries()) {
    if (e.seq !== first + i) return `entry ${first + i} has sequence number ${e.seq}`;
    if (!(e.event in EVENTS)) return `entry ${e.seq} has an event not in the catalogue: ${String(e.event)}`;
    if (e.prev !== prev) return `entry ${e.seq} does not follow the entry before it`;
    if (e.hash !== chainHash(prev, e.seq, e.event, e.detail)) return `entry ${e.seq} has been altered`;
    prev = e.hash;
  }
  return null;
}
