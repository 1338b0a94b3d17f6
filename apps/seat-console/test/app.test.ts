// What the console's interface reaches through either shell: the contract's methods with their inputs
// checked (a malformed request is refused with a reason, never thrown), packages read from the import
// folder by file name only, the turnout report written to the export folder, and the web shell
// answering only the contract. And the console window's options (docs/threat-model.md R23), without Electron.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { encodeSidecar, signBytes } from '@seggio/ballot-core';
import { combineUrnaShares, fingerprint, splitUrnaKey, type ShareProblem } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { enrolMachine } from '@seggio/link';
import { appOrigin, devToolsWanted } from '@seggio/shell/guards';
import type { Dispatch } from '@seggio/shell/contract';
import { CONSOLE_CONTRACT, hostConsole, SeatConsole } from '../src/service/index.js';
import { allowPermission, createConsoleWindow, SCHEME } from '../src/main/window.js';
import { refusal, refusalLine, REFUSALS, type Refusal } from '../src/shared/refusals.js';
import { startConsoleWebShell, type WebShell } from '../src/web/host.js';

const ELECTION = readFileSync(new URL('../../../demo/sanvalle-demo.election.json', import.meta.url));

let dir: string;
let seat: SeatConsole;
let dispatch: Dispatch;
const office = nodeCrypto.generateSigningKeyPair();
const signature = () => new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, ELECTION, office)));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seggio-console-app-'));
  mkdirSync(join(dir, 'drive'));
  enrolMachine(nodeCrypto, office, { keyPath: join(dir, 'console.key'), role: 'console', machine: 'C1', comune: '999001' });
  seat = await SeatConsole.start(nodeCrypto, { storePath: null, machineKeyPath: join(dir, 'console.key'), officeKey: office.publicKey, host: '127.0.0.1', port: 0, packagesDir: join(dir, 'drive'), exportDir: join(dir, 'export') });
  dispatch = hostConsole(seat).dispatch;
});
afterEach(async () => seat.stop());

/** Calls a method as either shell does for a page: with whatever it sends. */
const call = (method: string, input: unknown) => {
  const asked = dispatch(method, input);
  return asked.known ? asked.answer : 'unknown';
};
const ORIGIN = appOrigin(SCHEME).origin;

