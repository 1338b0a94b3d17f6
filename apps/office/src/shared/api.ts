// What the office service gives its staff interface and its public page: types only, no code.
import type { Problem } from './codes.js';

export type Channel = 'push' | 'upload' | 'folder';
export type SubmissionState = 'received' | 'accepted' | 'refused' | 'conflict';

export interface SexCounts {
  readonly M: number;
  readonly F: number;
  readonly T: number;
}

export interface SubmissionView {
  readonly id: number;
  readonly receivedAt: string;
  readonly channel: Channel;
  /** The file's name, or the address that pushed it. */
  readonly origin: string;
  readonly digest: string;
  readonly state: SubmissionState;
  /** Why it was refused or flagged; for an accepted one, only flags. */
  readonly problems: readonly Problem[];
  readonly section: string | null;
  readonly tallyDigest: string | null;
}

export interface SectionView {
  readonly id: string;
  readonly name: string;
  /** The accepted submission, if any. */
  readonly accepted: number | null;
  /** Accepted with no turnout from the section: counted, its set-up matched to nothing the day sent. */
  readonly unmatched: boolean;
  /** Submissions kept and flagged: a second, different one for an accepted section. */
  readonly conflicts: number;
  /** Checkpoints this section reported, in the election's order. */
  readonly turnout: readonly string[];
}

export interface CheckpointView {
  readonly id: string;
  readonly at: string;
  readonly bySex: boolean;
  /** Per contest, summed over the sections that reported it. */
  readonly contests: Readonly<Record<string, SexCounts>>;
  readonly reported: readonly string[];
  readonly missing: readonly string[];
}

export interface ContestTotals {
  readonly id: string;
  readonly title: string;
  readonly type: string;
  readonly electors: SexCounts;
  readonly voters: SexCounts;
  readonly blank: number;
  readonly invalid: number;
  readonly contested: number;
  /** Each choice by name with its votes, in the ballot's order: YES/NO, mayors, lists, candidates. */
  readonly rows: readonly { readonly group: 'answer' | 'mayor' | 'list' | 'candidate' | 'preference'; readonly id: string; readonly name: string; readonly votes: number }[];
}

export interface ResultsView {
  /** `comune` names the comune, or for the Prefettura (level `provincia`) the province. */
  readonly election: { readonly id: string; readonly title: string; readonly digest: string; readonly comune: string; readonly training: boolean; readonly level: 'comune' | 'provincia' };
  readonly sectionsTotal: number;
  readonly sectionsAccepted: number;
  readonly contests: readonly ContestTotals[];
  /** Each contest's title by its id, from the election (or the Prefettura's configuration): known before any section is in. */
  readonly titles: Readonly<Record<string, string>>;
  /** Per accepted section, its own figures (at the Prefettura: per accepted comune). */
  readonly sections: readonly { readonly id: string; readonly name: string; readonly contests: readonly ContestTotals[] }[];
  readonly turnout: readonly CheckpointView[];
  /** Changes with every accepted section or turnout: what the live page listens for. */
  readonly version: number;
}

/** The office before it has its election: intake, turnout and results closed until a package is signed. */
export interface PreparingView {
  readonly preparing: true;
  readonly publicUrl: string;
}

export interface OfficeView {
  readonly results: ResultsView;
  readonly sections: readonly SectionView[];
  readonly submissions: readonly SubmissionView[];
  readonly turnoutFlags: readonly { readonly id: number; readonly section: string; readonly checkpoint: string; readonly problems: readonly Problem[] }[];
  readonly publicUrl: string;
  /** The largest archive the office takes, in bytes: the screen refuses a larger file before sending it. */
  readonly archiveLimit: number;
  /** Files of the import folder that were not read, and why (the latest few). */
  readonly folder: readonly Problem[];
  /** The zone the staff read the office's times in: the election's. */
  readonly timeZone: string;
}

/** The Prefettura's staff view: each comune of the province and what became of each package. */
export interface PrefetturaView {
  readonly mode: 'prefettura';
  readonly results: ResultsView;
  readonly comuni: readonly { readonly id: string; readonly name: string; readonly accepted: number | null; readonly conflicts: number; readonly sectionsCounted: number; readonly sectionsTotal: number }[];
  /** Each package: `section` holds the comune's ISTAT code. */
  readonly submissions: readonly SubmissionView[];
  readonly publicUrl: string;
  readonly archiveLimit: number;
  readonly folder: readonly Problem[];
  /** Italy's: its configuration names none, and every comune of a province is in it. */
  readonly timeZone: string;
}
