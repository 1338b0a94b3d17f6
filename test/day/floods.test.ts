// docs/threat-model.md R33: what a LAN peer sends the console is bounded. Junk is counted and logged in
// aggregate (not one synced entry a frame), a connection that keeps sending it is dropped, a frame
// over 1 MiB is not read, the list of booths waiting to be paired holds one per connection and a
// few in all, and after close a booth cannot grow the ballots or its log past what the day allows.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ballotSignatureMessage, encodeBallotPlaintext, nextEntry, parseElection, type Election, type LogEntry } from '@seggio/ballot-core';
import { toBase64, toHex } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { signCertificate } from '@seggio/ballot-core';
import { chunkByBytes, ConsoleMessage, MAX_BOOTH_FRAME_BYTES, openFrame, signFrame, type WireCertificate } from '@seggio/link';
import { MAX_BOOTH_LOG_BYTES, MAX_REFUSED_PER_CONNECTION, MAX_WAITING_BOOTHS } from '@seggio/seat-console';
import { BoothStore } from '@seggio/booth';
import { join } from 'node:path';
import { until } from '../support/index.js';
import { boothKey, castBlank, ELECTION, enable, forge, openStation, refusals, type Station } from './station.js';

let station: Station;
afterEach(async () => station.end());

/** A connection to the console's link, the challenge it opens with (R32), and a promise of its closing. */
async function connect(url: string): Promise<{ socket: WebSocket; closed: Promise<number>; challenge: string }> {
  const socket = new WebSocket(url);
  const closed = new Promise<number>((resolve) => socket.once('close', resolve));
  socket.on('error', () => undefined);
  const first = await new Promise<string>((resolve) => socket.once('message', (data: Buffer) => resolve(data.toString('utf8'))));
  const frame = openFrame(nodeCrypto, new Uint8Array(32), first, ConsoleMessage, true);
  if (!frame.ok || frame.value.body.type !== 'challenge') throw new Error('the console did not open with its challenge');
  return { socket, closed, challenge: frame.value.body.nonce };
}

/** A booth's hello on a connection: answering its challenge, with an office certificate for the key when given. */
const helloFrame = (key: ReturnType<typeof nodeCrypto.generateSigningKeyPair>, challenge: string, to: Uint8Array | null, counter: number, certificate: WireCertificate | null, state: 'unpaired' | 'idle' = 'unpaired') =>
  signFrame(nodeCrypto, key, to, counter, { type: 'hello', state, lastReceived: 0, challenge, nonce: toBase64(nodeCrypto.randomBytes(32)), certificate });

/** A booth's key and pairing, the booth itself stopped: the test speaks for it on the link, as its key holder could. */
function stoppedBooth(day: typeof station, booth: string) {
  const store = BoothStore.open(join(day.dir, `${booth}.db`), nodeCrypto);
  const key = boothKey(day, booth);
  const consoleKey = store.pairing()!.consoleKey;
  store.close();
  day.stop(booth);
  return { key, consoleKey, lastReceived: day.seat.store.booth(booth)!.lastReceived };
}

