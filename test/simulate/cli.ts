// npm run simulate -- --election FILE --section ID --voters N --booths B --seed S --out DIR [--ballots FILE]
// A whole election day over real WebSockets on loopback: writes DIR/bundle/, DIR/office.pub and
// DIR/expected.json (counted by the voter generator, or from --ballots as given, never by the count).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { attribute, formatProblems, generateDay, parseElection, seededRandom, type Election, type GeneratedDay, type GeneratedVoter, type Results } from '@seggio/ballot-core';
import { endDay, runDay } from './day.js';

const USAGE = 'usage: npm run simulate -- --election FILE --section ID --voters N --booths B --seed S --out DIR [--ballots FILE]';

function fail(message: string): never {
  console.error(`simulate: ${message}\n${USAGE}`);
  process.exit(2);
}

/** Expected counts for voters given in a file: each selection attributed by the rules, as the seat would read it. */
function dayFromBallots(election: Election, file: string): GeneratedDay {
  const voters = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((line, i) => {
    try {
      return JSON.parse(line) as GeneratedVoter;
    } catch {
      return fail(`${file}: line ${i + 1} is not JSON`);
    }
  });
  const generated = generateDay(election, election.sections[0]!.id, 0, seededRandom(0));
  const expected = structuredClone(generated.expected);
  for (const voter of voters) {
    for (const [contestId, selection] of Object.entries(voter.selections)) {
      const contest = election.contests.find((c) => c.id === contestId);
      const e = expected.contests[contestId];
      if (!contest || !e) fail(`${file}: contest ${contestId} is not in the election`);
      const a = attribute(contest, selection);
      const r = e.results as Results & Record<string, unknown>;
      if (a.outcome === 'blank') e.blank++;
      else if (a.outcome === 'invalid') fail(`${file}: a selection for ${contestId} is not one a booth can cast`);
      else if ('answer' in a) (r as Record<string, number>)[a.answer]!++;
      else if ('mayor' in a) {
        const m = r as { mayors: Record<string, { votes: number; mayorOnly: number }>; lists: Record<string, number>; preferences: Record<string, number> };
        m.mayors[a.mayor]!.votes++;
        if (a.list) m.lists[a.list]!++;
        else m.mayors[a.mayor]!.mayorOnly++;
        for (const p of a.preferences) m.preferences[p]!++;
      } else {
        const p = r as { lists: Record<string, number>; candidates: Record<string, number>; preferences: Record<string, number>; candidateOnly?: Record<string, number> };
        if (a.list) p.lists[a.list]!++;
        if (a.candidate) p.candidates[a.candidate]!++;
        if (a.candidateOnly) p.candidateOnly![a.candidate!]!++;
        for (const c of a.preferences) p.preferences[c]!++;
      }
    }
  }
  return { voters, expected };
}

const { values } = parseArgs({
  options: {
    election: { type: 'string' },
    section: { type: 'string' },
    voters: { type: 'string', default: '100' },
    booths: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    ballots: { type: 'string' },
  },
});
if (!values.election || !values.out) fail('--election and --out are required');
if (existsSync(values.out) && readdirSync(values.out).length > 0) fail(`${values.out} is not empty`);
const bytes = readFileSync(values.election);
const parsed = parseElection(bytes);
if (!parsed.ok) fail(`the election is not valid:\n${formatProblems(values.election, parsed.error).join('\n')}`);
const election = parsed.value;
const section = values.section ?? election.sections[0]!.id;
if (!election.sections.some((s) => s.id === section)) fail(`section ${section} is not in ${values.election}`);
const count = Number(values.voters);
const boothCount = Number(values.booths);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(boothCount) || boothCount < 1 || boothCount > 8) fail('--voters must be ≥ 1 and --booths from 1 to 8');
const day = values.ballots ? dayFromBallots(election, values.ballots) : generateDay(election, section, count, seededRandom(Number(values.seed)));

const started = Date.now();
const result = await runDay({ election, electionBytes: bytes, section, day, booths: boothCount, out: values.out, cancelEvery: 25 });
await endDay(result);
console.log(JSON.stringify({ bundle: result.bundle, voters: day.voters.length, booths: boothCount, seconds: (Date.now() - started) / 1000 }));
