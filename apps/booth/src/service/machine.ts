// The booth's life as one state machine (docs/design.md §3, docs/threat-model.md R10, R11, R13, R31):
// a phase, the actions that move it, and one pure `next` that says what may follow what. The service
// does the signing, the sealing and the storing; whatever it does, it asks `next` first, stores the
// phase `next` gave as one value, and logs what `logFor` derives from the step.
import type { EventId, LogEntry } from '@seggio/ballot-core';
import { err, fingerprint, fromBase64, ok, type Result } from '@seggio/crypto';
import { english, OUT_OF_SERVICE_CODES, REFUSED_CODES, type BoothState, type EnableToken, type RefusedCode } from '@seggio/link';
import type { OutOfService } from '../shared/api.js';
import type { SetupMessage, SetupVerdict } from './setup-check.js';

/** What is wrong with an enable token (voter.ts tokenProblem), as a code of the link's REFUSED_CODES with its figures. */
export interface TokenProblem {
  readonly code: RefusedCode;
  readonly params: Readonly<Record<string, string>>;
}

/** The session of the voter enabled here: the token's counter, its session and the contests it gives. */
export interface OpenSession {
  readonly counter: number;
  readonly session: string;
  readonly contests: readonly string[];
}

/** A console's set-up that held, kept until the president confirms the console on the booth (R32). */
export interface PendingSetup {
  readonly body: SetupMessage;
  /** The console's key, base64. */
  readonly from: string;
  /** The console's machine id, from its certificate. */
  readonly machine: string;
}

export type Phase =
  | { readonly kind: 'unpaired' }
  | { readonly kind: 'confirming'; readonly pending: PendingSetup }
  /** Paired, but no zero report: the store was not empty (R14). */
  | { readonly kind: 'paired' }
  | { readonly kind: 'ready' }
  | { readonly kind: 'idle' }
  | { readonly kind: 'in-session'; readonly session: OpenSession }
  | { readonly kind: 'closed' }
  /** The disk failed (R8): kept in memory only, since the store is what cannot be written. */
  | { readonly kind: 'out-of-service'; readonly reason: OutOfService };

/** What the store keeps: every phase but out-of-service. */
export type StoredPhase = Exclude<Phase, { kind: 'out-of-service' }>;

export type Action =
  /** A set-up arrived and was checked (`checkSetup`). */
  | { readonly type: 'set-up'; readonly body: SetupMessage; readonly from: string; readonly verdict: SetupVerdict }
  /** The president's answer on the booth; `election` is the pending package's digest. */
  | { readonly type: 'confirm'; readonly accept: boolean; readonly election: string }
  /** The zero report was made from the store; `digest` is its bytes' SHA-256. */
  | { readonly type: 'zero-report'; readonly empty: boolean; readonly digest: string }
  /** The certificate may be replaced only before a console holds this booth's key and machine id. */
  | { readonly type: 'import-certificate' }
  | { readonly type: 'open' }
  /** An enable token; `problem` is what its signature, booth, election, counter or contests got wrong. */
  | { readonly type: 'enable'; readonly token: EnableToken; readonly problem: TokenProblem | null }
  | { readonly type: 'cast'; readonly session: string; readonly contests: readonly string[] }
  | { readonly type: 'cancel'; readonly session: string }
  | { readonly type: 'close' }
  | { readonly type: 'fail'; readonly reason: OutOfService };

/**
 * Why an action may not follow the phase: a code for the caller to route (what goes to the console, a
 * code of the link's REFUSED_CODES), its figures, and the reason in English for the log.
 */
export interface Refusal {
  readonly code: string;
  readonly reason: string;
  readonly params?: Readonly<Record<string, string>>;
}

const refused = (code: string, reason: string, params?: Record<string, string>): Result<Phase, Refusal> => err(params ? { code, reason, params } : { code, reason });

