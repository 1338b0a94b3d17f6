// docs/threat-model.md R31: the console takes session-started, cast and cancelled only from the booth the
// session was enabled on, with the session's counter, in the state it may follow, and nothing from a
// booth once it has sealed. The booths here hold their keys in their SQLite files, as an attacker
// who copies one would, and sign what the console must refuse.
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../support/index.js';
import { cancel, castBlank, enable, forge, openStation, refusals, type Station } from './station.js';

let station: Station;
afterEach(async () => station.end());

const states = (booth: string) => station.seat.store.sessions().filter((s) => s.booth === booth).map((s) => s.state);

describe('session ownership at the console (R31)', () => {
  it('a booth holding its key cannot turn its cancelled sessions into cast ones, and the count still holds', async () => {
    station = await openStation(['B1']);
    const cancelled: { session: string; counter: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const session = await enable(station, 'B1');
      await cancel(station, session);
      cancelled.push({ session, counter: station.seat.store.session(session)!.counter });
    }
    await castBlank(station, 'B1', await enable(station, 'B1'));
    expect(states('B1')).toEqual(['cancelled', 'cancelled', 'cancelled', 'cast']);

    await forge(station, 'B1', cancelled.flatMap((c) => [{ type: 'cast', ...c } as const, { type: 'session-started', ...c } as const]));
    expect(states('B1')).toEqual(['cancelled', 'cancelled', 'cancelled', 'cast']);
    expect(station.seat.getView().sessions).toMatchObject({ cast: 1, cancelled: 3, open: 0 });
    expect(refusals(station).map((r) => r.reason)).toEqual(expect.arrayContaining(['cast for a session cancelled', 'session-started for a session cancelled']));

    // The booth, still holding together, closes and the console reconciles one voter, one ballot each.
    expect(station.seat.closeVoting().ok).toBe(true);
    await until(() => station.seat.phase === 'closed');
    const reconciled = station.seat.reconcile();
    if (!reconciled.ok) throw new Error(JSON.stringify(reconciled.error));
    expect(reconciled.value.map((c) => [c.ballots, c.sessions, c.voters])).toContainEqual([1, 1, 1]);
  });

  it("a booth cannot start, cast or cancel another booth's session, nor one with another counter", async () => {
    station = await openStation(['B1', 'B2']);
    const gone = await enable(station, 'B1');
    await cancel(station, gone);
    const open = await enable(station, 'B1');
    const counter = (session: string) => station.seat.store.session(session)!.counter;

    await forge(station, 'B2', [
      { type: 'session-started', session: gone, counter: counter(gone) },
      { type: 'cast', session: open, counter: counter(open) },
      { type: 'cancelled', session: open, counter: counter(open) },
    ]);
    expect(states('B1')).toEqual(['cancelled', 'started']);
    expect(refusals(station).filter((r) => r.booth === 'B2').map((r) => r.reason)).toEqual(['session-started for a session not enabled on this booth', 'cast for a session not enabled on this booth', 'cancelled for a session not enabled on this booth']);

    // Its own session, with another session's counter.
    await forge(station, 'B1', [{ type: 'cast', session: open, counter: counter(gone) }]);
    expect(states('B1')).toEqual(['cancelled', 'started']);
    expect(refusals(station).at(-1)).toMatchObject({ booth: 'B1', reason: `cast with counter ${counter(gone)} for the session of counter ${counter(open)}` });

    // The voter at B1 still votes, and the count proceeds.
    await until(() => station.booths.get('B1')!.getView().session?.id === open);
    await castBlank(station, 'B1', open);
    expect(station.seat.closeVoting().ok).toBe(true);
    await until(() => station.seat.phase === 'closed');
    expect(station.seat.reconcile().ok).toBe(true);
  });

  it('a cast that skips the start is refused, and the session goes on from where it stands', async () => {
    station = await openStation(['B1']);
    station.stop('B1');
    // Enabled while the booth is away: the token waits in the console's outbox.
    const enabled = station.seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'M' });
    if (!enabled.ok) throw new Error(JSON.stringify(enabled.error));
    const { session } = enabled.value;
    await forge(station, 'B1', [{ type: 'cast', session, counter: station.seat.store.session(session)!.counter }]);
    expect(refusals(station).at(-1)).toMatchObject({ booth: 'B1', reason: 'cast for a session enabled' });
    await until(() => station.seat.store.session(session)?.state === 'started');
    await castBlank(station, 'B1', session);
    expect(station.seat.getView().sessions).toMatchObject({ cast: 1, open: 0 });
  });

  it('takes nothing about sessions from a booth once it has sealed, nor a replayed frame', async () => {
    station = await openStation(['B1']);
    const session = await enable(station, 'B1');
    await cancel(station, session);
    const counter = station.seat.store.session(session)!.counter;
    const sent: string[] = [];
    station.booths.get('B1')!.on('frameSent', (frame) => sent.push(frame));
    await castBlank(station, 'B1', await enable(station, 'B1'));
    expect(station.seat.closeVoting().ok).toBe(true);
    await until(() => station.seat.phase === 'closed');

    await forge(station, 'B1', [{ type: 'session-started', session, counter }, { type: 'cast', session, counter }]);
    expect(states('B1')).toEqual(['cancelled', 'cast']);
    expect(refusals(station).slice(-2).map((r) => r.reason)).toEqual(["session-started after the booth's seal", "cast after the booth's seal"]);

    // The booth's own cast frame, sent again on a new connection: that connection was not opened by
    // the booth's key answering its challenge (R32), and the frame's counter is spent anyway.
    const castFrame = sent.find((f) => f.includes('"type":"cast"'))!;
    const { WebSocket } = await import('ws');
    const socket = new WebSocket(station.seat.url);
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(castFrame);
    await until(() => refusals(station).some((r) => r.reason === 'a frame on a connection its key did not open with a hello'));
    socket.terminate();
    expect(station.seat.getView().sessions).toMatchObject({ cast: 1, cancelled: 1 });
    expect(station.seat.reconcile().ok).toBe(true);
  });
});
