// The console's life as one explicit state machine (docs/design.md §1, "The console's service"), as
// VxSuite's auth is: a phase union, an action union, one pure next(phase, action) with an exhaustive
// switch. The phase is stored as one value; the log entry of a change is derived from the phase before
// and after it.
import type { EventId, LogEntry } from '@seggio/ballot-core';
import type { ConsolePhase } from '../shared/api.js';

export type ConsoleAction =
  | { readonly type: 'load-election'; readonly digest: string }
  | { readonly type: 'open' }
  /** `early`: before the last day's closing time, as the president confirmed. */
  | { readonly type: 'close'; readonly early?: true }
  /** The last booth's seal has come. */
  | { readonly type: 'all-sealed' }
  | { readonly type: 'reconcile' }
  | { readonly type: 'count'; readonly ballots: number; readonly checks: 'all hold' | 'some fail' }
  | { readonly type: 'sign'; readonly election: string };

/** The phase after `action`, or null when the action has no place in `phase`. */
export function next(phase: ConsolePhase, action: ConsoleAction): ConsolePhase | null {
  switch (action.type) {
    case 'load-election':
      return phase === 'no-election' ? 'setup' : null;
    case 'open':
      return phase === 'setup' ? 'voting' : null;
    case 'close':
      return phase === 'voting' ? 'closing' : null;
    case 'all-sealed':
      return phase === 'closing' ? 'closed' : null;
    case 'reconcile':
      return phase === 'closed' ? 'reconciled' : null;
    case 'count':
      // Counted again, with shares given again, until the tally is signed.
      return phase === 'reconciled' || phase === 'counted' ? 'counted' : null;
    case 'sign':
      // Each bundle written signs the tally: a second one (the public export) is on the record too.
      return phase === 'counted' || phase === 'signed' ? 'signed' : null;
    default: {
      const never: never = action;
      return never;
    }
  }
}

/** The entry the event log gets for the change from `previous` to `following`, if any. */
export function transitionEntry(previous: ConsolePhase, following: ConsolePhase, action: ConsoleAction): { event: EventId; detail: LogEntry['detail'] } | null {
  // Staying put logs nothing, but for a count or a signature done again: each is on the record.
  if (previous === following && following !== 'counted' && following !== 'signed') return null;
  switch (following) {
    case 'setup':
      return action.type === 'load-election' ? { event: 'election-loaded', detail: { digest: action.digest } } : null;
    case 'voting':
      return { event: 'voting-opened', detail: {} };
    case 'closing':
      return { event: 'voting-closed', detail: action.type === 'close' && action.early ? { early: 'before-its-time' } : {} };
    case 'reconciled':
      return { event: 'reconciled', detail: {} };
    case 'counted':
      return action.type === 'count' ? { event: 'count-completed', detail: { disposition: 'success', ballots: action.ballots, checks: action.checks } } : null;
    case 'signed':
      return action.type === 'sign' ? { event: 'tally-signed', detail: { election: action.election } } : null;
    // The seals are logged one by one as they come; the last one closes nothing more.
    case 'closed':
    case 'no-election':
      return null;
    default: {
      const never: never = following;
      return never;
    }
  }
}
