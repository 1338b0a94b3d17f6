// What a booth says of its accessible devices (R27, R29): the keypad and the voice reach the console's
// view, and stay known when the console is started again, since a booth says them only when they change.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSidecar, signBytes } from '@seggio/ballot-core';
import { BoothService } from '@seggio/booth';
import { nodeCrypto } from '@seggio/crypto/node';
import { SeatConsole } from '@seggio/seat-console';
import { REPO_ROOT, until } from '../support/index.js';

describe("a booth's keypad and voice at the console", () => {
  it('are shown once the booth says them, and still after the console is started again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seggio-devices-'));
    const bytes = readFileSync(join(REPO_ROOT, 'demo', 'sanvalle-demo.election.json'));
    const office = nodeCrypto.generateSigningKeyPair();
    const config = { storePath: join(dir, 'console.db'), officeKey: office.publicKey, host: '127.0.0.1', port: 0 };
    const seat = await SeatConsole.start(nodeCrypto, config);
    expect(seat.loadElection({ bytes, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, bytes, office))) }).ok).toBe(true);
    expect((await seat.createKeys({ section: '3' })).ok).toBe(true);
    const booth = BoothService.start(nodeCrypto, { storePath: null, officeKey: office.publicKey, consoleUrl: seat.url });
    const pending = await until(() => seat.getView().pendingBooths[0]);
    expect(seat.pairBooth({ fingerprint: pending.fingerprint, id: 'B1' }).ok).toBe(true);
    await until(() => seat.getView().booths[0]?.zeroReport);
    expect(seat.getView().booths[0]).toMatchObject({ keypad: null, voice: null });

    booth.reportDevices({ keypad: 'connected', voice: true });
    await until(() => seat.getView().booths[0]?.voice === true);
    expect(seat.getView().booths[0]).toMatchObject({ keypad: 'connected', voice: true });
    booth.reportDevices({ keypad: 'absent' });
    await until(() => seat.getView().booths[0]?.keypad === 'absent');
    booth.stop();
    await seat.stop();

    const again = await SeatConsole.start(nodeCrypto, config);
    expect(again.getView().booths[0]).toMatchObject({ id: 'B1', keypad: 'absent', voice: true });
    await again.stop();
    rmSync(dir, { recursive: true, force: true });
  });
});
