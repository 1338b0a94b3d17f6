// The seat console's Api contract, shared by its service and its interfaces (docs/design.md §1). Types only.
import type { Category, Election, OfficeAnswerProblem, PollbookDocument, RecordCheck, SectionTally, Sex } from '@seggio/ballot-core';
import type { Result } from '@seggio/crypto';
import type { BoothState } from '@seggio/link';
import type { Refusal } from './refusals.js';

/** The console's phase (docs/design.md §1, "The console's service"): reconciled once close's figures all agree, before the count. */
export type ConsolePhase = 'no-election' | 'setup' | 'voting' | 'closing' | 'closed' | 'reconciled' | 'counted' | 'signed';

export interface BoothTile {
  readonly id: string;
  readonly fingerprint: string;
  /** What the booth last confirmed of itself: ready, idle, in-session, closed, out-of-service … */
  readonly state: BoothState;
  readonly connected: boolean;
  readonly zeroReport: boolean;
  readonly sealed: boolean;
  /** The session open at this booth, if any. */
  readonly session: string | null;
  /** The booth's accessible keypad, as the booth last reported it; null when it has said nothing. */
  readonly keypad: 'connected' | 'absent' | 'error' | null;
  /** Whether the booth has its voice for the headphones, as it last reported; null when it has said nothing. */
  readonly voice: boolean | null;
  /** The booth calls the president: its voter has been still too long (R11). Ends with the session. */
  readonly calling: boolean;
}

export type Figures = { readonly M: number; readonly F: number; readonly T: number };

export interface CheckpointView {
  readonly id: string;
  readonly at: string;
  readonly bySex: boolean;
  readonly final: boolean;
  /** The figures recorded at this checkpoint, per contest; null while it is still to come. */
  readonly recorded: Readonly<Record<string, Figures>> | null;
}

/** One line of the console's event log, as the president reads it. */
export interface LogLine {
  readonly seq: number;
  readonly event: string;
  readonly detail: Readonly<Record<string, string | number>>;
}

/**
 * The public export's push to the Comune's office ("Inviare al Comune"): being sent; queued, the office not
 * reached (why, and when it is tried again); accepted by the office (when it received it); or refused,
 * with the office's reasons as it gave them (its codes and figures, at most 20).
 */
export type OfficePushView =
  | { readonly state: 'sending' }
  /** Not taken yet: the office could not be reached, or answered that it cannot take it now (and why). */
  | { readonly state: 'queued'; readonly reason: string; readonly retryAt: string | null; readonly problems: readonly OfficeAnswerProblem[] }
  /** Accepted, with the office's notes on it (a section that reported no turnout). */
  | { readonly state: 'accepted'; readonly at: string | null; readonly problems: readonly OfficeAnswerProblem[] }
  /** Refused with the office's reasons; `unreadable`: its answer, when it could not be read as one. */
  | { readonly state: 'refused'; readonly at: string | null; readonly problems: readonly OfficeAnswerProblem[]; readonly unreadable: string | null };

