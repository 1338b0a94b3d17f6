// A comune's totals are the sums of its sections' tallies, whatever the contest type.
import { describe, expect, it } from 'vitest';
import { comuneTally, generateDay, seededRandom, tallyDigest, tallySection, type Election } from '../src/index.js';
import { loadElection, pollbookFor } from './fixtures.js';
import { politiche } from './politiche.js';

function sectionTally(election: Election, section: string, voters: number, seed: number) {
  const day = generateDay(election, section, voters, seededRandom(seed));
  const ballots: Record<string, { h: string; selection: unknown }[]> = {};
  day.voters.forEach((v, i) => {
    for (const [contest, selection] of Object.entries(v.selections)) (ballots[contest] ??= []).push({ h: (i * 16 + contest.length).toString(16).padStart(64, '0'), selection });
  });
  const pollbook = pollbookFor(election, day.voters);
  const castSessions = Object.fromEntries(Object.entries(pollbook.contests).map(([id, c]) => [id, c.voters.T]));
  return tallySection({ election, electionDigest: 'e'.repeat(64), section, pollbook, ballots, castSessions }).tally;
}

describe.each([
  ['sanvalle-2020', loadElection('sanvalle-2020')],
  ['rivafonda-2020', loadElection('rivafonda-2020')],
  ['politiche', politiche()],
])('the comune tally of %s', (_name, election) => {
  it('sums every figure of the sections it lists and names each by its tally digest', () => {
    const [a, b] = election.sections.length > 1 ? [election.sections[0]!.id, election.sections[1]!.id] : [election.sections[0]!.id, election.sections[0]!.id];
    const one = sectionTally(election, a, 40, 1);
    const two = { ...sectionTally(election, a, 30, 2), section: b === a ? `${a}-bis` : b };
    const doc = comuneTally({ election: 'e'.repeat(64), comune: election.comune.istat, sectionsTotal: election.sections.length, scrutinyOrder: election.scrutinyOrder, sections: [{ tally: two, setup: 's2' }, { tally: one, setup: 's1' }] });
    expect(doc.sections.map((s) => s.tallyDigest)).toEqual([one, two].sort((x, y) => (x.section < y.section ? -1 : 1)).map(tallyDigest));
    for (const contest of doc.contests) {
      const x = one.contests.find((c) => c.id === contest.id)!;
      const y = two.contests.find((c) => c.id === contest.id)!;
      expect(contest.voters.T).toBe(x.voters.T + y.voters.T);
      expect(contest.ballots).toBe(x.ballots.count + y.ballots.count);
      expect(contest.blank).toBe(x.blank + y.blank);
      const leaves = (r: unknown, path = ''): [string, number][] => (typeof r === 'number' ? [[path, r]] : Object.entries(r as object).flatMap(([k, v]) => leaves(v, `${path}.${k}`)));
      const expected = new Map(leaves(x.results));
      for (const [path, n] of leaves(y.results)) expected.set(path, (expected.get(path) ?? 0) + n);
      expect(new Map(leaves(contest.results))).toEqual(expected);
    }
    expect(doc.contests.map((c) => c.id)).toEqual(election.scrutinyOrder);
  });
});
