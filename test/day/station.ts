// A console and booths in this process, over the link on loopback, paired and open: for tests of what
// a booth holding its own key (read from its machine key file) can and cannot make the console believe.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSidecar, signBytes } from '@seggio/ballot-core';
import { BoothService, BoothStore } from '@seggio/booth';
import type { SigningKeyPair } from '@seggio/crypto';
import { readKeyFile } from '@seggio/crypto/key-file';
import { nodeCrypto } from '@seggio/crypto/node';
import { signFrame, type BoothMessage } from '@seggio/link';
import { SeatConsole } from '@seggio/seat-console';
import { enrolled, pairEnrolled, REPO_ROOT, until } from '../support/index.js';

export const ELECTION = readFileSync(join(REPO_ROOT, 'demo', 'sanvalle-demo.election.json'));

export interface Station {
  readonly dir: string;
  readonly seat: SeatConsole;
  readonly booths: Map<string, BoothService>;
  readonly shares: string[];
  readonly office: Uint8Array;
  /** The office's key pair, which enrolled the console and the booths (docs/design.md §6). */
  readonly officeKeyPair: SigningKeyPair;
  /** Stops booth `id` (as a pulled plug would); `start` starts it again on its store. */
  stop(id: string): void;
  start(id: string): BoothService;
  end(): Promise<void>;
}

/** With `open: false`, the station stays in its set-up, its booths paired (if any) and voting not open; `election`: another package than the demo's. */
export async function openStation(boothIds: readonly string[], { open = true, election = ELECTION } = {}): Promise<Station> {
  const dir = mkdtempSync(join(tmpdir(), 'seggio-station-'));
  const office = nodeCrypto.generateSigningKeyPair();
  const comune = (JSON.parse(new TextDecoder().decode(election)) as { comune: { istat: string } }).comune.istat;
  const seat = await SeatConsole.start(nodeCrypto, { storePath: join(dir, 'console.db'), machineKeyPath: enrolled(office, 'console', 'C1', comune, dir), say: () => undefined, officeKey: office.publicKey, host: '127.0.0.1', port: 0, exportDir: join(dir, 'export') });
  if (!seat.loadElection({ bytes: election, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, election, office))) }).ok) throw new Error('the package did not load');
  const keys = await seat.createKeys({ section: '3' });
  if (!keys.ok) throw new Error(JSON.stringify(keys.error));
  const booths = new Map<string, BoothService>();
  const stopped = new Set<string>();
  const start = (id: string) => {
    stopped.delete(id);
    const booth = BoothService.start(nodeCrypto, { storePath: join(dir, `${id}.db`), machineKeyPath: join(dir, `${id}.key`), officeKey: office.publicKey, consoleUrl: seat.url, say: () => undefined });
    booths.set(id, booth);
    return booth;
  };
  for (const id of boothIds) {
    enrolled(office, 'booth', id, comune, dir);
    await pairEnrolled(seat, start(id), id);
  }
  if (open) {
    if (!seat.openVoting().ok) throw new Error('voting did not open');
    // Free at the console only once each booth has said it opened.
    await until(() => [...booths.values()].every((b) => b.state === 'idle') && seat.getView().booths.every((b) => b.state === 'idle'));
  }
  return {
    dir,
    seat,
    booths,
    shares: keys.value.shares,
    office: office.publicKey,
    officeKeyPair: office,
    stop: (id) => {
      if (!stopped.has(id)) booths.get(id)!.stop();
      stopped.add(id);
    },
    start,
    end: async () => {
      for (const [id, b] of booths) if (!stopped.has(id)) b.stop();
      await seat.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Enables booth `id` for a voter and waits for the booth to take the token. */
export async function enable(station: Station, id: string): Promise<string> {
  const enabled = station.seat.enableBooth({ booth: id, category: 'IT', sex: 'F' });
  if (!enabled.ok) throw new Error(JSON.stringify(enabled.error));
  await until(() => station.booths.get(id)!.getView().session?.id === enabled.value.session);
  await until(() => station.seat.store.session(enabled.value.session)?.state === 'started');
  return enabled.value.session;
}

/** The voter at booth `id` casts a blank ballot in every contest they were given. */
export async function castBlank(station: Station, id: string, session: string): Promise<void> {
  const booth = station.booths.get(id)!;
  const contests = booth.getView().session!.contests;
  const cast = booth.castBallots({ session, selections: Object.fromEntries(contests.map((c) => [c, { blank: true }])) });
  if (!cast.ok) throw new Error(JSON.stringify(cast.error));
  await until(() => station.seat.store.session(session)?.state === 'cast');
}

export async function cancel(station: Station, session: string): Promise<void> {
  if (!station.seat.cancelSession({ session }).ok) throw new Error('the cancel was refused');
  await until(() => station.seat.store.session(session)?.state === 'cancelled');
}

/**
 * What an attacker holding booth `id`'s store does: signs frames with the booth's key (plain in its
 * SQLite file) and queues them in its outbox with the next counters, which the booth then sends.
 * Resolves once the console has read every one of them.
 */
export async function forge(station: Station, id: string, bodies: readonly BoothMessage[]): Promise<void> {
  station.stop(id);
  const store = BoothStore.open(join(station.dir, `${id}.db`), nodeCrypto);
  const key = boothKey(station, id);
  const consoleKey = store.pairing()!.consoleKey;
  let counter = store.linkCounters().lastSent;
  store.transaction(() => {
    for (const body of bodies) {
      counter++;
      store.setLastSent(counter);
      store.addOutbox(counter, signFrame(nodeCrypto, key, consoleKey, counter, body));
    }
  });
  store.close();
  station.start(id);
  await until(() => station.seat.store.booth(id)!.lastReceived >= counter);
}

/** The console's refusals, as logged. */
export const refusals = (station: Station): { code: string; reason: string; booth: string; count?: number }[] =>
  station.seat.store.log().filter((e) => e.event === 'frame-rejected').map((e) => e.detail as { code: string; reason: string; booth: string; count?: number });

/** Booth `id`'s machine key, as an attacker holding the booth's disk reads it. */
export const boothKey = (station: Station, id: string): SigningKeyPair => readKeyFile(nodeCrypto, join(station.dir, `${id}.key`));
