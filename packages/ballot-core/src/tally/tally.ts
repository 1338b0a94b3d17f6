// The count: every ballot attributed by the scrutiny rules, added up per contest in scrutiny order.
import { concatBytes, fromHex, pureCrypto, toHex } from '@seggio/crypto';
import type { Contest, Election } from '../election/schema.js';
import { plaintextLength } from '../plaintext.js';
import { scrutinise, type Attribution } from '../rules/scrutiny.js';
import { recordChecks } from './checks.js';
import type { ContestTally, MunicipalResults, PartyListResults, RecordCheck, ReferendumResults, Results, SectionTally, SexCounts, TallyInput } from './types.js';

const zeroes = (ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, 0])) as Record<string, number>;

/** SHA-256 of the raw `h` values in ascending order (docs/bundle-format.md); hex. */
export function ballotsDigest(hashes: readonly string[]): string {
  return toHex(pureCrypto.sha256(concatBytes(...[...hashes].sort().map(fromHex))));
}

/** The electors of a section who may vote in a contest, by sex. */
export function electorsFor(election: Election, sectionId: string, contest: Contest): SexCounts {
  const section = election.sections.find((s) => s.id === sectionId);
  if (!section) throw new RangeError(`section "${sectionId}" is not in election ${election.id}`);
  let M = 0;
  let F = 0;
  for (const category of contest.eligibility) {
    M += section.electors[category]?.M ?? 0;
    F += section.electors[category]?.F ?? 0;
  }
  return { M, F, T: M + F };
}

function emptyResults(contest: Contest): Results {
  switch (contest.type) {
    case 'referendum':
      return { YES: 0, NO: 0 };
    case 'municipal':
      return {
        mayors: Object.fromEntries(contest.mayors.map((m) => [m.id, { votes: 0, mayorOnly: 0 }])),
        lists: zeroes(contest.lists.map((l) => l.id)),
        preferences: zeroes(contest.lists.flatMap((l) => l.candidates.map((c) => c.id))),
      };
    case 'european':
    case 'camera':
    case 'senato': {
      const people = contest.type === 'european' ? [] : contest.candidates.map((c) => c.id);
      return {
        lists: zeroes(contest.lists.map((l) => l.id)),
        candidates: zeroes(people),
        preferences: zeroes(contest.type === 'european' ? contest.lists.flatMap((l) => l.candidates.map((c) => c.id)) : []),
        ...(contest.type === 'european' ? {} : { candidateOnly: zeroes(people) }),
      };
    }
  }
}

function countContest(input: TallyInput, contest: Contest): ContestTally {
  const ballots = input.ballots[contest.id] ?? [];
  const results = emptyResults(contest);
  let blank = 0;
  let invalid = 0;
  // The scrutiny is a pure function of a selection, which nothing here changes: a selection object met
  // again (the count gives one object to every ballot of the same bytes) is not read again.
  const attributed = new Map<unknown, Attribution>();
  for (const ballot of ballots) {
    let a = attributed.get(ballot.selection);
    if (!a) attributed.set(ballot.selection, (a = scrutinise(contest, ballot.selection).attribution));
    if (a.outcome === 'blank') blank++;
    else if (a.outcome === 'invalid') invalid++;
    else if ('answer' in a) (results as ReferendumResults)[a.answer]++;
    else if ('mayor' in a) {
      const r = results as MunicipalResults;
      r.mayors[a.mayor]!.votes++;
      if (a.list === null) r.mayors[a.mayor]!.mayorOnly++;
      else r.lists[a.list]!++;
      for (const p of a.preferences) r.preferences[p]!++;
    } else {
      const r = results as PartyListResults;
      if (a.list !== null) r.lists[a.list]!++;
      if (a.candidate !== null) r.candidates[a.candidate]!++;
      if (a.candidateOnly) r.candidateOnly![a.candidate!]!++;
      for (const p of a.preferences) r.preferences[p]!++;
    }
  }
  const voters = input.pollbook.contests[contest.id]?.voters ?? { M: 0, F: 0, T: 0 };
  return {
    id: contest.id,
    type: contest.type,
    electors: electorsFor(input.election, input.section, contest),
    voters,
    blank,
    invalid,
    contested: 0,
    ballots: { count: ballots.length, ballotsDigest: ballotsDigest(ballots.map((b) => b.h)), plaintextLength: plaintextLength(contest) },
    results,
  };
}

export interface TallyOutcome {
  readonly tally: SectionTally;
  readonly checks: readonly RecordCheck[];
  /** True when every check holds: only then may the console sign (R17, docs/election-rules.md). */
  readonly ok: boolean;
}

/** Counts a section: the tally in scrutiny order, and every record check with its figures. */
export function tallySection(input: TallyInput): TallyOutcome {
  const byId = new Map(input.election.contests.map((c) => [c.id, c]));
  const contests = input.election.scrutinyOrder.map((id) => countContest(input, byId.get(id)!));
  const tally: SectionTally = {
    format: 'seggio/tally@1',
    election: input.electionDigest,
    section: input.section,
    contests,
    turnout: input.pollbook.turnout,
  };
  const checks = recordChecks(input, tally);
  return { tally, checks, ok: checks.every((c) => c.ok) };
}