describe('the contract as the shells serve it', () => {
  it('lists every method the interface uses, and nothing of the service beyond them', async () => {
    const methods = Object.keys(CONSOLE_CONTRACT.methods);
    for (const internal of ['stop', 'setupDocument', 'votersByContest', 'turnoutReport', 'loadElection', 'store', 'constructor']) {
      expect(methods).not.toContain(internal);
      expect([internal, await call(internal, {})]).toEqual([internal, 'unknown']);
    }
  });

  it.each([
    ['loadPackage', { file: 7 }],
    ['loadElectionFiles', { bytes: 'not base64!', signature: '' }],
    ['loadElectionFiles', null],
    ['createKeys', { section: '3', threshold: '3' }],
    ['pairBooth', { fingerprint: ['x'] }],
    ['importCertificate', { file: 3 }],
    ['importRoll', { file: 'roll.csv' }],
    ['lookupVoter', { number: 1.5 }],
    ['enableBooth', { booth: 'B1', category: 'MARTIAN', sex: 'F' }],
    ['enableBooth', { booth: 'B1', category: 'IT', sex: 'X' }],
    ['enableBooth', { booth: 'B1', category: 'IT', sex: 'F', accepts: 'REF-2020-1' }],
    ['cancelSession', {}],
    ['recordTurnout', { checkpoint: 1 }],
    ['recordTurnout', { checkpoint: 'C1', early: 'yes' }],
    ['closeVoting', { early: 1 }],
    ['closeVoting', null],
    ['saveTurnoutReport', 'C1'],
    ['count', { shares: 'a b c' }],
    ['exportBundle', { dir: '   ' }],
    ['exportBundle', { dir: '/tmp/x', publicOnly: 'yes' }],
  ] as const)('%s refuses %j with a reason', async (method, input) => {
    const result = (await call(method, input)) as { ok: false; error: Refusal | Refusal[] };
    expect(result.ok).toBe(false);
    expect([result.error].flat().map((r) => r.code)).toEqual([expect.stringMatching(/^(request-malformed|package-files-missing|package-files-damaged|roll-missing|shares-missing|bundle-folder-missing)$/)]);
  });

  it('loads a package from the import folder by its file name only, and needs its signature beside it', () => {
    expect(seat.listPackages()).toEqual({ ok: true, value: [] });
    writeFileSync(join(dir, 'drive', 'election.json'), ELECTION);
    expect(seat.listPackages()).toEqual({ ok: true, value: [{ file: 'election.json', signature: false }] });
    expect(seat.loadPackage({ file: 'election.json' })).toEqual({ ok: false, error: [refusal('signature-missing', { file: join(dir, 'drive', 'election.json') })] });
    writeFileSync(join(dir, 'outside.json'), ELECTION);
    writeFileSync(join(dir, 'outside.json.sig'), signature());
    expect(seat.loadPackage({ file: '../outside.json' })).toEqual({ ok: false, error: [refusal('not-a-package', { file: '../outside.json' })] });
    writeFileSync(join(dir, 'drive', 'election.json.sig'), signature());
    expect(seat.listPackages()).toEqual({ ok: true, value: [{ file: 'election.json', signature: true }] });
    expect(seat.loadPackage({ file: 'election.json' })).toMatchObject({ ok: true, value: { digest: nodeCrypto.sha256Hex(ELECTION) } });
    expect(seat.getView().phase).toBe('setup');
  });

  it('says plainly when the import folder is missing', async () => {
    const other = await SeatConsole.start(nodeCrypto, { storePath: null, machineKeyPath: join(dir, 'console.key'), officeKey: office.publicKey, host: '127.0.0.1', port: 0, packagesDir: join(dir, 'no-drive') });
    expect(other.listPackages()).toEqual({ ok: false, error: refusal('import-folder-missing', { dir: join(dir, 'no-drive') }) });
    await other.stop();
  });

  it('takes the package as base64 files from the page, and names the file a bad signature is in', async () => {
    const bytes = Buffer.from(ELECTION).toString('base64');
    const forged = nodeCrypto.generateSigningKeyPair();
    const bad = Buffer.from(encodeSidecar(signBytes(nodeCrypto, ELECTION, forged))).toString('base64');
    const refused = (await call('loadElectionFiles', { bytes, signature: bad })) as { ok: false; error: Refusal[] };
    // Signed by another key: both fingerprints, for the president to compare with the office's.
    expect(refused).toEqual({ ok: false, error: [refusal('package-other-key', { file: 'election.json.sig', signer: fingerprint(forged.publicKey), expected: fingerprint(office.publicKey) })] });
    // The office's signature over other bytes: the package was changed after signing.
    const changed = Buffer.from(new TextDecoder().decode(ELECTION).replace('Sezione 3', 'Sezione 4')).toString('base64');
    const tampered = (await call('loadElectionFiles', { bytes: changed, signature: Buffer.from(signature()).toString('base64') })) as { ok: false; error: Refusal[] };
    expect(tampered.error).toHaveLength(1);
    expect(tampered.error[0]).toEqual({ code: 'package-signature', params: { file: 'election.json.sig', reason: expect.stringMatching(/.+/) as unknown } });
    expect(await call('loadElectionFiles', { bytes, signature: 'e30=' })).toEqual({ ok: false, error: [refusal('package-sig-unreadable', { file: 'election.json.sig', reason: 'must be {"signer": <base64 public key>, "signature": <base64>}' })] });
    // The files as the president picked them are named; a name that is a path is not taken.
    const named = (await call('loadElectionFiles', { bytes, signature: bad, names: { package: 'sanvalle.json', signature: 'firma ufficio.sig' } })) as { ok: false; error: Refusal[] };
    expect(named.error[0]).toMatchObject({ code: 'package-other-key', params: { file: 'firma ufficio.sig' } });
    const pathed = (await call('loadElectionFiles', { bytes, signature: bad, names: { package: '../x.json', signature: '/etc/x.sig' } })) as { ok: false; error: Refusal[] };
    expect(pathed.error[0]).toMatchObject({ code: 'package-other-key', params: { file: 'election.json.sig' } });
    expect(await call('loadElectionFiles', { bytes, signature: Buffer.from(signature()).toString('base64') })).toMatchObject({ ok: true });
  });

  it('refuses shares outside 2 ≤ k ≤ n ≤ 20, and gives a QR code with each share', async () => {
    seat.loadElection({ bytes: ELECTION, signature: signature() });
    expect(await seat.createKeys({ section: '3', threshold: 1, count: 5 })).toEqual({ ok: false, error: refusal('shares-range', { k: 1, n: 5 }) });
    expect(await seat.createKeys({ section: '3', threshold: 4, count: 3 })).toMatchObject({ ok: false });
    const keys = await seat.createKeys({ section: '3', threshold: 2, count: 3 });
    if (!keys.ok) throw new Error(refusalLine(keys.error));
    expect(keys.value.qrCodes).toHaveLength(3);
    for (const qr of keys.value.qrCodes) {
      expect(qr).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(Buffer.from(qr.split(',')[1]!, 'base64').toString('utf8')).toContain('<svg');
    }
    expect(seat.getView().shares).toEqual({ threshold: 2, count: 3 });
  });

  it('records a checkpoint before its time only when the president confirms it, and the log says so', async () => {
    const later = new TextEncoder().encode(new TextDecoder().decode(ELECTION).replaceAll('2020-09-2', '2099-09-2'));
    expect(seat.loadElection({ bytes: later, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, later, office))) })).toMatchObject({ ok: true });
    await seat.createKeys({ section: '3' });
    expect(seat.recordTurnout({ checkpoint: 'C1' })).toEqual({ ok: false, error: refusal('checkpoint-early', { checkpoint: 'C1' }) });
    expect(seat.getView().turnout!.checkpoints[0]!.recorded).toBeFalsy();
    expect(seat.recordTurnout({ checkpoint: 'C1', early: true })).toMatchObject({ ok: true });
    expect(seat.getView().log.at(-1)).toMatchObject({ event: 'turnout-recorded', detail: { checkpoint: 'C1', early: 'before-its-time' } });
  });

  it('writes a recorded checkpoint for the Prefettura into the export folder, and refuses one not recorded', async () => {
    seat.loadElection({ bytes: ELECTION, signature: signature() });
    await seat.createKeys({ section: '3' });
    expect(seat.saveTurnoutReport({ checkpoint: 'C1' })).toEqual({ ok: false, error: refusal('checkpoint-not-recorded', { checkpoint: 'C1' }) });
    expect(seat.recordTurnout({ checkpoint: 'C1' })).toMatchObject({ ok: true });
    const saved = seat.saveTurnoutReport({ checkpoint: 'C1' });
    if (!saved.ok) throw new Error(refusalLine(saved.error));
    expect(saved.value.file).toBe(join(dir, 'export', 'DEMO-2020-09-20-999001-sezione-3', 'affluenza-C1.csv'));
    const report = seat.turnoutReport({ checkpoint: 'C1' });
    expect(report.ok && readFileSync(saved.value.file, 'utf8') === report.value).toBe(true);
    expect(seat.getView().turnout!.checkpoints[0]).toMatchObject({ id: 'C1', recorded: { 'REF-2020-1': { M: 0, F: 0, T: 0 } } });
  });

  it('says when no roll was imported, rather than that the number is missing', () => {
    seat.loadElection({ bytes: ELECTION, signature: signature() });
    expect(seat.lookupVoter({ number: 1 })).toEqual({ ok: false, error: refusal('no-roll') });
  });
});

