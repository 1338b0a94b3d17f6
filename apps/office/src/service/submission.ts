// A submission's life (docs/design.md §7): received, then accepted, refused or kept as a conflict. One
// pure transition function; the store applies it and writes the state it returns, nothing else.
import type { Problem } from '../shared/codes.js';
import type { SubmissionState } from '../shared/api.js';

export type SubmissionAction =
  /** Every check holds and no other submission is counted for the section; flags are kept with it. */
  | { readonly type: 'verified'; readonly flags: readonly Problem[] }
  /** A check failed: nothing of it is counted. */
  | { readonly type: 'refused'; readonly problems: readonly Problem[] }
  /** It holds, but the section already has another accepted submission: kept, flagged, never counted. */
  | { readonly type: 'conflicts'; readonly problems: readonly Problem[] };

export type Transition = { readonly ok: true; readonly state: SubmissionState; readonly problems: readonly Problem[] } | { readonly ok: false; readonly from: SubmissionState };

export function next(state: SubmissionState, action: SubmissionAction): Transition {
  switch (state) {
    case 'received':
      switch (action.type) {
        case 'verified':
          return { ok: true, state: 'accepted', problems: action.flags };
        case 'refused':
          return { ok: true, state: 'refused', problems: action.problems };
        case 'conflicts':
          return { ok: true, state: 'conflict', problems: action.problems };
        default:
          return unreachable(action);
      }
    // Settled states are final: a submission is judged once; a new one is a new submission.
    case 'accepted':
    case 'refused':
    case 'conflict':
      return { ok: false, from: state };
    default:
      return unreachable(state);
  }
}

function unreachable(value: never): never {
  throw new Error(`not a submission state or action: ${JSON.stringify(value)}`);
}
