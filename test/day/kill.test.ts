// kill -9 of a booth process at random points of the cast loop, at least 30 times, each followed by a
// restart on the same store (docs/threat-model.md R6): every acknowledged ballot is present exactly once, and
// the booth and the console agree on every session.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDay, parseElection, seededRandom, type Election, type TallyDocument } from '@seggio/ballot-core';
import { BoothStore } from '@seggio/booth';
import { nodeCrypto } from '@seggio/crypto/node';
import { REPO_ROOT } from '../support/index.js';
import { runDay } from '../simulate/day.js';

const KILLS = Number(process.env.SEGGIO_KILLS ?? 32);

describe('kill -9 during casting', () => {
  it(`loses no acknowledged ballot and duplicates none over ${KILLS} kills`, async () => {
    const electionBytes = readFileSync(join(REPO_ROOT, 'fixtures', 'sanvalle-2020.election.json'));
    const election = (parseElection(electionBytes) as { ok: true; value: Election }).value;
    const voters = KILLS * 2 + 6;
    const day = generateDay(election, '3', voters, seededRandom(2026));
    const random = seededRandom(9);
    const out = mkdtempSync(join(tmpdir(), 'seggio-kill-'));
    // Every other voter's booth dies 0–12 ms after the voter presses "Conferma": before, during or after the commit.
    const result = await runDay({ election, electionBytes, section: '3', day, booths: 2, out, chaos: (i) => (i % 2 === 0 && i < KILLS * 2 ? random() * 12 : undefined) });
    for (const booth of result.booths) await booth.stop();

    expect(result.kills).toBeGreaterThanOrEqual(KILLS);
    // Most voters saw "recorded"; a few booths died between the commit and the answer.
    expect(result.acknowledged.length).toBeGreaterThan(voters / 2);
    // Exactly once: what the generator cast is what was counted, no more and no less.
    const tally = JSON.parse(readFileSync(join(result.bundle, 'tally.json'), 'utf8')) as TallyDocument;
    for (const c of tally.contests) {
      expect({ blank: c.blank, results: c.results }).toEqual(day.expected.contests[c.id]);
      expect(c.ballots.count).toBe(day.voters.filter((v) => c.id in v.selections).length);
    }
    // The booths' own stores agree with the console on every session.
    const sessions = result.console.store.sessions();
    for (const session of result.acknowledged) expect([session, result.console.store.session(session)?.state]).toEqual([session, 'cast']);
    expect(result.booths.reduce((n, b) => n + b.exits, 0)).toBeGreaterThanOrEqual(KILLS);
    const outcomes = new Map<string, string>();
    for (const booth of result.booths) {
      const store = BoothStore.open(booth.storePath, nodeCrypto);
      const id = `B${result.booths.indexOf(booth) + 1}`;
      const mine = store.tokens().map((t) => [t.session, t.outcome]);
      for (const t of store.tokens()) outcomes.set(`${id} ${t.session}`, t.outcome);
      const theirs = sessions.filter((s) => s.booth === id).map((s) => [s.session, s.state]);
      expect(mine).toEqual(theirs);
      const counts = store.countsByContest();
      for (const contest of election.scrutinyOrder) expect(counts[contest] ?? 0).toBe(store.tokens().filter((t) => t.outcome === 'cast' && t.contests.includes(contest)).length);
      store.close();
    }
    // Every session whose voter was told "recorded" is cast in the store of the booth it was enabled on.
    for (const session of result.acknowledged) {
      const booth = result.console.store.session(session)!.booth;
      expect([session, outcomes.get(`${booth} ${session}`)]).toEqual([session, 'cast']);
    }
    await result.console.stop();
  }, 240_000);
});
