// docs/threat-model.md R17: the console signs the tally and writes the bundle only when every record check
// holds. A section whose roll has one elector and two voters fails C2: the service refuses to sign,
// says which check and why, writes nothing and logs no signature; the same day within its electors signs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../support/index.js';
import { castBlank, ELECTION, enable, openStation, type Station } from './station.js';

let station: Station;
afterEach(async () => station.end());

async function countedDay(electors: Record<string, { M: number; F: number }> | null) {
  const doc = JSON.parse(ELECTION.toString('utf8')) as { sections: { id: string; electors: unknown }[] };
  if (electors) doc.sections.find((s) => s.id === '3')!.electors = electors;
  station = await openStation(['B1'], { election: Buffer.from(JSON.stringify(doc)) });
  for (let i = 0; i < 2; i++) await castBlank(station, 'B1', await enable(station, 'B1'));
  expect(station.seat.closeVoting().ok).toBe(true);
  await until(() => station.seat.phase === 'closed');
  const counted = await station.seat.count({ shares: station.shares.slice(0, 3) });
  if (!counted.ok) throw new Error(JSON.stringify(counted.error));
  return counted.value;
}

describe('signing the tally (R17)', () => {
  it('is refused while a record check fails, naming it, and nothing is written or logged as signed', async () => {
    const outcome = await countedDay({ IT: { M: 1, F: 0 } });
    expect(outcome.ok).toBe(false);
    const dir = join(station.dir, 'bundle');
    const refused = await station.seat.exportBundle({ dir });
    expect(refused.ok).toBe(false);
    const reasons = refused.ok ? [] : refused.error;
    expect(reasons.length).toBeGreaterThan(0);
    // The check by its id, no English: the count's outcome holds its figures, which the page words.
    for (const reason of reasons) expect(reason).toEqual({ code: 'check-fails', params: { check: 'C2', contest: expect.stringMatching(/^\S+$/) as unknown } });
    expect(outcome.checks.find((c) => !c.ok)?.figures).toEqual({ voters: 2, electors: 1, admitted: 0 });
    expect(existsSync(dir)).toBe(false);
    expect(station.seat.phase).toBe('counted');
    expect(station.seat.store.log().map((e) => e.event)).not.toContain('tally-signed');
  });

  it('signs and writes the bundle once every check holds', async () => {
    const outcome = await countedDay(null);
    expect(outcome.checks.filter((c) => !c.ok)).toEqual([]);
    const dir = join(station.dir, 'bundle');
    expect(await station.seat.exportBundle({ dir })).toMatchObject({ ok: true });
    expect(existsSync(join(dir, 'tally.json.sig'))).toBe(true);
    expect(station.seat.phase).toBe('signed');
  });
});

describe('the count on the record', () => {
  it('is a pair: count-init, then count-completed saying failure with the code that stopped it, or success', async () => {
    station = await openStation(['B1']);
    await castBlank(station, 'B1', await enable(station, 'B1'));
    expect(station.seat.closeVoting().ok).toBe(true);
    await until(() => station.seat.phase === 'closed');
    const refused = await station.seat.count({ shares: station.shares.slice(0, 2) });
    expect(refused).toMatchObject({ ok: false, error: [{ code: 'shares-too-few' }] });
    expect((await station.seat.count({ shares: station.shares.slice(0, 3) })).ok).toBe(true);
    const counts = station.seat.store.log().filter((e) => e.event.startsWith('count-'));
    expect(counts.map((e) => [e.event, e.detail])).toEqual([
      ['count-init', { shares: 2 }],
      ['count-completed', { disposition: 'failure', code: 'shares-too-few' }],
      ['count-init', { shares: 3 }],
      ['count-completed', { disposition: 'success', ballots: station.seat.store.ballots().length, checks: 'all hold' }],
    ]);
  });
});
