// Loaders for the repository's fixtures/ and data/ folders: the fixture elections and real data.
import { readFileSync } from 'node:fs';
import { parseElection, type Election } from '../src/index.js';

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