export function next(phase: Phase, action: Action): Result<Phase, Refusal> {
  // Nothing is taken once the disk has failed, until the booth is started again on its store (R8).
  if (phase.kind === 'out-of-service') return refused('out-of-service', `the booth is out of service: ${english(OUT_OF_SERVICE_CODES, phase.reason.code, phase.reason.params)}`);
  switch (action.type) {
    case 'fail':
      return ok({ kind: 'out-of-service', reason: action.reason });
    case 'set-up': {
      if (phase.kind !== 'unpaired') return refused('set-up-after-pairing', 'set-up after pairing');
      const verdict = action.verdict;
      if (verdict.kind === 'malformed') return refused('set-up-malformed', verdict.reason);
      if (verdict.kind === 'console-refused') return refused(verdict.code, `the console is refused (${verdict.code})`, verdict.params);
      return ok({ kind: 'confirming', pending: { body: action.body, from: action.from, machine: verdict.machine } });
    }
    case 'confirm':
      if (phase.kind !== 'confirming') return refused('nothing-to-confirm', 'there is no console to confirm');
      return ok(action.accept ? { kind: 'paired' } : { kind: 'unpaired' });
    case 'zero-report':
      if (phase.kind !== 'paired') return refused('zero-report-when', `no zero report: the booth is ${phase.kind}`, { state: phase.kind });
      return action.empty ? ok({ kind: 'ready' }) : refused('store-not-empty', REFUSED_CODES['store-not-empty']);
    case 'import-certificate':
      return phase.kind === 'unpaired' ? ok(phase) : refused('certificate-after-pairing', 'the booth is paired: its certificate is the one the console checked');
    case 'open':
      return phase.kind === 'ready' ? ok({ kind: 'idle' }) : refused('open-refused', `open refused: the booth is ${phase.kind}`, { state: phase.kind });
    case 'enable': {
      // R10, R31: one session at a time, only while voting is open, and never after close.
      const problem: TokenProblem | null =
        phase.kind === 'closed'
          ? { code: 'voting-closed', params: {} }
          : phase.kind === 'in-session'
            ? { code: 'voter-at-booth', params: {} }
            : phase.kind !== 'idle'
              ? { code: 'voting-not-open', params: { state: phase.kind } }
              : action.problem;
      if (problem) return refused(problem.code, english(REFUSED_CODES, problem.code, problem.params), problem.params);
      const { counter, session, contests } = action.token;
      return ok({ kind: 'in-session', session: { counter, session, contests } });
    }
    case 'cast': {
      // A session cancelled, cast already, ended by the close or another booth's is not open here: never cast (R31).
      if (phase.kind !== 'in-session' || phase.session.session !== action.session) return refused('no-session', 'no voter is enabled at this booth for that session');
      const enabled = phase.session.contests;
      if ([...action.contests].sort().join() !== [...enabled].sort().join()) {
        return refused('wrong-contests', `the voter was enabled for ${enabled.join(', ')}; a ballot is needed for each, and no other`);
      }
      return ok({ kind: 'idle' });
    }
    case 'cancel':
      if (phase.kind !== 'in-session' || phase.session.session !== action.session) return refused('no-session-to-cancel', REFUSED_CODES['no-session-to-cancel']);
      return ok({ kind: 'idle' });
    case 'close':
      // Close is final (R13) and said once: closing a closed booth changes nothing.
      if (phase.kind === 'closed') return ok(phase);
      if (phase.kind === 'ready' || phase.kind === 'idle' || phase.kind === 'in-session') return ok({ kind: 'closed' });
      return refused('close-refused', `close refused: the booth is ${phase.kind}`, { state: phase.kind });
    default:
      return unreachable(action);
  }
}

function unreachable(action: never): never {
  throw new Error(`an action the booth does not know: ${JSON.stringify(action)}`);
}

export interface LogLine {
  readonly event: EventId;
  readonly detail: LogEntry['detail'];
}

/** The log entries a step writes, derived from where it went from, where it went and what moved it. */
export function logFor(previous: Phase, now: Phase, action: Action): LogLine[] {
  if (previous.kind === now.kind && now.kind !== 'unpaired') return [];
  const open = previous.kind === 'in-session' ? previous.session : null;
  switch (now.kind) {
    case 'unpaired':
      return previous.kind === 'confirming'
        ? [{ event: 'console-refused', detail: { reason: 'console-not-confirmed', machine: previous.pending.machine, fingerprint: fingerprint(fromBase64(previous.pending.from)) } }]
        : [];
    case 'paired':
      return previous.kind === 'confirming' && action.type === 'confirm'
        ? [{ event: 'setup-received', detail: { console: fingerprint(fromBase64(previous.pending.from)), machine: previous.pending.machine, election: action.election } }]
        : [];
    case 'ready':
      return action.type === 'zero-report' ? [{ event: 'zero-report-signed', detail: { digest: action.digest } }] : [];
    case 'idle':
      if (previous.kind === 'ready') return [{ event: 'voting-opened', detail: {} }];
      if (!open) return [];
      return [{ event: action.type === 'cast' ? 'session-cast' : 'session-cancelled', detail: { counter: open.counter } }];
    case 'in-session':
      return [{ event: 'token-accepted', detail: { counter: now.session.counter } }];
    case 'closed':
      return [...(open ? [{ event: 'session-cancelled' as const, detail: { counter: open.counter, at: 'close' } }] : []), { event: 'voting-closed', detail: {} }];
    case 'confirming':
    case 'out-of-service':
      return [];
    default:
      return unreachable(now);
  }
}

/** The state the screens and the console are told: an unpaired booth with no certificate is unenrolled. */
export function wireState(phase: Phase, enrolled: boolean): BoothState {
  return phase.kind === 'unpaired' && !enrolled ? 'unenrolled' : phase.kind;
}
