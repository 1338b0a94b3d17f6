// The booth's Api contract, shared by its service and its interfaces (DESIGN.md §2). Types only.
import type { Election, Refusal, Selection } from '@seggio/ballot-core';
import type { Result } from '@seggio/crypto';
import type { BoothState } from '@seggio/link';

export type { BoothState };

export interface BoothView {
  readonly state: BoothState;
  readonly boothId: string | null;
  readonly section: string | null;
  readonly boothFingerprint: string;
  readonly consoleFingerprint: string | null;
  /** The voter's session while one is open: the contests they were enabled for, in scrutiny order. */
  readonly session: { readonly id: string; readonly contests: readonly string[] } | null;
  /** Why the booth is out of service. */
  readonly reason: string | null;
  readonly connected: boolean;
}

export type CastFailure =
  | { readonly code: 'no-session'; readonly message: string }
  | { readonly code: 'wrong-contests'; readonly message: string }
  | { readonly code: 'refused'; readonly contest: string; readonly refusals: readonly Refusal[] }
  /** Nothing was recorded: the store failed and the booth is out of service (R8). */
  | { readonly code: 'not-recorded'; readonly message: string };

export interface CastInput {
  readonly session: string;
  readonly selections: Readonly<Record<string, Selection>>;
}

export interface BoothApi {
  getView(): BoothView;
  getElection(): Election | null;
  /** Records all of the voter's ballots in one transaction; resolves only after the commit (R6). */
  castBallots(input: CastInput): Result<{ readonly recorded: true }, CastFailure>;
  /** The booth's screen calls the president for the session open here (its voter has been still too long), or no longer does. */
  callPresident(input: { calling: boolean }): Result<void, string>;
}
