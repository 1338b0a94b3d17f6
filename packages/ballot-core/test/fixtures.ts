// Loaders for the repository's fixtures/ and data/ folders: the fixture elections and real data.
import { readFileSync } from 'node:fs';
import { generateDay, parseElection, seededRandom, tallySection, type Election, type GeneratedVoter, type Pollbook, type SexCounts, type TallyInput, type TallyOutcome } from '../src/index.js';

export const ROOT = new URL('../../../', import.meta.url);

export function fixtureBytes(name: string): Buffer {
  return readFileSync(new URL(`fixtures/${name}`, ROOT));
}

export function loadElection(name: string): Election {
  const parsed = parseElection(fixtureBytes(`${name}.election.json`));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.error)}`);
  return parsed.value;
}

/** Rows of data/referendum-2020-comuni.csv as objects keyed by its header. */
export function referendumRows(): Record<string, string>[] {
  const [header, ...lines] = readFileSync(new URL('data/referendum-2020-comuni.csv', ROOT), 'utf8').trim().split(/\r?\n/);
  const keys = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i]!, v])));
}

/** The poll book the console would keep for these voters. */
export function pollbookFor(election: Election, voters: readonly GeneratedVoter[]): Pollbook {
  const contests: Record<string, { voters: SexCounts }> = {};
  for (const c of election.contests) {
    const who = voters.filter((v) => c.id in v.selections);
    const M = who.filter((v) => v.sex === 'M').length;
    contests[c.id] = { voters: { M, F: who.length - M, T: who.length } };
  }
  const final = election.turnoutCheckpoints.at(-1)!.id;
  return {
    format: 'seggio/pollbook@1',
    contests,
    sessions: { enabled: voters.length, cast: voters.length, cancelled: 0 },
    turnout: [{ checkpoint: final, contests: Object.fromEntries(Object.entries(contests).map(([id, c]) => [id, c.voters])) }],
  };
}

/** A generated day of `count` voters in the election's first section, tallied as the console would, with what it was tallied from. */
export function tallyDay(election: Election, count: number, seed: number): TallyOutcome & { input: TallyInput } {
  const section = election.sections[0]!.id;
  const day = generateDay(election, section, count, seededRandom(seed));
  const ballots: Record<string, { h: string; selection: unknown }[]> = {};
  day.voters.forEach((v, i) => {
    for (const [contest, selection] of Object.entries(v.selections)) (ballots[contest] ??= []).push({ h: (i * 16 + contest.length).toString(16).padStart(64, '0'), selection });
  });
  const pollbook = pollbookFor(election, day.voters);
  const castSessions = Object.fromEntries(Object.entries(pollbook.contests).map(([id, c]) => [id, c.voters.T]));
  const input: TallyInput = { election, electionDigest: 'e'.repeat(64), section, pollbook, ballots, castSessions };
  return { ...tallySection(input), input };
}
