// The console store's narrow reads give what its whole rows say.
import { describe, expect, it } from 'vitest';
import { ConsoleStore } from '../src/service/index.js';

describe('the booth tiles of the view', () => {
  it('say of each booth what its whole row says, without reading its documents or its log', () => {
    const store = ConsoleStore.memory();
    for (const id of ['B1', 'B2', 'B3']) store.addBooth({ id, publicKey: `key-${id}`, machine: `K-${id}`, certificate: '{}', setup: '{}' });
    store.setZeroReport('B1', { bytes: '{}', signature: 'c2ln' });
    store.setZeroReport('B2', { bytes: '{}', signature: 'c2ln' });
    store.setSeal('B2', { bytes: '{}', signature: 'c2ln' });
    store.setBoothLog('B2', '[]');
    store.setDevices('B1', { keypad: 'connected', voice: true });
    store.setDevices('B3', { keypad: 'error', voice: false });
    store.addSession({ session: 'session-1', booth: 'B3', counter: 1, contests: ['C1'], category: 'IT', sex: 'F' });
    store.setAttention('B3', 'session-1');
    store.setBoothState('B1', 'idle');
    const whole = store.booths().map((b) => ({ id: b.id, publicKey: b.publicKey, state: b.state, zeroReport: b.zeroReport !== null, sealed: b.seal !== null, devices: b.devices, attention: b.attention }));
    expect(store.boothTiles()).toEqual(whole);
    expect(whole.map((b) => [b.zeroReport, b.sealed])).toEqual([[true, false], [true, true], [false, false]]);
  });
});
