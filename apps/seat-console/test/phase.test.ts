// The console's state machine (src/service/phase.ts) and its idea of each booth's state
// (src/service/booth-state.ts): pure functions, checked over every phase and every action.
import { describe, expect, it } from 'vitest';
import type { BoothMessage, BoothState } from '@seggio/link';
import type { ConsolePhase } from '../src/service/index.js';
import { confirmedState } from '../src/service/booth-state.js';
import { next, transitionEntry, type ConsoleAction } from '../src/service/phase.js';

const PHASES: readonly ConsolePhase[] = ['no-election', 'setup', 'voting', 'closing', 'closed', 'reconciled', 'counted', 'signed'];
const ACTIONS: readonly ConsoleAction[] = [
  { type: 'load-election', digest: 'd' },
  { type: 'open' },
  { type: 'close' },
  { type: 'all-sealed' },
  { type: 'reconcile' },
  { type: 'count', ballots: 2, checks: 'all hold' },
  { type: 'sign', election: 'd' },
];

/** Where each action leads from each phase; a phase not named refuses the action. */
const ALLOWED: Record<ConsoleAction['type'], Partial<Record<ConsolePhase, ConsolePhase>>> = {
  'load-election': { 'no-election': 'setup' },
  open: { setup: 'voting' },
  close: { voting: 'closing' },
  'all-sealed': { closing: 'closed' },
  reconcile: { closed: 'reconciled' },
  count: { reconciled: 'counted', counted: 'counted' },
  sign: { counted: 'signed', signed: 'signed' },
};

describe("the console's phase", () => {
  it.each(PHASES.flatMap((phase) => ACTIONS.map((action) => [phase, action.type, action] as const)))('from %s, %s goes where the table says or nowhere', (phase, type, action) => {
    expect(next(phase, action)).toBe(ALLOWED[type][phase] ?? null);
  });

  it('never goes back: no action leads to an earlier phase', () => {
    for (const phase of PHASES) for (const action of ACTIONS) {
      const following = next(phase, action);
      if (following !== null) expect(PHASES.indexOf(following)).toBeGreaterThanOrEqual(PHASES.indexOf(phase));
    }
  });

  it('logs each change by the phases before and after, a count or a signature each time, and staying put otherwise not', () => {
    expect(transitionEntry('no-election', 'setup', { type: 'load-election', digest: 'd1' })).toEqual({ event: 'election-loaded', detail: { digest: 'd1' } });
    expect(transitionEntry('setup', 'voting', { type: 'open' })).toEqual({ event: 'voting-opened', detail: {} });
    expect(transitionEntry('voting', 'closing', { type: 'close' })).toEqual({ event: 'voting-closed', detail: {} });
    expect(transitionEntry('closing', 'closed', { type: 'all-sealed' })).toBeNull();
    expect(transitionEntry('closed', 'reconciled', { type: 'reconcile' })).toEqual({ event: 'reconciled', detail: {} });
    expect(transitionEntry('reconciled', 'counted', { type: 'count', ballots: 4, checks: 'some fail' })).toEqual({ event: 'count-completed', detail: { disposition: 'success', ballots: 4, checks: 'some fail' } });
    expect(transitionEntry('counted', 'counted', { type: 'count', ballots: 4, checks: 'all hold' })).toEqual({ event: 'count-completed', detail: { disposition: 'success', ballots: 4, checks: 'all hold' } });
    expect(transitionEntry('signed', 'signed', { type: 'sign', election: 'd1' })).toEqual({ event: 'tally-signed', detail: { election: 'd1' } });
    expect(transitionEntry('voting', 'voting', { type: 'open' })).toBeNull();
  });
});

describe("the console's idea of a booth's state", () => {
  const session = '0'.repeat(32);
  it.each([
    ['ready', { type: 'opened' }, 'idle'],
    ['idle', { type: 'session-started', session, counter: 1 }, 'in-session'],
    ['in-session', { type: 'cast', session, counter: 1 }, 'idle'],
    ['in-session', { type: 'cancelled', session, counter: 1 }, 'idle'],
    ['closed', { type: 'cancelled', session, counter: 1 }, 'closed'],
    ['paired', { type: 'zero-report', report: { bytes: '', signature: '' } }, 'ready'],
    ['idle', { type: 'seal', seal: { bytes: '', signature: '' } }, 'closed'],
    ['idle', { type: 'out-of-service', reason: 'disk' }, 'out-of-service'],
    ['in-session', { type: 'attention', session, calling: true }, 'in-session'],
    ['idle', { type: 'devices', keypad: null, voice: null }, 'idle'],
    ['idle', { type: 'refused', counter: 0, reason: 'no' }, 'idle'],
  ] as const)('from %s, on %j, is %s', (previous, said, state) => {
    expect(confirmedState(previous, said as BoothMessage)).toBe(state);
  });

  it("is what the booth's hello says it is", () => {
    const hello = (state: BoothState) => ({ type: 'hello', state, lastReceived: 0, challenge: '', nonce: '', certificate: null }) as BoothMessage;
    expect(confirmedState('ready', hello('idle'))).toBe('idle');
    expect(confirmedState('idle', hello('out-of-service'))).toBe('out-of-service');
  });
});