describe('the console web shell', () => {
  let shell: WebShell;
  beforeEach(async () => {
    const renderer = mkdtempSync(join(tmpdir(), 'seggio-console-renderer-'));
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
    shell = await startConsoleWebShell(seat, renderer);
  });
  afterEach(async () => shell.close());

  function open(): Promise<WebSocket> {
    const page = new URL(shell.url);
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://${page.host}/bridge?token=${encodeURIComponent(page.searchParams.get('token')!)}`, { origin: page.origin });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
  }
  const ask = (socket: WebSocket, message: object) =>
    new Promise<{ id?: number; result?: unknown; event?: string }>((resolve) => {
      const listener = (data: Buffer) => {
        const parsed = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown };
        if (parsed.id !== undefined) {
          socket.off('message', listener);
          resolve(parsed);
        }
      };
      socket.on('message', listener);
      socket.send(JSON.stringify(message));
    });

  it("answers the contract's methods, leaves the service's others unanswered, and pushes the view", async () => {
    const socket = await open();
    expect(await ask(socket, { id: 1, method: 'getView' })).toMatchObject({ id: 1, result: { phase: 'no-election', officeFingerprint: seat.getView().officeFingerprint } });
    // 'stop' is a method of the service, not of the contract: no answer, and the service lives on.
    socket.send(JSON.stringify({ id: 2, method: 'stop' }));
    socket.send(JSON.stringify({ id: 3, method: 'constructor' }));
    const pushed = new Promise<unknown>((resolve) => socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { event?: string; data?: unknown };
      if (message.event === 'view') resolve(message.data);
    }));
    const loaded = await ask(socket, { id: 4, method: 'loadElectionFiles', input: { bytes: Buffer.from(ELECTION).toString('base64'), signature: Buffer.from(signature()).toString('base64') } });
    expect(loaded).toMatchObject({ id: 4, result: { ok: true } });
    expect(await pushed).toMatchObject({ phase: 'setup' });
    expect(seat.listPackages().ok).toBe(true);
    socket.close();
  });
});

