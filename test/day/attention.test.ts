// The president's side of a voter in trouble: a booth's inactivity call reaches its tile and ends with
// the session; a call for another booth's session is refused; a close with a voter inside logs what
// became of that session, booth by booth.
import { describe, expect, it } from 'vitest';
import type { BoothService } from '@seggio/booth';
import type { SeatConsole } from '@seggio/seat-console';
import { until } from '../support/index.js';
import { forge, openStation, refusals } from './station.js';

async function openDay() {
  const station = await openStation(['B1', 'B2']);
  const booths = ['B1', 'B2'].map((id) => station.booths.get(id)!);
  return { station, seat: station.seat, booths, stop: () => station.end() };
}

const tile = (seat: SeatConsole, id: string) => seat.getView().booths.find((b) => b.id === id)!;

describe("a booth's call for the president", () => {
  it('shows on the tile of that booth, ends with the session, and is refused for a session not open at the booth that sends it', async () => {
    const { station, seat, booths, stop } = await openDay();
    const [b1, b2] = booths as [BoothService, BoothService];
    // Nothing to call about at a free booth.
    expect(b2.callPresident({ calling: true })).toEqual({ ok: false, error: 'no session is open at this booth' });
    const enabled = seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'F' });
    if (!enabled.ok) throw new Error(JSON.stringify(enabled.error));
    await until(() => b1.getView().state === 'in-session');

    // B2, authenticated as itself, speaks of B1's session: refused with its code and reason, B1's tile unchanged.
    const before = refusals(station).length;
    await forge(station, 'B2', [{ type: 'attention', session: enabled.value.session, calling: true }]);
    expect(refusals(station).slice(before)).toMatchObject([{ booth: 'B2', code: 'attention-no-session', reason: 'a call for the president outside an open session of this booth' }]);
    expect(tile(seat, 'B1').calling).toBe(false);

    expect(b1.callPresident({ calling: true }).ok).toBe(true);
    await until(() => tile(seat, 'B1').calling);
    expect(tile(seat, 'B2').calling).toBe(false);
    expect(b1.callPresident({ calling: false }).ok).toBe(true);
    await until(() => !tile(seat, 'B1').calling);
    expect(b1.callPresident({ calling: true }).ok).toBe(true);
    await until(() => tile(seat, 'B1').calling);
    // The session cancelled, the call goes with it.
    expect(seat.cancelSession({ session: enabled.value.session }).ok).toBe(true);
    await until(() => tile(seat, 'B1').session === null);
    expect(tile(seat, 'B1').calling).toBe(false);
    await stop();
  });
});

describe('closing with a voter inside', () => {
  it('logs, for each booth with a voter, that the session ends cancelled, and the poll book counts it so', async () => {
    const { seat, booths, stop } = await openDay();
    const enabled = seat.enableBooth({ booth: 'B2', category: 'IT', sex: 'M' });
    expect(enabled.ok).toBe(true);
    await until(() => booths[1]!.getView().state === 'in-session');
    expect(seat.closeVoting().ok).toBe(true);
    const log = seat.store.log();
    const closed = log.findIndex((e) => e.event === 'voting-closed');
    expect(log.filter((e) => e.event === 'closed-with-voter').map((e) => e.detail)).toEqual([{ booth: 'B2', counter: 1, outcome: 'cancelled' }]);
    // Said before the close itself, so that the log reads in the order things happened.
    expect(log.findIndex((e) => e.event === 'closed-with-voter')).toBeLessThan(closed);
    await until(() => seat.getView().sessions.cancelled === 1);
    expect(seat.pollbook()?.sessions).toEqual({ enabled: 1, cast: 0, cancelled: 1 });
    await stop();
  });
});
