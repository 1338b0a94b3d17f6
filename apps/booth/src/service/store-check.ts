// The application's checks of a booth store, after SQLite's own (docs/threat-model.md R7): run when it
// opens, when voting opens and after the close's rewrite. What is wrong, said for the president.
import { checkChain, type LogEntry } from '@seggio/ballot-core';
import { toHex, type SeggioCrypto } from '@seggio/crypto';
import { StoreError } from './errors.js';
import type { StoredPhase } from './machine.js';
import type { Pairing, SignedDocument, StoredBallot, StoredToken } from './records.js';

/** What the checks read of a store. */
export interface StoreContent {
  ballots(): StoredBallot[];
  log(): LogEntry[];
  tokens(): StoredToken[];
  countsByContest(): Record<string, number>;
  phase(): StoredPhase;
  pairing(): Pairing | null;
  zeroReport(): SignedDocument | null;
}

/** Ballots that match their hashes, a log chain that holds, counts that match the sessions cast, a phase that agrees. */
export function contentProblem(store: StoreContent, crypto: SeggioCrypto): string | null {
  for (const b of store.ballots()) {
    if (toHex(crypto.sha256(b.ct)) !== b.h) return `ballot ${b.h.slice(0, 12)}… does not match its hash: the store was altered`;
  }
  const chain = checkChain(store.log());
  if (chain) return `the event log is broken: ${chain}`;
  const cast = store.tokens().filter((t) => t.outcome === 'cast');
  for (const [contest, count] of Object.entries(store.countsByContest())) {
    const expected = cast.filter((t) => t.contests.includes(contest)).length;
    if (count !== expected) return `contest ${contest} holds ${count} ballots but ${expected} sessions cast it`;
  }
  return phaseProblem(store);
}

/** Whether the phase agrees with the tokens, the pairing and the zero report the store holds. */
function phaseProblem(store: StoreContent): string | null {
  let phase: StoredPhase;
  try {
    phase = store.phase();
  } catch (error) {
    if (error instanceof StoreError) return error.message;
    throw error;
  }
  const open = store.tokens().filter((t) => t.outcome === 'open').map((t) => t.counter);
  const expected = phase.kind === 'in-session' ? [phase.session.counter] : [];
  if (open.join() !== expected.join()) return `the phase is ${phase.kind} but the open sessions are [${open.join(', ')}]`;
  const paired = phase.kind !== 'unpaired' && phase.kind !== 'confirming';
  if (paired !== (store.pairing() !== null)) return `the phase is ${phase.kind} but the store ${paired ? 'holds no' : 'holds a'} pairing`;
  const reported = paired && phase.kind !== 'paired';
  if (reported !== (store.zeroReport() !== null)) return `the phase is ${phase.kind} but the store ${reported ? 'holds no' : 'holds a'} zero report`;
  return null;
}
