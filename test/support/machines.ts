// Machines enrolled for a test day (docs/design.md §6): each one's key file and the office's certificate
// beside it, as `npm start` and the simulation make them, and a booth paired the way the president
// pairs one (the fingerprint and machine id on the console, then the console confirmed on the booth).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BoothService } from '@seggio/booth';
import type { SigningKeyPair } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { enrolMachine } from '@seggio/link';
import type { SeatConsole } from '@seggio/seat-console';
import { until } from './wait.js';

/** The key file of a machine enrolled by `office` for `comune`, in `dir` (a new folder by default). */
export function enrolled(office: SigningKeyPair, role: 'console' | 'booth', machine: string, comune: string, dir = mkdtempSync(join(tmpdir(), 'seggio-machine-'))): string {
  const keyPath = join(dir, `${machine}.key`);
  enrolMachine(nodeCrypto, office, { keyPath, role, machine, comune });
  return keyPath;
}

/** Pairs an in-process booth as `id`: the president confirms it on the console, then the console on the booth. */
export async function pairEnrolled(seat: SeatConsole, booth: BoothService, id: string): Promise<void> {
  const fingerprint = booth.getView().boothFingerprint;
  await until(() => seat.getView().pendingBooths.some((p) => p.fingerprint === fingerprint));
  const paired = seat.pairBooth({ fingerprint, id });
  if (!paired.ok) throw new Error(JSON.stringify(paired.error));
  await until(() => booth.getView().state === 'confirming');
  const confirmed = booth.confirmConsole({ accept: true });
  if (!confirmed.ok) throw new Error(confirmed.error);
  await until(() => seat.getView().booths.find((b) => b.id === id)?.zeroReport);
}