describe('floods on the link (R33)', () => {
  it('3,000 junk frames make a handful of log entries, and each connection sending them is dropped', async () => {
    station = await openStation(['B1']);
    const before = station.seat.store.log().length;
    let sent = 0;
    let connections = 0;
    while (sent < 3000 && connections < 400) {
      const { socket, closed } = await connect(station.seat.url);
      connections++;
      for (let i = 0; i < MAX_REFUSED_PER_CONNECTION; i++, sent++) socket.send(`junk ${sent}`);
      // Dropped by the console, not by us.
      await closed;
    }
    expect(sent).toBe(3000);
    const logged = station.seat.store.log().slice(before);
    expect(logged.map((e) => e.detail)).toEqual([1, 10, 100, 1000].map((count) => ({ code: 'malformed', reason: 'malformed', booth: '', count })));
    // The rest of the count is written at close, in one entry.
    expect(station.seat.closeVoting().ok).toBe(true);
    expect(refusals(station).at(-1)).toEqual({ code: 'malformed', reason: 'malformed', booth: '', count: 3000 });
  });

  it('does not read a frame over 1 MiB, and drops its connection', async () => {
    station = await openStation(['B1']);
    const { socket, closed } = await connect(station.seat.url);
    socket.send('x'.repeat(MAX_BOOTH_FRAME_BYTES + 1));
    expect(await closed).toBe(1009);
    await until(() => refusals(station).some((r) => r.reason === 'frame too large'));
  });

  it('keeps one waiting booth per connection, and a bounded list of them', async () => {
    station = await openStation([], { open: false });
    const office = station.officeKeyPair;
    const certificate = (key: ReturnType<typeof nodeCrypto.generateSigningKeyPair>, machine: string): WireCertificate => {
      const signed = signCertificate(nodeCrypto, office, { comune: '999001', role: 'booth', machine, publicKey: toBase64(key.publicKey) });
      return { bytes: toBase64(signed.bytes), signer: toBase64(signed.sidecar.signer), signature: toBase64(signed.sidecar.signature) };
    };
    const hello = (challenge: string, n: number, key = nodeCrypto.generateSigningKeyPair()) => ({ key, frame: helloFrame(key, challenge, null, 0, certificate(key, `K${n}`)) });
    // One connection answers its challenge with one key (R32): the others it sends are refused, and it is dropped.
    const one = await connect(station.seat.url);
    const first = hello(one.challenge, 0);
    one.socket.send(first.frame);
    for (let i = 1; i < 2000; i++) one.socket.send(hello(one.challenge, i).frame);
    await one.closed;
    expect(refusals(station).map((r) => r.reason)).toContain('a second key on one connection');
    expect(station.seat.getView().pendingBooths).toEqual([]);

    const others = [];
    for (let i = 0; i < MAX_WAITING_BOOTHS + 4; i++) {
      const c = await connect(station.seat.url);
      c.socket.send(hello(c.challenge, 100 + i).frame);
      others.push(c);
    }
    // The list is full with the first sixteen; the last four are dropped.
    await Promise.all(others.slice(MAX_WAITING_BOOTHS).map((c) => c.closed));
    expect(station.seat.getView().pendingBooths).toHaveLength(MAX_WAITING_BOOTHS);
    expect(refusals(station).map((r) => r.reason)).toContain('too many booths waiting to be paired');
    for (const c of [one, ...others]) c.socket.terminate();
  });
});

describe('a booth holding its key (R33)', () => {
  it('cannot fill the log by saying it is out of service again and again', async () => {
    station = await openStation(['B1']);
    const { key, consoleKey, lastReceived } = stoppedBooth(station, 'B1');
    const down = signFrame(nodeCrypto, key, consoleKey, 0, { type: 'out-of-service', code: 'store-failed', params: { reason: 'disk full' } });
    const before = station.seat.store.log().length;
    const { socket, challenge } = await connect(station.seat.url);
    const hello = helloFrame(key, challenge, consoleKey, lastReceived, null, 'idle');
    for (let i = 0; i < 300; i++) {
      socket.send(hello);
      socket.send(down);
    }
    // A last frame the console refuses, logged as the first of its kind: everything before it was read.
    socket.send('the end');
    await until(() => refusals(station).some((r) => r.reason === 'malformed'));
    socket.terminate();
    const logged = station.seat.store.log().slice(before).map((e) => e.detail).filter((d) => d.reason !== 'malformed');
    expect(logged).toEqual([1, 10, 100].map((count) => ({ booth: 'B1', code: 'out-of-service', reason: 'out of service: the store failed (disk full)', cause: 'store-failed', count })));
  });

  it('is not taken out of service by a code the catalogue does not have, nor by a known code with other figures', async () => {
    station = await openStation(['B1']);
    const { key, consoleKey, lastReceived } = stoppedBooth(station, 'B1');
    const { socket, challenge } = await connect(station.seat.url);
    socket.send(helloFrame(key, challenge, consoleKey, lastReceived, null, 'idle'));
    socket.send(signFrame(nodeCrypto, key, consoleKey, 0, { type: 'out-of-service', code: 'made-up', params: {} }));
    socket.send(signFrame(nodeCrypto, key, consoleKey, 0, { type: 'out-of-service', code: 'store-failed', params: { other: 'x' } }));
    await until(() => refusals(station).filter((r) => r.code === 'unknown-code').length === 2);
    socket.terminate();
    expect(refusals(station).filter((r) => r.code === 'unknown-code').map((r) => r.reason)).toEqual([
      'out-of-service with a code that is not in the catalogue: made-up',
      'out-of-service with a code that is not in the catalogue: store-failed',
    ]);
    expect(station.seat.store.booth('B1')!.state).not.toBe('out-of-service');
  });
});

