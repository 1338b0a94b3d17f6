// Pairing by certificate (docs/design.md §6) and fresh link authentication (docs/threat-model.md R32): the console
// lets a booth wait for the president only with the office's certificate of a booth of this comune,
// for its key, and not a machine already paired; each refusal is logged. A hello recorded on one
// connection and replayed on another cannot take a booth's place.
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { encodeSidecar, signBytes, signCertificate } from '@seggio/ballot-core';
import { BoothService } from '@seggio/booth';
import { fingerprint, fromBase64, toBase64, type SigningKeyPair } from '@seggio/crypto';
import { readKeyFile } from '@seggio/crypto/key-file';
import { nodeCrypto } from '@seggio/crypto/node';
import { ConsoleMessage, enrolMachine, openFrame, signFrame, type WireCertificate } from '@seggio/link';
import { SeatConsole } from '../src/service/index.js';
import { refusal } from '../src/shared/refusals.js';

const ELECTION = readFileSync(new URL('../../../fixtures/sanvalle-2020.election.json', import.meta.url));
const COMUNE = '999001';

async function until<T>(probe: () => T | undefined | false | null): Promise<T> {
  for (let i = 0; i < 2000; i++) {
    const v = probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out');
}

let dir: string;
let office: SigningKeyPair;
let seat: SeatConsole;
const running: { stop(): void }[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seggio-pairing-'));
  office = nodeCrypto.generateSigningKeyPair();
  enrolMachine(nodeCrypto, office, { keyPath: join(dir, 'C1.key'), role: 'console', machine: 'C1', comune: COMUNE });
  seat = await SeatConsole.start(nodeCrypto, { storePath: null, machineKeyPath: join(dir, 'C1.key'), officeKey: office.publicKey, host: '127.0.0.1', port: 0, say: () => undefined });
  seat.loadElection({ bytes: ELECTION, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, ELECTION, office))) });
  await seat.createKeys({ section: '3' });
});
afterEach(async () => {
  for (const r of running.splice(0)) r.stop();
  await seat.stop();
});

/** A booth with its key file in the test folder, enrolled as `machine` for `comune` unless told otherwise. */
function booth(machine: string, enrol: { comune?: string; role?: 'booth' | 'console' } | null = {}): BoothService {
  const keyPath = join(dir, `${machine}-${Math.random().toString(36).slice(2)}.key`);
  if (enrol) enrolMachine(nodeCrypto, office, { keyPath, role: enrol.role ?? 'booth', machine, comune: enrol.comune ?? COMUNE });
  const service = BoothService.start(nodeCrypto, { storePath: null, machineKeyPath: keyPath, officeKey: office.publicKey, consoleUrl: seat.url, say: () => undefined });
  running.push(service);
  return service;
}

const refusals = () => seat.store.log().filter((e) => e.event === 'booth-refused').map((e) => e.detail);

const wire = (signed: ReturnType<typeof signCertificate>): WireCertificate => ({ bytes: toBase64(signed.bytes), signer: toBase64(signed.sidecar.signer), signature: toBase64(signed.sidecar.signature) });

/** A client of its own on the link: it waits for the console's challenge, then says what it is told to. */
async function client(): Promise<{ challenge: string; send(text: string): void; close(): void }> {
  const socket = new WebSocket(seat.url);
  const first = await new Promise<string>((resolve, reject) => {
    socket.once('message', (data) => resolve((data as Buffer).toString('utf8')));
    socket.once('error', reject);
  });
  const frame = openFrame(nodeCrypto, new Uint8Array(32), first, ConsoleMessage, true);
  if (!frame.ok || frame.value.body.type !== 'challenge') throw new Error('no challenge');
  const closer = { stop: () => socket.terminate() };
  running.push(closer);
  return { challenge: frame.value.body.nonce, send: (text) => socket.send(text), close: closer.stop };
}

const hello = (key: SigningKeyPair, challenge: string, certificate: WireCertificate | null, to: Uint8Array | null = null, counter = 0) =>
  signFrame(nodeCrypto, key, to, counter, { type: 'hello', state: 'unpaired', lastReceived: 0, challenge, nonce: toBase64(nodeCrypto.randomBytes(32)), certificate });

