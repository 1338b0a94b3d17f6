// What the office's preparation of the day gives its staff interface (docs/election-package.md, docs/design.md
// §6): the package built from the spreadsheets, signed and written to the drive, and the machines enrolled.
// Types and codes only; the builder's and enrolment's own codes come from the CLI, which does both.
import type { BuildProblem, EnrolProblem } from '@seggio/cli/codes';

/** The office's own refusals around the package and the drive, in the pattern of codes.ts. */
export const PREPARATION_CODES = {
  'no-drive': [],
  'nothing-built': [],
  'not-signed': [],
  'drive-write': ['file', 'reason'],
  'drive-too-many': ['folder', 'limit'],
  'request-unknown': ['file'],
  // Once the office has its election, its store is that election's and its package final: another is not built there.
  'office-other-election': ['digest', 'officeDigest'],
  // Machines are enrolled for a comune: the office's election's, or the package's being prepared.
  'no-comune': [],
  // The staff did not give the end of the fingerprint the machine shows, or gave another.
  'fingerprint-unconfirmed': ['file', 'machine'],
} as const satisfies Record<string, readonly string[]>;

export type PreparationCode = keyof typeof PREPARATION_CODES;

/** How many of a fingerprint's last characters the staff type, read on the machine's screen, to enrol it. */
export const CONFIRM_CHARACTERS = 4;

export type OfficePreparationProblem = {
  [C in PreparationCode]: { readonly code: C; readonly params: { readonly [P in (typeof PREPARATION_CODES)[C][number]]: string } };
}[PreparationCode];

export type PreparationProblem = BuildProblem | EnrolProblem | OfficePreparationProblem;

export interface RulesView {
  readonly contest: string;
  readonly type: string;
  readonly maxPreferences: number;
  readonly preferencesBySex: boolean;
  readonly splitVote: boolean;
}

export interface PackageView {
  /** Nothing yet; built from the spreadsheets; signed by the office key; written to the drive. */
  readonly state: 'none' | 'built' | 'signed' | 'written';
  readonly title: string | null;
  readonly comune: string | null;
  readonly training: boolean;
  /** sha256 of election.json's bytes, as signed. */
  readonly digest: string | null;
  readonly contests: readonly { readonly id: string; readonly type: string; readonly title: string }[];
  readonly sections: number;
  readonly rules: readonly RulesView[];
  readonly signer: string | null;
  readonly signedAt: string | null;
  /** The files written to the drive, relative to it. */
  readonly written: readonly string[];
  /** Whether the office was started with a removable drive (--drive). */
  readonly drive: boolean;
  readonly builtAt: string | null;
  /** The folder the package shown was built from, as read. */
  readonly folder: readonly { readonly name: string; readonly bytes: number }[];
  /** The problems of the last build asked for: none once a folder built. */
  readonly problems: readonly PreparationProblem[];
  /** When the last folder read was refused: the package shown, if any, is an earlier one, not built from it. */
  readonly refusedAt: string | null;
  /** The digest of the office's election, once it has one (the first package signed, or --election). */
  readonly officeElection: string | null;
  /** The zone the staff read the times in: the package's, else the office's election's, else Italy's. */
  readonly timeZone: string;
}

export interface RequestView {
  /** The request's file in the drive's richieste/ folder. */
  readonly file: string;
  readonly role: 'console' | 'booth' | null;
  readonly machine: string | null;
  /** The fingerprint to compare with the one the machine shows. */
  readonly fingerprint: string | null;
  readonly state: 'waiting' | 'enrolled' | 'refused';
  readonly problem: PreparationProblem | null;
}

export interface MachineView {
  readonly role: 'console' | 'booth';
  readonly machine: string;
  readonly fingerprint: string;
}

export interface MachinesView {
  /** Null until the office knows its comune: from its election, or from the package being prepared. */
  readonly comune: string | null;
  readonly requests: readonly RequestView[];
  readonly enrolled: readonly MachineView[];
  /** Certificates of the register that do not hold, and the drive's files not read. */
  readonly problems: readonly PreparationProblem[];
  readonly drive: boolean;
}

export type Answer<T> = { readonly ok: true; readonly view: T } | { readonly ok: false; readonly problems: readonly PreparationProblem[] };
