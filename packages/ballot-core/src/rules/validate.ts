// Whether a booth may cast a selection, and why not. Stricter than the scrutiny: anything the seat
// would void or invalidate is prevented at the booth instead, with the reason shown (docs/election-rules.md).
import { err, ok, type Result } from '@seggio/crypto';
import type { Contest } from '../election/schema.js';
import type { Selection } from '../selection.js';
import { scrutinise, scrutiniseShaped, type Attribution, type InvalidReason, type Scrutiny, type VoidReason } from './scrutiny.js';

export type RefusalCode = InvalidReason | VoidReason | 'empty';

export interface Refusal {
  /** For the booth's message catalogue. */
  readonly code: RefusalCode;
  /** The candidate concerned, for preference refusals. */
  readonly candidate?: string;
  /** In English, for logs and developers; voters read the catalogue's text. */
  readonly message: string;
}

const MESSAGES: Record<RefusalCode, string> = {
  malformed: 'the selection does not have the shape this contest takes',
  'unknown-id': 'the selection names a mayor, list or candidate that is not on this ballot',
  'split-vote-not-allowed': 'a split vote (mayor of one list, another list) is allowed only in comuni over 15,000 inhabitants',
  'candidate-list-not-linked': 'the list chosen does not support the candidate chosen',
  'candidate-not-allowed': 'this ballot has no single-member candidates',
  duplicate: 'the same candidate is given two preferences',
  'outside-list': 'a preference may go only to a candidate of the list voted',
  'too-many': 'more preferences than this ballot allows',
  'same-sex': 'the preferences must be for candidates of different sex',
  'not-allowed': 'this ballot takes no preferences',
  empty: 'nothing is chosen: choose, or cast an explicit blank ballot',
};

export function validate(contest: Contest, selection: unknown): Result<Attribution, Refusal[]> {
  return refusals(scrutinise(contest, selection));
}

/** As validate, for a selection that already has this contest's shape (see scrutiniseShaped). */
export function validateShaped(contest: Contest, selection: Selection): Result<Attribution, Refusal[]> {
  return refusals(scrutiniseShaped(contest, selection));
}

function refusals(scrutiny: Scrutiny): Result<Attribution, Refusal[]> {
  if (scrutiny.invalid) return err([{ code: scrutiny.invalid, message: MESSAGES[scrutiny.invalid] }]);
  if (scrutiny.empty) return err([{ code: 'empty', message: MESSAGES.empty }]);
  if (scrutiny.voided.length > 0) {
    return err(scrutiny.voided.map((v) => ({ code: v.reason, candidate: v.candidate, message: `${v.candidate}: ${MESSAGES[v.reason]}` })));
  }
  return ok(scrutiny.attribution);
}

/** What a selection counts for, as the seat would read it (invalid and void included). */
export function attribute(contest: Contest, selection: unknown): Attribution {
  return scrutinise(contest, selection).attribution;
}
