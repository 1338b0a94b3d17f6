// Any random valid day of ballots tallies to exactly what the generator cast (property tests).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDay, parseElection, seededRandom, tallySection, type Election } from '../src/index.js';
import { loadElection, pollbookFor } from './fixtures.js';
import { politiche } from './politiche.js';

const elections: [string, Election][] = [
  ['referendum-2020', loadElection('referendum-2020')],
  ['sanvalle-2020 (municipal under 15,000)', loadElection('sanvalle-2020')],
  ['rivafonda-2020 (municipal over 15,000)', loadElection('rivafonda-2020')],
  ['Camera, Senato and European', politiche()],
];

describe('the politiche test election', () => {
  it('is a valid seggio/election@1', () => {
    const result = parseElection(JSON.stringify(politiche()));
    expect(result.ok ? [] : result.error).toEqual([]);
  });
});

describe.each(elections)('tallying a random day: %s', (_name, election) => {
  const section = election.sections[0]!.id;
  it('gives exactly what the generator cast, and every record check holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 250 }), (seed, count) => {
        const day = generateDay(election, section, count, seededRandom(seed));
        const ballots: Record<string, { h: string; selection: unknown }[]> = {};
        // Every other day, the ballots of one selection share one object, as the count gives them.
        const shared = new Map<string, unknown>();
        const one = (selection: unknown) => {
          const key = JSON.stringify(selection);
          if (seed % 2 === 0 && !shared.has(key)) shared.set(key, selection);
          return seed % 2 === 0 ? shared.get(key) : selection;
        };
        day.voters.forEach((v, i) => {
          for (const [contest, selection] of Object.entries(v.selections)) {
            (ballots[contest] ??= []).push({ h: (i * 16 + contest.length).toString(16).padStart(64, '0'), selection: one(selection) });
          }
        });
        const pollbook = pollbookFor(election, day.voters);
        const castSessions = Object.fromEntries(Object.entries(pollbook.contests).map(([id, c]) => [id, c.voters.T]));
        const outcome = tallySection({ election, electionDigest: 'e'.repeat(64), section, pollbook, ballots, castSessions });
        expect(outcome.checks.filter((c) => !c.ok)).toEqual([]);
        for (const t of outcome.tally.contests) {
          expect({ blank: t.blank, results: t.results }).toEqual(day.expected.contests[t.id]);
          expect(t.invalid).toBe(0);
        }
      }),
      { numRuns: 40 },
    );
  });
});
