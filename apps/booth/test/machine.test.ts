// The booth's state machine on its own (src/service/machine.ts): what may follow what (docs/threat-model.md
// R10, R11, R13, R31), table by table, and the log entries each step derives. No store, no link.
import { describe, expect, it } from 'vitest';
import { fingerprint, fromBase64 } from '@seggio/crypto';
import type { EnableToken } from '@seggio/link';
import type { OutOfService } from '../src/shared/api.js';
import { logFor, next, wireState, type Action, type Phase, type PendingSetup } from '../src/service/index.js';
import type { TokenProblem } from '../src/service/machine.js';

const session = (n: number) => n.toString(16).padStart(32, '0');
const token = (n: number, contests = ['REF-2020-1']): EnableToken => ({ election: 'ab'.repeat(32), booth: 'B1', counter: n, session: session(n), contests });
const enable = (n: number, problem: TokenProblem | null = null): Action => ({ type: 'enable', token: token(n), problem });
const diskFull: OutOfService = { code: 'store-failed', params: { reason: 'disk full' } };
const cast = (n: number, contests = ['REF-2020-1']): Action => ({ type: 'cast', session: session(n), contests });
const cancel = (n: number): Action => ({ type: 'cancel', session: session(n) });
const inSession = (n: number): Phase => ({ kind: 'in-session', session: { counter: n, session: session(n), contests: ['REF-2020-1'] } });
const pending = { body: { type: 'setup' }, from: 'AAAA', machine: 'C1' } as unknown as PendingSetup;

const PHASES: Phase[] = [
  { kind: 'unpaired' },
  { kind: 'confirming', pending },
  { kind: 'paired' },
  { kind: 'ready' },
  { kind: 'idle' },
  inSession(1),
  { kind: 'closed' },
  { kind: 'out-of-service', reason: diskFull },
];

/** Runs the actions in turn: the phase reached, or the refusal of the first one refused (with its index). */
function run(from: Phase, actions: Action[]): { phase: Phase } | { refused: number; code: string; reason: string } {
  let phase = from;
  for (const [i, action] of actions.entries()) {
    const moved = next(phase, action);
    if (!moved.ok) return { refused: i, code: moved.error.code, reason: moved.error.reason };
    phase = moved.value;
  }
  return { phase };
}

