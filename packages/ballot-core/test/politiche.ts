// A general election day for the tests: Camera, Senato and European ballots (no shared fixture has
// them). It lives in test/fixtures/ so that the end-to-end tests use the very same definition.
import { readFileSync } from 'node:fs';
import { parseElection, type Election } from '../src/index.js';

export const POLITICHE = new URL('../../../fixtures/politiche-2022.election.json', import.meta.url);

export function politiche(): Election {
  const parsed = parseElection(readFileSync(POLITICHE));
  if (!parsed.ok) throw new Error(`politiche-2022.election.json: ${JSON.stringify(parsed.error)}`);
  return parsed.value;
}