describe('pairing by certificate', () => {
  it("an enrolled booth waits with its machine id beside its fingerprint, and pairs once the president confirms both", async () => {
    const b = booth('K1');
    const waiting = await until(() => seat.getView().pendingBooths[0]);
    expect(waiting).toEqual({ fingerprint: b.getView().boothFingerprint, machine: 'K1' });
    expect(seat.pairBooth({ fingerprint: waiting.fingerprint, id: 'B1' }).ok).toBe(true);
    expect(seat.setupDocument()).toMatchObject({ consoleMachine: 'C1', booths: [{ id: 'B1', machine: 'K1', publicKey: toBase64(b.publicKey) }] });
    expect(seat.store.log().find((e) => e.event === 'booth-paired')?.detail).toEqual({ booth: 'B1', fingerprint: waiting.fingerprint, machine: 'K1' });
    // Paired, the console keeps the certificate the booths were given.
    expect(seat.importCertificate({ file: 'C2.json' })).toEqual({ ok: false, error: refusal('certificate-after-pairing') });
  });

  it('an unenrolled booth is refused and logged, and never waits for the president', async () => {
    const b = booth('K1', null);
    expect(b.getView().state).toBe('unenrolled');
    await until(() => refusals().length > 0);
    expect(refusals()).toEqual([{ fingerprint: b.getView().boothFingerprint, machine: '', reason: 'unenrolled', count: 1 }]);
    expect(seat.getView().pendingBooths).toEqual([]);
  });

  it("a booth enrolled for another comune is refused and logged", async () => {
    const b = booth('K9', { comune: '999002' });
    await until(() => refusals().length > 0);
    expect(refusals()).toEqual([{ fingerprint: b.getView().boothFingerprint, machine: 'K9', reason: 'other-comune', count: 1 }]);
    expect(seat.getView().pendingBooths).toEqual([]);
  });

  it("a console's certificate presented by a booth is refused and logged", async () => {
    const key = nodeCrypto.generateSigningKeyPair();
    const link = await client();
    link.send(hello(key, link.challenge, wire(signCertificate(nodeCrypto, office, { comune: COMUNE, role: 'console', machine: 'C2', publicKey: toBase64(key.publicKey) }))));
    await until(() => refusals().length > 0);
    expect(refusals()).toEqual([{ fingerprint: fingerprint(key.publicKey), machine: 'C2', reason: 'other-role', count: 1 }]);
    expect(seat.getView().pendingBooths).toEqual([]);
  });

  it("a certificate of another machine's key, or not the office's, is refused and logged", async () => {
    const key = nodeCrypto.generateSigningKeyPair();
    const other = nodeCrypto.generateSigningKeyPair();
    const link = await client();
    link.send(hello(key, link.challenge, wire(signCertificate(nodeCrypto, office, { comune: COMUNE, role: 'booth', machine: 'K5', publicKey: toBase64(other.publicKey) }))));
    link.send(hello(key, link.challenge, wire(signCertificate(nodeCrypto, other, { comune: COMUNE, role: 'booth', machine: 'K5', publicKey: toBase64(key.publicKey) }))));
    await until(() => refusals().length > 1);
    expect(refusals().map((r) => r.reason)).toEqual(['other-key', 'not-office']);
  });

  it('a machine already paired is refused, at hello and at pairing', async () => {
    const first = booth('K1');
    await until(() => seat.getView().pendingBooths.length === 1);
    const second = booth('K1');
    await until(() => seat.getView().pendingBooths.length === 2);
    expect(seat.pairBooth({ fingerprint: first.getView().boothFingerprint, id: 'B1' }).ok).toBe(true);
    expect(seat.pairBooth({ fingerprint: second.getView().boothFingerprint, id: 'B2' })).toEqual({ ok: false, error: refusal('booth-machine-paired', { fingerprint: second.getView().boothFingerprint, machine: 'K1' }) });
    const third = booth('K1');
    await until(() => refusals().length > 1);
    expect(refusals()).toEqual([
      { fingerprint: second.getView().boothFingerprint, machine: 'K1', reason: 'machine-paired', count: 1 },
      { fingerprint: third.getView().boothFingerprint, machine: 'K1', reason: 'machine-paired', count: 1 },
    ]);
  });

  it('an unenrolled console pairs no booth, and says so', async () => {
    await seat.stop();
    seat = await SeatConsole.start(nodeCrypto, { storePath: null, machineKeyPath: join(dir, 'unenrolled.key'), officeKey: office.publicKey, host: '127.0.0.1', port: 0, say: () => undefined });
    seat.loadElection({ bytes: ELECTION, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, ELECTION, office))) });
    await seat.createKeys({ section: '3' });
    const b = booth('K1');
    await until(() => seat.getView().pendingBooths.length === 1);
    expect(seat.pairBooth({ fingerprint: b.getView().boothFingerprint, id: 'B1' })).toEqual({
      ok: false,
      error: refusal('console-unenrolled', { fingerprint: seat.getView().consoleFingerprint }),
    });
  });
});