describe('the session rules (R31)', () => {
  const cases: [string, Phase, Action[], ReturnType<typeof run>][] = [
    ['an enabled session is cast once', { kind: 'idle' }, [enable(1), cast(1)], { phase: { kind: 'idle' } }],
    ['a cast session cannot be cast again', { kind: 'idle' }, [enable(1), cast(1), cast(1)], { refused: 2, code: 'no-session', reason: 'no voter is enabled at this booth for that session' }],
    ['a cancelled session can never be cast', inSession(1), [cancel(1), cast(1)], { refused: 1, code: 'no-session', reason: 'no voter is enabled at this booth for that session' }],
    ['a session ended by the close can never be cast', inSession(1), [{ type: 'close' }, cast(1)], { refused: 1, code: 'no-session', reason: 'no voter is enabled at this booth for that session' }],
    ['a session the disk failure ended can never be cast', inSession(1), [{ type: 'fail', reason: diskFull }, cast(1)], { refused: 1, code: 'out-of-service', reason: 'the booth is out of service: the store failed (disk full)' }],
    ['another session than the one open cannot be cast', inSession(1), [cast(2)], { refused: 0, code: 'no-session', reason: 'no voter is enabled at this booth for that session' }],
    ['another session than the one open cannot be cancelled', inSession(1), [cancel(2)], { refused: 0, code: 'no-session-to-cancel', reason: 'no such open session to cancel' }],
    ['a cast session cannot be cancelled', inSession(1), [cast(1), cancel(1)], { refused: 1, code: 'no-session-to-cancel', reason: 'no such open session to cancel' }],
    ['a session is cancelled once', inSession(1), [cancel(1), cancel(1)], { refused: 1, code: 'no-session-to-cancel', reason: 'no such open session to cancel' }],
    ['one session at a time', inSession(1), [enable(2)], { refused: 0, code: 'voter-at-booth', reason: 'a voter is already voting at this booth' }],
    ['a cast takes a ballot for each contest of the session, and no other', inSession(1), [cast(1, ['REF-2020-1', 'COM-1'])], { refused: 0, code: 'wrong-contests', reason: 'the voter was enabled for REF-2020-1; a ballot is needed for each, and no other' }],
    ['a cast with no ballot is refused', inSession(1), [cast(1, [])], { refused: 0, code: 'wrong-contests', reason: 'the voter was enabled for REF-2020-1; a ballot is needed for each, and no other' }],
    ['no session before voting is open', { kind: 'ready' }, [enable(1)], { refused: 0, code: 'voting-not-open', reason: 'voting is not open (the booth is ready)' }],
    ['no session after close', { kind: 'idle' }, [{ type: 'close' }, enable(1)], { refused: 1, code: 'voting-closed', reason: 'voting is closed' }],
    ['the phase is said before what the token got wrong', { kind: 'closed' }, [enable(1, { code: 'token-not-signed', params: {} })], { refused: 0, code: 'voting-closed', reason: 'voting is closed' }],
    ['a token that does not hold opens no session', { kind: 'idle' }, [enable(1, { code: 'token-other-booth', params: { booth: 'B2' } })], { refused: 0, code: 'token-other-booth', reason: 'the token is for booth B2' }],
    ['voting opens once', { kind: 'ready' }, [{ type: 'open' }, { type: 'open' }], { refused: 1, code: 'open-refused', reason: 'open refused: the booth is idle' }],
    ['close is final: voting does not open again', { kind: 'idle' }, [{ type: 'close' }, { type: 'open' }], { refused: 1, code: 'open-refused', reason: 'open refused: the booth is closed' }],
    ['a close said twice is one close', { kind: 'idle' }, [{ type: 'close' }, { type: 'close' }], { phase: { kind: 'closed' } }],
    ['a booth with no zero report does not close', { kind: 'paired' }, [{ type: 'close' }], { refused: 0, code: 'close-refused', reason: 'close refused: the booth is paired' }],
    ['nothing is taken out of service', { kind: 'idle' }, [{ type: 'fail', reason: diskFull }, enable(1)], { refused: 1, code: 'out-of-service', reason: 'the booth is out of service: the store failed (disk full)' }],
    ['a set-up is taken only unpaired', { kind: 'ready' }, [{ type: 'set-up', body: pending.body, from: 'AAAA', verdict: { kind: 'ok', machine: 'C1' } }], { refused: 0, code: 'set-up-after-pairing', reason: 'set-up after pairing' }],
    ['a console is confirmed once', { kind: 'confirming', pending }, [{ type: 'confirm', accept: true, election: 'e' }, { type: 'confirm', accept: true, election: 'e' }], { refused: 1, code: 'nothing-to-confirm', reason: 'there is no console to confirm' }],
    ['a store not empty has no zero report', { kind: 'paired' }, [{ type: 'zero-report', empty: false, digest: 'd' }], { refused: 0, code: 'store-not-empty', reason: 'the store is not empty: no zero report' }],
    ['the certificate stays once a console holds it', { kind: 'ready' }, [{ type: 'import-certificate' }], { refused: 0, code: 'certificate-after-pairing', reason: 'the booth is paired: its certificate is the one the console checked' }],
  ];
  it.each(cases)('%s', (_, from, actions, expected) => {
    expect(run(from, actions)).toEqual(expected);
  });

  it('moves the phase along these edges and no other', () => {
    const edges = {
      unpaired: ['confirming', 'unpaired', 'out-of-service'],
      confirming: ['paired', 'unpaired', 'out-of-service'],
      paired: ['ready', 'out-of-service'],
      ready: ['idle', 'closed', 'out-of-service'],
      idle: ['in-session', 'closed', 'out-of-service'],
      'in-session': ['idle', 'closed', 'out-of-service'],
      closed: ['closed', 'out-of-service'],
      'out-of-service': [],
    };
    const actions: Action[] = [
      { type: 'set-up', body: pending.body, from: 'AAAA', verdict: { kind: 'ok', machine: 'C1' } },
      { type: 'confirm', accept: true, election: 'e' },
      { type: 'confirm', accept: false, election: 'e' },
      { type: 'zero-report', empty: true, digest: 'd' },
      { type: 'import-certificate' },
      { type: 'open' },
      enable(2),
      cast(1),
      cancel(1),
      { type: 'close' },
      { type: 'fail', reason: diskFull },
    ];
    const taken = Object.fromEntries(PHASES.map((phase) => [phase.kind, [...new Set(actions.flatMap((a) => { const moved = next(phase, a); return moved.ok ? [moved.value.kind] : []; }))].sort()]));
    expect(taken).toEqual(Object.fromEntries(Object.entries(edges).map(([k, v]) => [k, [...v].sort()])));
  });
});

