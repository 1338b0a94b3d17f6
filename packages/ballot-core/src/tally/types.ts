// The section tally of docs/bundle-format.md and what it is computed from.
import type { Election } from '../election/schema.js';

export interface SexCounts {
  readonly M: number;
  readonly F: number;
  readonly T: number;
}

export interface TurnoutReport {
  readonly checkpoint: string;
  readonly contests: Readonly<Record<string, SexCounts>>;
}

/** The console's poll book (`seggio/pollbook@1`): who voted, never how. */
export interface Pollbook {
  readonly format: 'seggio/pollbook@1';
  readonly contests: Readonly<Record<string, { readonly voters: SexCounts; readonly admitted?: SexCounts }>>;
  readonly sessions: { readonly enabled: number; readonly cast: number; readonly cancelled: number };
  readonly turnout: readonly TurnoutReport[];
}

/** A ballot taken out of the box and decrypted: its `h` and what it said. */
export interface CountedBallot {
  readonly h: string;
  readonly selection: unknown;
}

export interface TallyInput {
  readonly election: Election;
  /** Hex SHA-256 of the exact bytes of election.json. */
  readonly electionDigest: string;
  readonly section: string;
  readonly pollbook: Pollbook;
  /** Per contest id, every ballot in the box. */
  readonly ballots: Readonly<Record<string, readonly CountedBallot[]>>;
  /** Per contest id, the voting sessions that cast it (from the console's sessions and booth seals). */
  readonly castSessions: Readonly<Record<string, number>>;
}

export interface ReferendumResults {
  YES: number;
  NO: number;
}
export interface MunicipalResults {
  mayors: Record<string, { votes: number; mayorOnly: number }>;
  lists: Record<string, number>;
  preferences: Record<string, number>;
}
export interface PartyListResults {
  lists: Record<string, number>;
  candidates: Record<string, number>;
  preferences: Record<string, number>;
  /** Camera and Senato: votes for a single-member candidate alone, shared pro rata among the coalition later. */
  candidateOnly?: Record<string, number>;
}
export type Results = ReferendumResults | MunicipalResults | PartyListResults;

export interface ContestTally {
  readonly id: string;
  readonly type: Election['contests'][number]['type'];
  readonly electors: SexCounts;
  readonly voters: SexCounts;
  readonly blank: number;
  readonly invalid: number;
  readonly contested: number;
  readonly ballots: { readonly count: number; readonly ballotsDigest: string; readonly plaintextLength: number };
  readonly results: Results;
}

/** tally.json without `files` and `logHead`, which the console adds when it writes the bundle. */
export interface SectionTally {
  readonly format: 'seggio/tally@1';
  readonly election: string;
  readonly section: string;
  readonly contests: readonly ContestTally[];
  readonly turnout: readonly TurnoutReport[];
}

export type CheckId = 'C1' | 'C2' | 'C3' | 'C4' | 'C5' | 'C6' | 'C7' | 'C8' | 'E1';

/** One way the turnout reports fail C8. */
export type TurnoutProblem =
  | { readonly problem: 'unknown-checkpoint'; readonly checkpoint: string }
  | { readonly problem: 'out-of-order'; readonly checkpoint: string }
  | { readonly problem: 'fell'; readonly sex: keyof SexCounts; readonly from: number; readonly at: string; readonly to: number; readonly checkpoint: string }
  | { readonly problem: 'final-missing'; readonly checkpoint: string }
  | { readonly problem: 'final-differs'; readonly sex: keyof SexCounts; readonly checkpoint: string; readonly reported: number; readonly voters: number };

/** Blank, invalid and contested ballots: the part of every ballot sum that is not a vote. */
interface NotVotes {
  readonly blank: number;
  readonly invalid: number;
  readonly contested: number;
}

/** The figures each check compares, so any interface can say them in its own language. */
export interface CheckFigures {
  readonly C1: { readonly voters: SexCounts; readonly electors: SexCounts };
  readonly C2: { readonly voters: number; readonly electors: number; readonly admitted: number };
  readonly C3: NotVotes & { readonly yes: number; readonly no: number; readonly total: number; readonly voters: number };
  /** `counted`: what the votes are for (mayors, lists, or single-member candidates). */
  readonly C4: NotVotes & { readonly counted: 'mayors' | 'lists' | 'candidates'; readonly votes: number; readonly total: number; readonly voters: number };
  /** Ids from the election: each list whose votes differ from its mayor's. */
  readonly C5: { readonly mismatches: readonly { readonly list: string; readonly listVotes: number; readonly mayor: string; readonly mayorVotes: number }[] };
  readonly C6: { readonly mayors: number; readonly lists: number; readonly mayorOnly: number };
  /** Ids from the election: each candidate with more preferences than the list's votes. */
  readonly C7: { readonly over: readonly { readonly candidate: string; readonly preferences: number; readonly list: string; readonly listVotes: number }[] };
  /** `final`: the final checkpoint's id ('' if the election has none). */
  readonly C8: { readonly final: string; readonly voters: number; readonly problems: readonly TurnoutProblem[] };
  readonly E1: { readonly ballots: number; readonly sessions: number; readonly voters: number };
}

/** A check, whether it holds, and its figures. */
export type CheckOutcome = {
  readonly [K in CheckId]: { readonly check: K; readonly ok: boolean; readonly figures: CheckFigures[K] };
}[CheckId];

/** One record check (docs/election-rules.md "The record and its checks") on one contest. */
export type RecordCheck = CheckOutcome & {
  readonly contest: string;
  /** What was compared, in English, with the figures: "YES 16949 + NO 9109 + … = 26210 = voters 26210". */
  readonly detail: string;
};