export interface ConsoleView {
  readonly phase: ConsolePhase;
  readonly election: { readonly id: string; readonly title: string; readonly digest: string; readonly training: boolean } | null;
  readonly section: string | null;
  /** The pinned office key that must have signed the election package. */
  readonly officeFingerprint: string;
  /** The console's machine key, which signs everything the console signs. */
  readonly consoleFingerprint: string;
  /** The console's machine id from its certificate; null until one is imported (docs/design.md §6). */
  readonly consoleMachine: string | null;
  readonly urnaFingerprint: string | null;
  readonly booths: readonly BoothTile[];
  /** Enrolled booths that have connected but are not paired: the president compares fingerprint and machine id. */
  readonly pendingBooths: readonly { readonly fingerprint: string; readonly machine: string }[];
  readonly sessions: { readonly enabled: number; readonly cast: number; readonly cancelled: number; readonly open: number };
  /** How the urna key was split; null before the keys exist. */
  readonly shares: { readonly threshold: number; readonly count: number } | null;
  /** Voters so far per contest, by sex, and the election's checkpoints. */
  readonly turnout: { readonly live: Readonly<Record<string, Figures>>; readonly checkpoints: readonly CheckpointView[] } | null;
  /** The section roll, when one was imported: its size and how many have voted. It never leaves the console. */
  readonly roll: { readonly electors: number; readonly voted: number } | null;
  /** The latest entries of the console's event log, newest last. */
  readonly log: readonly LogLine[];
  /** The count, once the shares have rebuilt the urna key. */
  readonly count: CountOutcome | null;
  /** How the push of the public export to the office stands; null with no office address or nothing written. */
  readonly officePush: OfficePushView | null;
  /** Where the bundle was written, once it was. */
  readonly exported: { readonly dir: string; readonly files: readonly string[]; readonly tallyDigest: string; readonly verify: string } | null;
  /** This section's export folder (the removable drive, when configured): turnout reports go there. */
  readonly exportDir: string;
  /** A new, empty folder in it that the console suggests for the bundle. */
  readonly bundleDir: string;
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

/** An election package found in the console's import folder (a removable drive). */
export interface PackageEntry {
  readonly file: string;
  readonly signature: boolean;
}

/** Per contest, the three counts that must agree after close (E1). */
export interface ReconciledContest {
  readonly contest: string;
  readonly ballots: number;
  readonly sessions: number;
  readonly voters: number;
}

export interface RollVoter {
  readonly number: number;
  readonly surname: string;
  readonly name: string;
  readonly sex: Sex;
  readonly category: Category;
  readonly voted: boolean;
  readonly atBooth: boolean;
}

/** The file names of an election package and of its signature. */
export interface PackageNames {
  readonly package: string;
  readonly signature: string;
}

/** One method per action of the president; expected failures come back as values (docs/design.md §1). */
export interface ConsoleApi {
  getView(): ConsoleView;
  getElection(): Election | null;
  /** `names`: the two files as the president knows them, for the refusals (election.json and its .sig unless given). */
  loadElection(input: { bytes: Uint8Array; signature: Uint8Array; names?: PackageNames }): Result<{ digest: string }, Refusal[]>;
  listPackages(): Result<PackageEntry[], Refusal>;
  loadPackage(input: { file: string }): Result<{ digest: string }, Refusal[]>;
  /** The shares are returned once, with a QR code of each (an SVG data URL) and a sheet to print (a PDF, base64), and never kept. */
  createKeys(input: { section: string; threshold?: number; count?: number }): Promise<Result<{ shares: string[]; qrCodes: string[]; pdfs: string[]; urnaFingerprint: string }, Refusal>>;
  /** The certificate files in the drive's `macchine/` folder. */
  listCertificates(): string[];
  importCertificate(input: { file: string }): Result<{ machine: string }, Refusal>;
  pairBooth(input: { fingerprint: string; id?: string }): Result<{ booth: string }, Refusal>;
  openVoting(): Result<void, Refusal>;
  enableBooth(input: EnableInput): Result<{ session: string; contests: string[] }, Refusal>;
  cancelSession(input: { session: string }): Result<void, Refusal>;
  /** `early`: the president confirmed recording it before its time (refused as checkpoint-early without). */
  recordTurnout(input: { checkpoint: string; early?: boolean }): Result<Record<string, { M: number; F: number; T: number }>, Refusal>;
  importRoll(input: { file: string; text: string }): Result<{ electors: number }, Refusal[]>;
  lookupVoter(input: { number: number }): Result<RollVoter, Refusal>;
  turnoutReport(input: { checkpoint: string }): Result<string, Refusal>;
  /** Writes a checkpoint's figures for the Prefettura into the export folder; returns the file. */
  saveTurnoutReport(input: { checkpoint: string }): Result<{ file: string }, Refusal>;
  /** `early`: the president confirmed closing before the last day's closing time (refused as close-early without). */
  closeVoting(input?: { early?: boolean }): Result<void, Refusal>;
  reconcile(): Result<ReconciledContest[], Refusal[]>;
  /** null before the keys are made. */
  pollbook(): PollbookDocument | null;
  count(input: { shares: readonly string[] }): Promise<Result<CountOutcome, Refusal[]>>;
  exportBundle(input: { dir: string; publicOnly?: boolean }): Promise<Result<{ files: string[] }, Refusal[]>>;
  /** "Inviare al Comune": the public export sent to the office again now. */
  retryOfficePush(): Result<void, Refusal>;
}