describe('each connection proves its key against a fresh challenge (R32)', () => {
  it("a booth's hello recorded on one connection and replayed on another does not take the booth's place", async () => {
    const keyPath = join(dir, 'K1.key');
    enrolMachine(nodeCrypto, office, { keyPath, role: 'booth', machine: 'K1', comune: COMUNE });
    const real = BoothService.start(nodeCrypto, { storePath: null, machineKeyPath: keyPath, officeKey: office.publicKey, consoleUrl: seat.url, say: () => undefined });
    running.push(real);
    await until(() => seat.getView().pendingBooths.length === 1);
    seat.pairBooth({ fingerprint: real.getView().boothFingerprint, id: 'B1' });
    await until(() => real.getView().state === 'confirming');
    real.confirmConsole({ accept: true });
    await until(() => seat.getView().booths[0]?.zeroReport);
    expect(seat.openVoting().ok).toBe(true);
    await until(() => seat.getView().booths[0]?.state === 'idle' && seat.getView().booths[0]?.connected);

    // What an attacker on the LAN recorded: the booth's own signed hello, answering another connection's challenge.
    const key = readKeyFile(nodeCrypto, keyPath);
    const certificate = keyPath.replace(/\.key$/, '.cert.json');
    const presented: WireCertificate = { bytes: readFileSync(certificate).toString('base64'), ...(JSON.parse(readFileSync(`${certificate}.sig`, 'utf8')) as { signer: string; signature: string }) };
    const recorded = hello(key, (await client()).challenge, presented, fromBase64(seat.setupDocument()!.console), 1 << 20);
    const attacker = await client();
    attacker.send(recorded);
    await until(() => seat.store.log().some((e) => e.event === 'frame-rejected' && String(e.detail.reason).includes('challenge')));

    // Even signed by the booth's key and with the next counter, a frame on a connection that key did
    // not open with a hello is not taken.
    const lastReceived = seat.store.booth('B1')!.lastReceived;
    attacker.send(signFrame(nodeCrypto, key, fromBase64(seat.setupDocument()!.console), lastReceived + 1, { type: 'devices', keypad: 'absent', voice: false }));
    await until(() => seat.store.log().some((e) => e.event === 'frame-rejected' && String(e.detail.reason).includes('did not open with a hello')));
    expect(seat.store.booth('B1')!.lastReceived).toBe(lastReceived);

    // The booth keeps its place: the next voter's token reaches the real booth.
    const enabled = seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'F' });
    expect(enabled.ok).toBe(true);
    await until(() => real.getView().session?.id === (enabled.ok ? enabled.value.session : null));
  });
});


describe("the console's machine key (R35)", () => {
  it('is in a file only its user can read, and never in the store, whose keys are made at set-up', async () => {
    await seat.stop();
    const keyPath = join(dir, 'fresh', 'console.key');
    seat = await SeatConsole.start(nodeCrypto, { storePath: join(dir, 'console.db'), machineKeyPath: keyPath, officeKey: office.publicKey, host: '127.0.0.1', port: 0, say: () => undefined });
    seat.loadElection({ bytes: ELECTION, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, ELECTION, office))) });
    await seat.createKeys({ section: '3' });
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    const secret = toBase64(readKeyFile(nodeCrypto, keyPath).secretKey);
    for (const file of ['console.db', 'console.db-wal'].filter((f) => existsSync(join(dir, f)))) expect(readFileSync(join(dir, file)).toString('latin1').includes(secret), file).toBe(false);
    expect(seat.setupDocument()!.console).toBe(toBase64(readKeyFile(nodeCrypto, keyPath).publicKey));
  });
});
