// npm run vectors: a small real election day (the simulator's, over loopback), whose audit set and
// public export become docs/vectors/, with the office's public key and vectors.json, every signed or
// hashed byte string of docs/bundle-format.md in hex. Run it again whenever the bundle format changes.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDay, parseElection, seededRandom, type Election } from '@seggio/ballot-core';
import { endDay, runDay } from '../simulate/day.js';
import { REPO_ROOT } from '../support/index.js';
import { computeVectors } from './compute.js';

const VECTORS = join(REPO_ROOT, 'docs', 'vectors');
const FIXTURE = join(REPO_ROOT, 'fixtures', 'sanvalle-2020.election.json');
/** Few enough voters to read the vectors by hand, two booths, and two voters who walk away (every sixth). */
const VOTERS = 12;

const electionBytes = readFileSync(FIXTURE);
const election = (parseElection(electionBytes) as { ok: true; value: Election }).value;
const section = election.sections[0]!.id;
const work = mkdtempSync(join(tmpdir(), 'seggio-vectors-'));
try {
  const day = await runDay({ election, electionBytes, section, day: generateDay(election, section, VOTERS, seededRandom(13)), booths: 2, out: join(work, 'day'), cancelEvery: 6 });
  const exported = await day.console.exportBundle({ dir: join(work, 'public'), publicOnly: true });
  await endDay(day);
  if (!exported.ok) throw new Error(`the public export failed: ${JSON.stringify(exported.error)}`);

  for (const name of readdirSync(VECTORS)) if (name !== 'README.md') rmSync(join(VECTORS, name), { recursive: true, force: true });
  mkdirSync(VECTORS, { recursive: true });
  cpSync(day.bundle, join(VECTORS, 'audit'), { recursive: true });
  cpSync(join(work, 'public'), join(VECTORS, 'public'), { recursive: true });
  cpSync(join(work, 'day', 'office.pub'), join(VECTORS, 'office.pub'));
  writeFileSync(join(VECTORS, 'vectors.json'), `${JSON.stringify(computeVectors(VECTORS), null, 2)}\n`);
  console.log(JSON.stringify({ vectors: VECTORS, voters: VOTERS, section }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