describe('the console window', () => {
  class Captured {
    constructor(readonly options: { kiosk?: boolean; webPreferences?: object }) {}
  }
  it('has devtools only with SEGGIO_DEVTOOLS=1 on an unpackaged build, never merely because it is unpackaged (R36)', () => {
    const devTools = (env: Record<string, string>, packaged: boolean) => (createConsoleWindow(Captured, '/p', devToolsWanted(env, packaged)).options.webPreferences as { devTools?: boolean }).devTools;
    expect([devTools({}, true), devTools({}, false), devTools({ SEGGIO_DEVTOOLS: '1' }, true), devTools({ SEGGIO_DEVTOOLS: 'yes' }, false)]).toEqual([false, false, false, false]);
    expect(devTools({ SEGGIO_DEVTOOLS: '1' }, false)).toBe(true);
  });
  it('main.ts starts through the shell (which guards its pages) with the camera its one permission, and is not a kiosk', () => {
    const main = readFileSync(new URL('../src/main/main.ts', import.meta.url), 'utf8');
    expect(main).toContain('kiosk: false');
    expect(main).toContain('permit: allowPermission');
  });
  it('has an isolated, sandboxed renderer without Node, no devtools, and is not a kiosk', () => {
    const options = createConsoleWindow(Captured, '/app/preload.cjs', devToolsWanted({}, true)).options;
    expect(options.kiosk).toBeUndefined();
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false, devTools: false, preload: '/app/preload.cjs' });
  });
  it('navigates only within its own protocol', () => {
    const { isOwnUrl } = appOrigin(SCHEME);
    expect(isOwnUrl(`${ORIGIN}/index.html`)).toBe(true);
    for (const url of ['file:///etc/passwd', 'https://example.org/', 'seggio-booth://app/index.html', 'not a url']) expect(isOwnUrl(url)).toBe(false);
    // The camera, for the shares' QR codes, and nothing else: no microphone, no other page, no other permission.
    expect(allowPermission('media', `${ORIGIN}/index.html`, ['video'])).toBe(true);
    expect(allowPermission('media', `${ORIGIN}/index.html`, ['video', 'audio'])).toBe(false);
    expect(allowPermission('media', `${ORIGIN}/index.html`, ['audio'])).toBe(false);
    expect(allowPermission('media', `${ORIGIN}/index.html`, [])).toBe(false);
    expect(allowPermission('media', `${ORIGIN}/index.html`, undefined)).toBe(false);
    expect(allowPermission('media', 'https://example.org/', ['video'])).toBe(false);
    for (const other of ['geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(allowPermission(other, `${ORIGIN}/index.html`, ['video'])).toBe(false);
  });
});