describe('after close, a booth holding its key (R33)', () => {
  it('cannot send more ballots than its sessions cast, and the count still holds', async () => {
    station = await openStation(['B1', 'B2']);
    await castBlank(station, 'B1', await enable(station, 'B1'));
    // Another booth's voter does not raise this booth's bound.
    await castBlank(station, 'B2', await enable(station, 'B2'));
    station.stop('B1');
    expect(station.seat.closeVoting().ok).toBe(true);
    // Two more ballots for the referendum, sealed and signed as the booth would, sent before its own.
    const election = (parseElection(ELECTION) as { ok: true; value: Election }).value;
    const contest = election.contests.find((c) => c.type === 'referendum')!;
    const store = BoothStore.open(join(station.dir, 'B1.db'), nodeCrypto);
    const key = boothKey(station, 'B1');
    const { electionDigest: digest, urnaKey: urna } = store.pairing()!;
    store.close();
    const extra = [0, 1].map(() => {
      const ct = nodeCrypto.seal(encodeBallotPlaintext(digest, contest, { answer: 'YES' }), urna);
      return { h: toHex(nodeCrypto.sha256(ct)), contest: contest.id, ct: toBase64(ct), sig: toBase64(nodeCrypto.sign(ballotSignatureMessage(digest, '3', contest.id, ct), key)) };
    });
    await forge(station, 'B1', [{ type: 'ballots', ballots: extra }]);
    expect(refusals(station).at(-1)).toMatchObject({ booth: 'B1', reason: `2 ballots for ${contest.id}, more than the 1 sessions cast it at this booth` });
    await until(() => station.seat.phase === 'closed');
    expect(station.seat.store.ballots()).toHaveLength(station.seat.store.sessions().reduce((n, s) => n + s.contests.length, 0));
    expect(station.seat.reconcile().ok).toBe(true);
  });

  it("cannot grow its log in the console's store past its limit", async () => {
    station = await openStation(['B1']);
    station.stop('B1');
    expect(station.seat.closeVoting().ok).toBe(true);
    // A chain that holds, of entries near the longest a line may be, past the limit.
    const entries: LogEntry[] = [];
    for (let size = 0; size < MAX_BOOTH_LOG_BYTES + 2 * MAX_BOOTH_FRAME_BYTES; ) {
      const entry = nextEntry(entries.at(-1), 'frame-rejected', { reason: 'x'.repeat(3800) });
      entries.push(entry);
      size += JSON.stringify(entry).length;
    }
    await forge(station, 'B1', chunkByBytes(entries.map((e) => JSON.stringify(e))).map((lines) => ({ type: 'log', lines })));
    expect(refusals(station).some((r) => r.reason === `the booth's log would pass ${MAX_BOOTH_LOG_BYTES} bytes`)).toBe(true);
    expect(station.seat.store.booth('B1')!.log!.length).toBeLessThanOrEqual(MAX_BOOTH_LOG_BYTES);
  });
});
