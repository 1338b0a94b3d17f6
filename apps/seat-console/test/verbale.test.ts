// verbale.pdf prints every name as written: DejaVu Sans is embedded, so a Slovene, Polish or German
// name of a border comune is not turned into "?"; and the same record gives the same bytes, whatever was
// printed before it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseElection, tallySection, type Election, type Setup } from '@seggio/ballot-core';
import { nodeCrypto } from '@seggio/crypto/node';
import { verbalePdf } from '../src/service/index.js';

const DEMO = readFileSync(new URL('../../../demo/sanvalle-demo.election.json', import.meta.url));

async function record(rename: (election: { contests: { lists?: { candidates: { surname: string; name: string }[] }[] }[] }) => void): Promise<Uint8Array> {
  const json = JSON.parse(DEMO.toString('utf8')) as Parameters<typeof rename>[0];
  rename(json);
  const bytes = new TextEncoder().encode(JSON.stringify(json));
  const parsed = parseElection(bytes);
  if (!parsed.ok) throw new Error(parsed.error.map((p) => p.message).join('; '));
  const election: Election = parsed.value;
  const zero = { M: 0, F: 0, T: 0 };
  const outcome = tallySection({
    election,
    electionDigest: nodeCrypto.sha256Hex(bytes),
    section: '3',
    pollbook: { format: 'seggio/pollbook@1', contests: Object.fromEntries(election.scrutinyOrder.map((id) => [id, { voters: zero }])), sessions: { enabled: 0, cast: 0, cancelled: 0 }, turnout: [{ checkpoint: 'C4', contests: Object.fromEntries(election.scrutinyOrder.map((id) => [id, zero])) }] },
    ballots: {},
    castSessions: Object.fromEntries(election.scrutinyOrder.map((id) => [id, 0])),
  });
  const key = Buffer.alloc(32, 7).toString('base64');
  const setup: Setup = { format: 'seggio/setup@1', election: nodeCrypto.sha256Hex(bytes), section: '3', console: key, consoleMachine: 'C1', urnaPublicKey: key, booths: [], shares: { threshold: 3, count: 5 } };
  return verbalePdf({ election, tally: outcome.tally, checks: outcome.checks, setup, officeKey: Buffer.alloc(32, 9) });
}

const text = (pdf: Uint8Array) => {
  const file = join(mkdtempSync(join(tmpdir(), 'seggio-verbale-')), 'verbale.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

describe('verbale.pdf', () => {
  it('prints Slovene, Polish and German names as written', async () => {
    const pdf = await record((e) => {
      const candidates = e.contests[1]!.lists![0]!.candidates;
      Object.assign(candidates[0]!, { surname: 'ČOK', name: 'MOJCA' });
      Object.assign(candidates[1]!, { surname: 'ŁUKASZEWSKA', name: 'ŻANETA' });
      Object.assign(candidates[2]!, { surname: 'MÜLLER', name: 'JÖRG' });
    });
    const printed = text(pdf);
    for (const name of ['ČOK MOJCA', 'ŁUKASZEWSKA ŻANETA', 'MÜLLER JÖRG']) expect(printed).toContain(name);
    expect(printed).not.toContain('?OK');
  });

  it('is the same bytes for the same record', async () => {
    const a = await record(() => undefined);
    const b = await record(() => undefined);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('is the same bytes whatever records the process printed before it', async () => {
    // The fonts are parsed once a process and shared: a record with other letters between the two
    // must leave nothing of its own in theirs.
    const before = await record(() => undefined);
    await record((e) => Object.assign(e.contests[1]!.lists![0]!.candidates[0]!, { surname: 'ŁUKASZEWSKA', name: 'ŻANETA' }));
    const after = await record(() => undefined);
    expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
  });
});