describe('the log entries of each step', () => {
  const steps: [Phase, Action, ReturnType<typeof logFor>][] = [
    [{ kind: 'confirming', pending }, { type: 'confirm', accept: false, election: '' }, [{ event: 'console-refused', detail: { reason: 'console-not-confirmed', machine: 'C1', fingerprint: fingerprint(fromBase64('AAAA')) } }]],
    [{ kind: 'confirming', pending }, { type: 'confirm', accept: true, election: 'e1' }, [{ event: 'setup-received', detail: { console: fingerprint(fromBase64('AAAA')), machine: 'C1', election: 'e1' } }]],
    [{ kind: 'paired' }, { type: 'zero-report', empty: true, digest: 'd1' }, [{ event: 'zero-report-signed', detail: { digest: 'd1' } }]],
    [{ kind: 'ready' }, { type: 'open' }, [{ event: 'voting-opened', detail: {} }]],
    [{ kind: 'idle' }, enable(7), [{ event: 'token-accepted', detail: { counter: 7 } }]],
    [inSession(7), { type: 'cast', session: session(7), contests: ['REF-2020-1'] }, [{ event: 'session-cast', detail: { counter: 7 } }]],
    [inSession(7), cancel(7), [{ event: 'session-cancelled', detail: { counter: 7 } }]],
    [inSession(7), { type: 'close' }, [{ event: 'session-cancelled', detail: { counter: 7, at: 'close' } }, { event: 'voting-closed', detail: {} }]],
    [{ kind: 'idle' }, { type: 'close' }, [{ event: 'voting-closed', detail: {} }]],
    [{ kind: 'closed' }, { type: 'close' }, []],
    [{ kind: 'unpaired' }, { type: 'set-up', body: pending.body, from: 'AAAA', verdict: { kind: 'ok', machine: 'C1' } }, []],
    [{ kind: 'idle' }, { type: 'fail', reason: diskFull }, []],
  ];
  it.each(steps.map(([from, action, expected]) => [`${from.kind} by ${action.type}${'accept' in action ? ` (${String(action.accept)})` : ''}`, from, action, expected] as const))('%s', (_, from, action, expected) => {
    const moved = next(from, action);
    expect(moved.ok).toBe(true);
    if (moved.ok) expect(logFor(from, moved.value, action)).toEqual(expected);
  });
});

describe('the state the screens and the console are told', () => {
  it('is the phase, but unenrolled for an unpaired booth with no certificate', () => {
    expect(PHASES.map((p) => wireState(p, true))).toEqual(['unpaired', 'confirming', 'paired', 'ready', 'idle', 'in-session', 'closed', 'out-of-service']);
    expect(wireState({ kind: 'unpaired' }, false)).toBe('unenrolled');
    expect(wireState({ kind: 'ready' }, false)).toBe('ready');
  });
});
