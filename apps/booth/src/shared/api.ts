// The booth's Api contract, shared by its service and its interfaces (docs/design.md §1). Types only.
import type { Election, Refusal, Selection } from '@seggio/ballot-core';
import type { Result } from '@seggio/crypto';
import type { BoothState, Figures, OutOfServiceCode } from '@seggio/link';

export type { BoothState };

export interface BoothView {
  readonly state: BoothState;
  readonly boothId: string | null;
  readonly section: string | null;
  readonly boothFingerprint: string;
  /** The booth's machine id from its certificate; null until one is imported (docs/design.md §6). */
  readonly machine: string | null;
  readonly consoleFingerprint: string | null;
  readonly consoleMachine: string | null;
  /** A console's set-up that holds, waiting for the president to confirm the console on the booth. */
  readonly pendingConsole: { readonly machine: string; readonly fingerprint: string } | null;
  /** What the president last needs to read on the booth, said in the booth's language from its code. */
  readonly notice: BoothNotice | null;
  /** The voter's session while one is open: the contests they were enabled for, in scrutiny order. */
  readonly session: { readonly id: string; readonly contests: readonly string[] } | null;
  /** Why the booth is out of service: a code of the link's catalogue, said in the booth's language. */
  readonly reason: OutOfService | null;
  readonly connected: boolean;
}

/**
 * A certificate imported or refused, a console refused: `certificate-<reason>` (the drive's file),
 * `console-<reason>` (the set-up's console), `booth-unenrolled`, with the figures to show.
 */
export interface BoothNotice {
  readonly code: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Why the booth stopped taking votes (R8): what failed, and what the disk said (`reason`). */
export interface OutOfService {
  readonly code: OutOfServiceCode;
  readonly params: Figures;
}

export type CastFailure =
  | { readonly code: 'no-session'; readonly message: string }
  | { readonly code: 'wrong-contests'; readonly message: string }
  | { readonly code: 'refused'; readonly contest: string; readonly refusals: readonly Refusal[] }
  /** Nothing was recorded: the store failed and the booth is out of service (R8). */
  | { readonly code: 'not-recorded'; readonly reason: OutOfService };

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
  /** The certificate files on the drive, and the import of one of them (refused with its reason). */
  listCertificates(): string[];
  importCertificate(input: { file: string }): Result<{ machine: string }, BoothNotice>;
  /** The president's answer, on the booth, to the console's machine id and fingerprint. */
  confirmConsole(input: { accept: boolean }): Result<void, string>;
}
