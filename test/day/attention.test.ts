// The president's side of a voter in trouble: a booth's inactivity call reaches its tile and ends with
// the session; a call for another booth's session is refused; a close with a voter inside logs what
// became of that session, booth by booth.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSidecar, signBytes } from '@seggio/ballot-core';
import { BoothService } from '@seggio/booth';
import { nodeCrypto } from '@seggio/crypto/node';
import type { BoothMessage } from '@seggio/link';
import { SeatConsole } from '@seggio/seat-console';
import { REPO_ROOT, until } from '../support/index.js';

async function openDay() {
  const bytes = readFileSync(join(REPO_ROOT, 'demo', 'sanvalle-demo.election.json'));
  const office = nodeCrypto.generateSigningKeyPair();
  const seat = await SeatConsole.start(nodeCrypto, { storePath: null, officeKey: office.publicKey, host: '127.0.0.1', port: 0 });
  expect(seat.loadElection({ bytes, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, bytes, office))) }).ok).toBe(true);
  expect((await seat.createKeys({ section: '3' })).ok).toBe(true);
  const booths: BoothService[] = [];
  for (const id of ['B1', 'B2']) {
    const booth = BoothService.start(nodeCrypto, { storePath: null, officeKey: office.publicKey, consoleUrl: seat.url });
    const fingerprint = booth.getView().boothFingerprint;
    await until(() => seat.getView().pendingBooths.some((p) => p.fingerprint === fingerprint));
    expect(seat.pairBooth({ fingerprint, id }).ok).toBe(true);
    await until(() => seat.getView().booths.find((b) => b.id === id)?.zeroReport);
    booths.push(booth);
  }
  expect(seat.openVoting().ok).toBe(true);
  await until(() => booths.every((b) => b.getView().state === 'idle'));
  const stop = async () => {
    for (const b of booths) b.stop();
    await seat.stop();
  };
  return { seat, booths, stop };
}

const tile = (seat: SeatConsole, id: string) => seat.getView().booths.find((b) => b.id === id)!;

describe("a booth's call for the president", () => {
  it('shows on the tile of that booth, ends with the session, and is refused for a session not open at the booth that sends it', async () => {
    const { seat, booths, stop } = await openDay();
    const [b1, b2] = booths as [BoothService, BoothService];
    // Nothing to call about at a free booth.
    expect(b2.callPresident({ calling: true })).toEqual({ ok: false, error: 'no session is open at this booth' });
    const enabled = seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'F' });
    if (!enabled.ok) throw new Error(enabled.error);
    await until(() => b1.getView().state === 'in-session');

    // B2, authenticated as itself, speaks of B1's session: refused with the reason, B1's tile unchanged.
    const onBoothMessage = (seat as unknown as { onBoothMessage(booth: string, body: BoothMessage): string | undefined }).onBoothMessage.bind(seat);
    const refused = seat.store.transaction(() => onBoothMessage('B2', { type: 'attention', session: enabled.value.session, calling: true }));
    expect(refused).toBe('a call for the president outside an open session of this booth');
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
    expect(seat.pollbook().sessions).toEqual({ enabled: 1, cast: 0, cancelled: 1 });
    await stop();
  });
});
