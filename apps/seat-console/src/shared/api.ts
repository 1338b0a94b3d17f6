// The seat console's Api contract, shared by its service and its interfaces (DESIGN.md §2). Types only.
import type { Category, RecordCheck, SectionTally, Sex } from '@seggio/ballot-core';

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
}

export interface CountOutcome {
  readonly tally: SectionTally;
  readonly checks: readonly RecordCheck[];
  readonly ok: boolean;
}
