// What goes from a section to the Comune's office and on (docs/design.md §7): the console-signed turnout
// document, and the office-signed comune tally, whose figures are the sums of the sections it lists.
import type { ContestTally, SectionTally, SexCounts } from '../tally/types.js';
import { tallyDigest } from './bundle.js';

/** One checkpoint of one section, signed by its console when the president records it. */
export interface TurnoutDocument {
  readonly format: 'seggio/turnout@1';
  /** The election digest. */
  readonly election: string;
  readonly section: string;
  /** SHA-256 of the exact bytes of the section's setup.json: the set-up that reported this turnout. */
  readonly setup: string;
  readonly checkpoint: string;
  readonly contests: Readonly<Record<string, SexCounts>>;
}

/** A contest summed over sections: the section figures without the ballots' digest. */
export interface SummedContest {
  readonly id: string;
  readonly type: ContestTally['type'];
  readonly electors: SexCounts;
  readonly voters: SexCounts;
  readonly blank: number;
  readonly invalid: number;
  readonly contested: number;
  readonly ballots: number;
  readonly results: ContestTally['results'];
}

/** The comune's figures, signed by its office: each counted section by its tally digest, and their sums. */
export interface ComuneTally {
  readonly format: 'seggio/comune-tally@1';
  readonly election: string;
  /** The comune's ISTAT code, as in election.json. */
  readonly comune: string;
  /** How many sections the election names for the comune. */
  readonly sectionsTotal: number;
  /** Sorted by section id. */
  readonly sections: readonly { readonly section: string; readonly tallyDigest: string; readonly setup: string }[];
  readonly contests: readonly SummedContest[];
}

type Figures = number | { readonly [key: string]: Figures };

/** Adds two figure trees of the same shape, key by key (results of every contest type are such trees). */
function add(a: Figures, b: Figures): Figures {
  if (typeof a === 'number' || typeof b === 'number') {
    if (typeof a !== 'number' || typeof b !== 'number') throw new TypeError('figures of different shapes cannot be summed');
    return a + b;
  }
  const out: Record<string, Figures> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[key];
    const y = b[key];
    out[key] = x === undefined ? y! : y === undefined ? x : add(x, y);
  }
  return out;
}

const summed = (c: ContestTally): SummedContest => ({
  id: c.id, type: c.type, electors: c.electors, voters: c.voters, blank: c.blank, invalid: c.invalid, contested: c.contested, ballots: c.ballots.count, results: c.results,
});

/** Per contest, in the order of `scrutinyOrder`, the sum of the section tallies given (none: no contests). */
export function sumContests(scrutinyOrder: readonly string[], tallies: readonly Pick<SectionTally, 'contests'>[]): SummedContest[] {
  return scrutinyOrder.flatMap((id) => {
    const parts = tallies.map((t) => t.contests.find((c) => c.id === id)).filter((c): c is ContestTally => c !== undefined).map(summed);
    if (parts.length === 0) return [];
    const [first, ...rest] = parts;
    return [rest.reduce((total, c) => ({ ...total, ...(add(figuresOf(total), figuresOf(c)) as object) }), first!)];
  });
}

const figuresOf = (c: SummedContest): Figures =>
  ({ electors: c.electors, voters: c.voters, blank: c.blank, invalid: c.invalid, contested: c.contested, ballots: c.ballots, results: c.results }) as unknown as Figures;

/** The comune tally of the sections given, each with its set-up digest. */
export function comuneTally(input: {
  readonly election: string;
  readonly comune: string;
  readonly sectionsTotal: number;
  readonly scrutinyOrder: readonly string[];
  readonly sections: readonly { readonly tally: SectionTally; readonly setup: string }[];
}): ComuneTally {
  const sorted = [...input.sections].sort((a, b) => (a.tally.section < b.tally.section ? -1 : a.tally.section > b.tally.section ? 1 : 0));
  return {
    format: 'seggio/comune-tally@1',
    election: input.election,
    comune: input.comune,
    sectionsTotal: input.sectionsTotal,
    sections: sorted.map((s) => ({ section: s.tally.section, tallyDigest: tallyDigest(s.tally), setup: s.setup })),
    contests: sumContests(input.scrutinyOrder, sorted.map((s) => s.tally)),
  };
}
