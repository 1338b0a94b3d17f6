// One section's day as the province bench runs it: a console and two booths (in this process), each voter
// enabled by the president, cast at the booth (sealed, signed, stored and fsynced as the booth does), the
// turnout recorded at each checkpoint, the seals, the count with three shares and the public export, as
// the console writes it. What the office receives: the export as the console pushes it and each
// checkpoint's signed turnout.
import { join } from 'node:path';
import { encodeSidecar, signBytes, type Election } from '@seggio/ballot-core';
import type { SigningKeyPair } from '@seggio/crypto';
import { BoothService } from '@seggio/booth';
import { nodeCrypto } from '@seggio/crypto/node';
import { publicExportArchive, SeatConsole } from '@seggio/seat-console';
import { enrolled, pairEnrolled } from '../../support/index.js';
import { BOOTHS, type Voter } from './data.js';

export interface SectionOut {
  readonly archive: Uint8Array;
  /** Each checkpoint's turnout as the console sends it to the office. */
  readonly turnout: readonly Record<'turnout' | 'turnoutSignature' | 'setup' | 'setupSignature', string>[];
}

const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

/**
 * Resolves once `probe` holds, looked at on each `view` the service emits rather than on a 2 ms timer
 * (the timers, each taking a whole view, were most of a voter's time); a slow poll still looks, so a
 * change that emits nothing is not missed.
 */
function when<T>(source: { on(e: 'view', f: () => void): unknown; off(e: 'view', f: () => void): unknown }, probe: () => T | undefined | false, what: string, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      source.off('view', check);
      clearInterval(timer);
      clearTimeout(limit);
    };
    function check(): boolean {
      const value = probe();
      if (value === undefined || value === false) return false;
      stop();
      resolve(value);
      return true;
    }
    const timer = setInterval(check, 25);
    const limit = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    source.on('view', check);
    check();
  });
}

/** How many sessions the console has recorded as cast. */
const castAtConsole = (seat: SeatConsole) => seat.store.sessions().filter((s) => s.state === 'cast').length;

export async function runSection(dir: string, e: { bytes: Uint8Array; election: Election }, key: SigningKeyPair, section: string, voters: readonly Voter[]): Promise<SectionOut> {
  const comune = e.election.comune.istat;
  const seat = await SeatConsole.start(nodeCrypto, { storePath: join(dir, `console-${section}.db`), machineKeyPath: enrolled(key, 'console', `C-${section}`, comune, dir), say: () => undefined, officeKey: key.publicKey, host: '127.0.0.1', port: 0 });
  must(seat.loadElection({ bytes: e.bytes, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, e.bytes, key))) }));
  const { shares } = must(await seat.createKeys({ section }));
  const booths = Array.from({ length: BOOTHS }, (_, i) =>
    BoothService.start(nodeCrypto, { storePath: join(dir, `booth-${section}-${i}.db`), machineKeyPath: enrolled(key, 'booth', `K-${section}-${i + 1}`, comune, dir), say: () => undefined, officeKey: key.publicKey, consoleUrl: seat.url }),
  );
  for (const [i, booth] of booths.entries()) await pairEnrolled(seat, booth, `B${i + 1}`);
  must(seat.openVoting());
  const checkpoints = e.election.turnoutCheckpoints;
  for (const [i, voter] of voters.entries()) {
    const id = `B${(i % BOOTHS) + 1}`;
    const booth = booths[i % BOOTHS]!;
    // What the console's view says of the booth (idle, no session open), read from its store alone: a
    // whole view reads every session, and was a fifth of the bench's time.
    await when(seat, () => seat.store.booth(id)?.state === 'idle' && !seat.store.openSession(id), 'a free booth');
    const { session } = must(seat.enableBooth({ booth: id, category: 'IT', sex: voter.sex, accepts: ['REF-2020-1'] }));
    await when(booth, () => booth.getView().session?.id === session, 'the session');
    must(booth.castBallots({ session, selections: { 'REF-2020-1': voter.selection } }));
    const due = checkpoints[Math.floor(((i + 1) * checkpoints.length) / (voters.length + 1)) - 1];
    if (due && !due.final && !seat.store.turnout().some((t) => t.checkpoint === due.id)) {
      await when(seat, () => castAtConsole(seat) === i + 1, 'the casts so far');
      must(seat.recordTurnout({ checkpoint: due.id }));
    }
  }
  await when(seat, () => castAtConsole(seat) === voters.length, 'every cast at the console');
  for (const c of checkpoints) if (!seat.store.turnout().some((t) => t.checkpoint === c.id)) must(seat.recordTurnout({ checkpoint: c.id }));
  must(seat.closeVoting());
  await when(seat, () => seat.phase === 'closed' && seat.store.booths().every((b) => b.log), 'the seals');
  must(await seat.count({ shares: [shares[0]!, shares[2]!, shares[4]!] }));
  const bundle = join(dir, `bundle-${section}`);
  must(await seat.exportBundle({ dir: bundle, publicOnly: true }));
  const turnout = seat.store.turnout().map((t) => seat.office.turnoutSubmission(t.checkpoint)!);
  for (const booth of booths) booth.stop();
  await seat.stop();
  return { archive: await publicExportArchive(bundle), turnout };
}
