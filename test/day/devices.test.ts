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
import { enrolled, pairEnrolled, REPO_ROOT, until } from '../support/index.js';

describe("a booth's keypad and voice at the console", () => {
  it('are shown once the booth says them, and still after the console is started again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seggio-devices-'));
    const bytes = readFileSync(join(REPO_ROOT, 'demo', 'sanvalle-demo.election.json'));
    const office = nodeCrypto.generateSigningKeyPair();
    const config = { storePath: join(dir, 'console.db'), machineKeyPath: enrolled(office, 'console', 'C1', '999001', dir), officeKey: office.publicKey, host: '127.0.0.1', port: 0 };
    const seat = await SeatConsole.start(nodeCrypto, config);
    expect(seat.loadElection({ bytes, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, bytes, office))) }).ok).toBe(true);
    expect((await seat.createKeys({ section: '3' })).ok).toBe(true);
    const booth = BoothService.start(nodeCrypto, { storePath: null, machineKeyPath: enrolled(office, 'booth', 'K1', '999001', dir), officeKey: office.publicKey, consoleUrl: seat.url });
    await pairEnrolled(seat, booth, 'B1');
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
