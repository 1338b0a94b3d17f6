// The record checks C1–C8 and E1 (docs/election-rules.md), each on its failing side: an honest day passes them all,
// and a record changed in the one figure a check guards fails that check, with its figures said.
import { describe, expect, it } from 'vitest';
import { recordChecks, type CheckId, type ContestTally, type MunicipalResults, type PartyListResults, type ReferendumResults, type SectionTally, type TallyInput } from '../src/index.js';
import { loadElection, tallyDay } from './fixtures.js';
import { politiche } from './politiche.js';

const clone = <T>(x: T): T => structuredClone(x);
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** An honest day on the election, and the checks that fail once `change` has edited its record or its input. */
function failing(election: ReturnType<typeof loadElection>, change: (tally: { contests: Writable<ContestTally>[] }, input: Writable<TallyInput>) => void) {
  const honest = tallyDay(election, 40, 3);
  expect(honest.checks.filter((c) => !c.ok)).toEqual([]);
  const tally = clone(honest.tally) as SectionTally & { contests: Writable<ContestTally>[] };
  const input = { ...honest.input, pollbook: clone(honest.input.pollbook), castSessions: { ...honest.input.castSessions } };
  change(tally, input);
  return recordChecks(input, tally).filter((c) => !c.ok);
}
const ids = (checks: { check: CheckId; contest: string }[]) => checks.map((c) => `${c.check} ${c.contest}`);

const sanvalle = loadElection('sanvalle-2020');
const rivafonda = loadElection('rivafonda-2020');
const byType = (t: { contests: ContestTally[] }, type: ContestTally['type']) => t.contests.find((c) => c.type === type)!;

describe('the record checks, on their failing side', () => {
  it('C1: voters by sex that do not add up to the total', () => {
    const failed = failing(sanvalle, (t) => (t.contests[0]!.voters = { ...t.contests[0]!.voters, M: t.contests[0]!.voters.M + 1 }));
    expect(ids(failed)).toEqual([`C1 ${sanvalle.scrutinyOrder[0]}`, `C8 ${sanvalle.scrutinyOrder[0]}`]);
    expect(failed[0]!.detail).toMatch(/^voters M \d+ \+ F \d+ ≠ T \d+/);
  });

  it('C1: electors by sex that do not add up to the total', () => {
    const failed = failing(sanvalle, (t) => (t.contests[0]!.electors = { ...t.contests[0]!.electors, T: t.contests[0]!.electors.T + 1 }));
    expect(ids(failed)).toEqual([`C1 ${sanvalle.scrutinyOrder[0]}`]);
  });

  it('C2: more voters than electors and admitted voters', () => {
    const failed = failing(sanvalle, (t) => (t.contests[0]!.electors = { M: 1, F: 0, T: 1 }));
    expect(ids(failed)).toEqual([`C2 ${sanvalle.scrutinyOrder[0]}`]);
    expect(failed[0]!.detail).toMatch(/^voters \d+ > electors 1 \+ admitted non-roll voters 0$/);
  });

  it('C3: referendum answers and blank ballots that are not the voters', () => {
    const failed = failing(sanvalle, (t) => ((byType(t, 'referendum').results as ReferendumResults).YES += 1));
    expect(failed.map((c) => c.check)).toEqual(['C3']);
  });

  it('C4: mayor votes and blank ballots that are not the voters', () => {
    const failed = failing(sanvalle, (t) => {
      const municipal = byType(t, 'municipal');
      const r = municipal.results as MunicipalResults;
      const mayor = Object.keys(r.mayors)[0]!;
      r.mayors[mayor] = { ...r.mayors[mayor]!, votes: r.mayors[mayor]!.votes + 1 };
    });
    expect(failed.map((c) => c.check)).toEqual(['C4', 'C5']);
  });

  it('C4: list votes of a European contest that are not the voters', () => {
    const election = politiche();
    const failed = failing(election, (t) => {
      const r = byType(t, 'european').results as PartyListResults;
      r.lists[Object.keys(r.lists)[0]!]! += 1;
    });
    expect(failed.map((c) => c.check)).toEqual(['C4']);
  });

  it("C5 (15,000 inhabitants or fewer): a list's votes that are not its mayor's", () => {
    const failed = failing(sanvalle, (t) => {
      const r = byType(t, 'municipal').results as MunicipalResults;
      r.lists[Object.keys(r.lists)[0]!]! += 1;
    });
    expect(failed.map((c) => c.check)).toEqual(['C5']);
    expect(failed[0]!.detail).toMatch(/^list \S+ has \d+ votes, its mayor \S+ \d+$/);
  });

  it('C6 (over 15,000): mayor votes that are not list votes plus mayor-only votes', () => {
    const failed = failing(rivafonda, (t) => {
      const r = byType(t, 'municipal').results as MunicipalResults;
      const mayor = Object.keys(r.mayors)[0]!;
      r.mayors[mayor] = { ...r.mayors[mayor]!, mayorOnly: r.mayors[mayor]!.mayorOnly + 1 };
    });
    expect(failed.map((c) => c.check)).toEqual(['C6']);
  });

  it("C7: a candidate with more preferences than the list's votes", () => {
    const failed = failing(sanvalle, (t) => {
      const contest = sanvalle.contests.find((c) => c.type === 'municipal')!;
      const list = contest.type === 'municipal' ? contest.lists[0]! : null;
      const r = byType(t, 'municipal').results as MunicipalResults;
      r.preferences[list!.candidates[0]!.id] = (r.lists[list!.id] ?? 0) + 1;
    });
    expect(failed.map((c) => c.check)).toEqual(['C7']);
  });

  it('C8: turnout that falls from one checkpoint to the next', () => {
    const failed = failing(sanvalle, (_t, input) => {
      const final = input.pollbook.turnout.at(-1)!;
      const first = sanvalle.turnoutCheckpoints[0]!.id;
      const more = Object.fromEntries(Object.entries(final.contests).map(([id, f]) => [id, { M: f.M + 1, F: f.F, T: f.T + 1 }]));
      input.pollbook = { ...input.pollbook, turnout: [{ checkpoint: first, contests: more }, final] };
    });
    expect(failed.map((c) => c.check)).toEqual(sanvalle.scrutinyOrder.map(() => 'C8'));
    expect(failed[0]!.detail).toMatch(/^M fell from \d+ at \S+ to \d+ at \S+; T fell from/);
  });

  it('C8: a final checkpoint that is not the voters', () => {
    const failed = failing(sanvalle, (_t, input) => {
      const final = input.pollbook.turnout.at(-1)!;
      const off = Object.fromEntries(Object.entries(final.contests).map(([id, f]) => [id, { M: f.M, F: f.F + 1, T: f.T + 1 }]));
      input.pollbook = { ...input.pollbook, turnout: [{ checkpoint: final.checkpoint, contests: off }] };
    });
    expect(failed.map((c) => c.check)).toEqual(sanvalle.scrutinyOrder.map(() => 'C8'));
    expect(failed[0]!.detail).toMatch(/^the final checkpoint \S+ reports F \d+, the poll book \d+; the final checkpoint \S+ reports T/);
  });

  it('E1: ballots, cast sessions and voters that differ', () => {
    const failed = failing(sanvalle, (_t, input) => (input.castSessions = { ...input.castSessions, [sanvalle.scrutinyOrder[0]!]: 0 }));
    expect(ids(failed)).toEqual([`E1 ${sanvalle.scrutinyOrder[0]}`]);
  });
});