describe("the shares' refusals, as @seggio/crypto gives them", () => {
  it('are all codes of the console catalogue, which the president is told in Italian, German or English', async () => {
    const urna = nodeCrypto.generateBoxKeyPair();
    const other = nodeCrypto.generateBoxKeyPair();
    const shares = await splitUrnaKey(nodeCrypto, urna, { threshold: 3, count: 5 });
    const foreign = await splitUrnaKey(nodeCrypto, other, { threshold: 3, count: 5 });
    const again = await splitUrnaKey(nodeCrypto, urna, { threshold: 3, count: 5 });
    const otherSplit = await splitUrnaKey(nodeCrypto, urna, { threshold: 2, count: 3 });
    // One letter mistyped in the middle of the share (not in the base32 padding at its end).
    const at = shares[0]!.indexOf('-', 12) + 1;
    const typo = shares[0]!.slice(0, at) + (shares[0]![at] === 'A' ? 'B' : 'A') + shares[0]!.slice(at + 1);
    const attempts: ShareProblem[][] = [];
    for (const entered of [
      ['hello', shares[1]!, shares[2]!],
      [shares[0]!.slice(0, 20), shares[1]!, shares[2]!],
      [typo, shares[1]!, shares[2]!],
      // Two letters mistyped cannot be located: only the checksum is said; one is, by its position.
      [typo.slice(0, at + 5) + (typo[at + 5] === 'A' ? 'B' : 'A') + typo.slice(at + 6), shares[1]!, shares[2]!],
      [typo.slice(0, at + 5) + '1' + typo.slice(at + 6), shares[1]!, shares[2]!],
      [foreign[0]!, shares[1]!, shares[2]!],
      [shares[0]!, shares[0]!, shares[2]!],
      [],
      [shares[0]!, again[1]!, shares[2]!],
      [shares[0]!, otherSplit[1]!, shares[2]!],
      [shares[0]!, shares[1]!],
    ]) {
      const result = await combineUrnaShares(nodeCrypto, entered, urna.publicKey);
      if (!result.ok) attempts.push(result.error);
    }
    const reasons = attempts.flat();
    expect(reasons.length).toBeGreaterThanOrEqual(8);
    for (const reason of reasons) expect(Object.keys(REFUSALS), reason.code).toContain(reason.code);
    // A mix of two splittings of the same size is found wrong by the public key, or, when two shares
    // happen to carry the same x coordinate, as a mix: either way a code of the table.
    const codes = new Set(reasons.map((r) => r.code));
    for (const code of ['share-prefix', 'share-length', 'share-checksum', 'share-character', 'share-letter', 'share-other-key', 'share-twice', 'shares-none', 'shares-mixed', 'shares-too-few'] as const) expect(codes).toContain(code);
    const mixed = await combineUrnaShares(nodeCrypto, [shares[0]!, again[1]!, shares[2]!], urna.publicKey);
    expect(mixed.ok ? null : mixed.error[0]!.code).toMatch(/^shares-(wrong|mixed)$/);
  });
});
