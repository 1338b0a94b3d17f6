// The seat console's Api contract, shared by its service and its interfaces (DESIGN.md §2). Types only.
import type { Category, Election, PollbookDocument, RecordCheck, SectionTally, Sex } from '@seggio/ballot-core';
import type { Result } from '@seggio/crypto';

export type ConsolePhase = 'no-election' | 'setup' | 'voting' | 'closing' | 'closed' | 'counted' | 'signed';

export interface BoothTile {
  readonly id: string;
  readonly fingerprint: string;
  /** What the booth last reported: idle, in-session, closed, out-of-service … */
  readonly state: string;
  readonly connected: boolean;
  readonly zeroReport: boolean;
  readonly sealed: boolean;
  /** The session open at this booth, if any. */
  readonly session: string | null;
}

export interface ConsoleView {
  readonly phase: ConsolePhase;
  readonly election: { readonly id: string; readonly title: string; readonly digest: string; readonly training: boolean } | null;
  readonly section: string | null;
  readonly consoleFingerprint: string | null;
  readonly urnaFingerprint: string | null;
  readonly booths: readonly BoothTile[];
  /** Booths that have connected but are not paired: the president compares these fingerprints. */
  readonly pendingBooths: readonly { readonly fingerprint: string }[];
  readonly sessions: { readonly enabled: number; readonly cast: number; readonly cancelled: number; readonly open: number };
}

export interface EnableInput {
  readonly booth: string;
  readonly category: Category;
  readonly sex: Sex;
  /** The contests the voter accepts; omitted, every contest the category allows. */
  readonly accepts?: readonly string[];
  /** The voter's number on the section roll, when one was imported: refused if they already voted. */
  readonly voter?: number;
}

export interface CountOutcome {
  readonly tally: SectionTally;
  readonly checks: readonly RecordCheck[];
  readonly ok: boolean;
}

/** One method per action of the president; expected failures come back as values (DESIGN.md §2). */
export interface ConsoleApi {
  getView(): ConsoleView;
  getElection(): Election | null;
  loadElection(input: { bytes: Uint8Array; signature: Uint8Array }): Result<{ digest: string }, string[]>;
  createKeys(input: { section: string; threshold?: number; count?: number }): Promise<Result<{ shares: string[]; urnaFingerprint: string }, string>>;
  pairBooth(input: { fingerprint: string; id?: string }): Result<{ booth: string }, string>;
  openVoting(): Result<void, string>;
  enableBooth(input: EnableInput): Result<{ session: string; contests: string[] }, string>;
  cancelSession(input: { session: string }): Result<void, string>;
  recordTurnout(input: { checkpoint: string }): Result<Record<string, { M: number; F: number; T: number }>, string>;
  importRoll(input: { file: string; text: string }): Result<{ electors: number }, string[]>;
  turnoutReport(input: { checkpoint: string }): Result<string, string>;
  closeVoting(): Result<void, string>;
  reconcile(): Result<string[], string[]>;
  pollbook(): PollbookDocument;
  count(input: { shares: readonly string[] }): Promise<Result<CountOutcome, string[]>>;
  exportBundle(input: { dir: string; publicOnly?: boolean }): Promise<Result<{ files: string[] }, string[]>>;
}
