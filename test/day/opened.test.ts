// The console counts a booth free only once the booth itself has said it opened (docs/design.md §3):
// asking it to open changes nothing on its tile, and an `opened` the console did not ask for is refused.
import { describe, expect, it } from 'vitest';
import { until } from '../support/index.js';
import { forge, openStation, refusals } from './station.js';

describe('a booth opening', () => {
  it('is free at the console only when it has said it opened, not when it was asked to', async () => {
    const station = await openStation(['B1'], { open: false });
    const tile = () => station.seat.getView().booths.find((b) => b.id === 'B1');
    await until(() => tile()?.state === 'ready');
    station.stop('B1');
    await until(() => tile()?.connected === false);
    expect(station.seat.openVoting().ok).toBe(true);
    // The booth is away: the open waits in its outbox, and the booth is not free.
    expect(tile()?.state).toBe('ready');
    expect(station.seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'F' })).toMatchObject({ ok: false, error: { code: 'booth-not-free', params: { booth: 'B1', state: 'ready' } } });
    station.start('B1');
    await until(() => tile()?.state === 'idle');
    expect(station.seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'F' }).ok).toBe(true);
    await station.end();
  });

  it('is refused when the console did not open voting, and the booth stays as it was', async () => {
    const station = await openStation(['B1'], { open: false });
    await until(() => station.seat.getView().booths[0]?.state === 'ready');
    const before = refusals(station).length;
    await forge(station, 'B1', [{ type: 'opened' }]);
    expect(refusals(station).slice(before)).toMatchObject([{ booth: 'B1', reason: 'opened when the console did not open it' }]);
    await until(() => station.seat.getView().booths[0]?.connected === true);
    expect(station.seat.getView().booths[0]?.state).toBe('ready');
    await station.end();
  });
});
