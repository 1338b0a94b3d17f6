// The office prepares the day's first package (docs/design.md §7): started with no election it only
// prepares, and its intake, turnout and results are closed, saying why; the package its staff sign becomes
// its election with no restart; and what was prepared (the folder, the problems, the package, its signature
// and summary, every certificate) is kept in its store, so a restarted office shows it byte for byte.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentBytes, encodeSidecar, MACHINE_REQUEST_FORMAT, signBytes } from '@seggio/ballot-core';
import { fingerprint, toBase64, type SigningKeyPair } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { dayPreparation, Office, OfficeServer, OfficeStore, type Answer, type MachinesView, type PackageView } from '@seggio/office';
import { REPO_ROOT } from '../support/index.js';

const dir = mkdtempSync(join(tmpdir(), 'seggio-preparing-'));
const drive = join(dir, 'chiavetta');
const storePath = join(dir, 'office.db');
const officeKey = nodeCrypto.generateSigningKeyPair();
const demoFolder = join(REPO_ROOT, 'demo', 'sanvalle-demo');
const folderBody = (folder: string, change: (name: string, bytes: Buffer) => Buffer = (_n, b) => b) => ({
  files: readdirSync(folder).map((name) => ({ name, data: change(name, readFileSync(join(folder, name))).toString('base64') })),
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An office on the store file, with no --election, and its two faces. */
async function startOffice(key: SigningKeyPair = officeKey) {
  const office = await Office.start(nodeCrypto, { storePath, key });
  const server = await OfficeServer.listen(office, { host: '127.0.0.1', port: 0, staffPort: 0, rendererDir: join(dir, 'no-renderer'), preparation: dayPreparation(office, { drive, register: join(dir, 'registro') }) });
  const url = new URL(server.staffUrl);
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; answer: T }> => {
    const response = await fetch(`${url.origin}/${path}`, { method, headers: { 'x-seggio-token': url.searchParams.get('token')!, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: response.status, answer: (await response.json()) as T };
  };
  const bytes = async (path: string) => new Uint8Array(await (await fetch(`${url.origin}/${path}`, { headers: { 'x-seggio-token': url.searchParams.get('token')! } })).arrayBuffer());
  return { office, server, call, bytes, stop: async () => (await server.close(), await office.close()) };
}

function request(machine: string, role: 'console' | 'booth', key: SigningKeyPair): void {
  mkdirSync(join(drive, 'richieste'), { recursive: true });
  const bytes = documentBytes({ format: MACHINE_REQUEST_FORMAT, role, machine, publicKey: toBase64(key.publicKey) });
  writeFileSync(join(drive, 'richieste', `${machine}.request.json`), bytes);
  writeFileSync(join(drive, 'richieste', `${machine}.request.json.sig`), encodeSidecar(signBytes(nodeCrypto, bytes, key)));
}

describe('an office started with no election', () => {
  it('prepares only: intake, turnout, results and enrolment closed, each saying why; the package signed becomes its election without a restart', async () => {
    const { office, server, call, stop } = await startOffice();
    try {
      expect(office.ready).toBe(false);
      expect((await call('GET', 'api/view')).answer).toEqual({ preparing: true, publicUrl: server.publicUrl });
      // A console's push is answered 503 with the reason, so that it stays queued in the console.
      const push = await fetch(new URL('api/v1/sections', server.publicUrl), { method: 'POST', headers: { 'content-type': 'application/x-tar' }, body: new Uint8Array(512) });
      expect([push.status, await push.json()]).toEqual([503, { ok: false, problems: [{ code: 'no-election', params: {} }] }]);
      const turnout = await fetch(new URL('api/v1/turnout', server.publicUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(turnout.status).toBe(503);
      expect(await office.submit('upload', 'a.tar', new Uint8Array(512))).toEqual({ ok: false, problems: [{ code: 'no-election', params: {} }] });
      const page = await fetch(server.publicUrl);
      expect([page.status, await page.text()]).toEqual([503, expect.stringContaining('nessun pacchetto elettorale è ancora firmato')]);
      const german = await fetch(new URL('?lang=de', server.publicUrl));
      expect([german.status, await german.text()]).toEqual([503, expect.stringContaining('Es ist noch kein Wahlpaket signiert')]);
      // No comune to enrol machines for until a package names one.
      request('POSTAZIONE-1', 'console', nodeCrypto.generateSigningKeyPair());
      expect((await call<MachinesView>('GET', 'api/machines')).answer.comune).toBeNull();
      expect((await call('POST', 'api/machines/enrol', { file: 'richieste/POSTAZIONE-1.request.json', confirm: 'AAAA' })).answer).toEqual({ ok: false, problems: [{ code: 'no-comune', params: {} }] });

      expect((await call('POST', 'api/package/build', folderBody(demoFolder))).status).toBe(200);
      expect((await call<MachinesView>('GET', 'api/machines')).answer.comune).toBe('999001');
      expect(office.ready).toBe(false);
      const signed = await call<Answer<PackageView>>('POST', 'api/package/sign');
      expect(signed.answer.ok && signed.answer.view.officeElection).toBe(signed.answer.ok && signed.answer.view.digest);
      expect(office.ready).toBe(true);
      expect(office.election.id).toBe('DEMO-2020-09-20-999001');
      // Asked again, and after the same folder built again: the package signed stays as it is, with its signature, not a second one.
      const signature = office.store.preparation.signedPackages()[0]!.signature;
      const final = (await call<PackageView>('GET', 'api/package')).answer;
      expect((await call('POST', 'api/package/sign')).status).toBe(200);
      expect((await call('POST', 'api/package/build', folderBody(demoFolder))).status).toBe(200);
      expect((await call<PackageView>('GET', 'api/package')).answer).toEqual(final);
      // Another folder, once signed: refused when it is built, and the package signed stays shown with the refusal apart from it.
      const changed = folderBody(demoFolder, (name, b) => (name === 'liste.csv' ? Buffer.from(b.toString('utf8').replace('Sanvalle Domani', 'Sanvalle Dopodomani')) : b));
      const refused = await call<Answer<PackageView>>('POST', 'api/package/build', changed);
      expect(refused.status).toBe(409);
      const [problem, ...more] = refused.answer.ok ? [] : refused.answer.problems;
      const other = problem?.code === 'office-other-election' ? problem.params : null;
      expect([other?.officeDigest, other?.digest === final.digest, more]).toEqual([final.digest, false, []]);
      const after = (await call<PackageView>('GET', 'api/package')).answer;
      expect(after).toMatchObject({ state: 'signed', digest: final.digest, officeElection: final.digest, builtAt: final.builtAt, folder: final.folder, problems: [problem] });
      expect(after.refusedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect((await call<Answer<PackageView>>('POST', 'api/package/sign')).answer).toMatchObject({ ok: true, view: { state: 'signed', digest: final.digest } });
      expect(office.store.preparation.signedPackages().map((p) => Buffer.from(p.signature).equals(signature))).toEqual([true]);
      expect((await fetch(server.publicUrl)).status).toBe(200);
      expect((await call<{ sections: unknown[] }>('GET', 'api/view')).answer.sections).toHaveLength(1);
    } finally {
      await stop();
    }
  });

  it('refuses, once it has its election, to build a package of another election, and to sign one kept from before', async () => {
    const other = await Office.start(nodeCrypto, { storePath: null, electionBytes: readFileSync(join(REPO_ROOT, 'fixtures', 'rivafonda-2020.election.json')), key: officeKey });
    const { preparation } = dayPreparation(other, { drive: null, register: join(dir, 'registro-altro') });
    try {
      const files = folderBody(demoFolder).files.map((f) => ({ name: f.name, bytes: Buffer.from(f.data, 'base64') }));
      const built = preparation.build(files);
      const [problem, ...more] = built.ok ? [] : built.problems;
      const refused = problem?.code === 'office-other-election' ? problem.params : null;
      expect([refused?.officeDigest, more]).toEqual([other.ctx.electionDigest, []]);
      expect(refused?.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(preparation.view().state).toBe('none');
      expect(preparation.view().refusedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      // A package of another election in the store, as one built before the office had its election: not signed either.
      const election = readFileSync(join(REPO_ROOT, 'fixtures', 'sanvalle-2020.election.json'));
      other.store.preparation.built({ files, election, digest: nodeCrypto.sha256Hex(election), rules: [] });
      expect(await preparation.sign()).toEqual({ ok: false, problems: [{ code: 'office-other-election', params: { digest: nodeCrypto.sha256Hex(election), officeDigest: other.ctx.electionDigest } }] });
      expect(other.store.preparation.signedPackages()).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('an office started again', () => {
  it('shows the package, its folder, the last problems, the signature, the summary and the certificates as they were, byte for byte', async () => {
    const consoleKey = nodeCrypto.generateSigningKeyPair();
    const first = await startOffice();
    let before: { view: PackageView; election: Uint8Array; machines: MachinesView; drive: Record<string, Buffer> };
    try {
      expect(first.office.ready).toBe(true);
      expect((await first.call<Answer<PackageView>>('POST', 'api/package/drive')).status).toBe(200);
      request('POSTAZIONE-1', 'console', consoleKey);
      expect((await first.call('POST', 'api/machines/enrol', { file: 'richieste/POSTAZIONE-1.request.json', confirm: fingerprint(consoleKey.publicKey).slice(-4) })).status).toBe(200);
      // Enrolled again: the certificate issued then, byte for byte, and still one kept.
      const certificate = readFileSync(join(drive, 'macchine', 'POSTAZIONE-1.json.sig'));
      expect((await first.call('POST', 'api/machines/enrol', { file: 'richieste/POSTAZIONE-1.request.json', confirm: fingerprint(consoleKey.publicKey).slice(-4) })).status).toBe(200);
      expect(readFileSync(join(drive, 'macchine', 'POSTAZIONE-1.json.sig')).equals(certificate)).toBe(true);
      expect(first.office.store.preparation.certificates()).toHaveLength(1);
      // A broken folder afterwards: refused, the package signed stays, the problems are kept beside it.
      const broken = folderBody(demoFolder, (name, b) => (name === 'liste.csv' ? Buffer.from(b.toString('utf8').replace('Sanvalle Domani', '=1+1')) : b));
      expect((await first.call('POST', 'api/package/build', broken)).status).toBe(400);
      const view = (await first.call<PackageView>('GET', 'api/package')).answer;
      expect(view).toMatchObject({ state: 'written', problems: [{ code: 'cell-formula', params: { file: 'liste.csv', line: '3' } }] });
      expect(view.folder.map((f) => f.name)).toEqual(readdirSync(demoFolder).sort());
      before = { view, election: await first.bytes('api/package/election.json'), machines: (await first.call<MachinesView>('GET', 'api/machines')).answer, drive: Object.fromEntries(['election.json', 'election.json.sig', 'riepilogo-elezione.pdf', 'macchine/POSTAZIONE-1.json', 'macchine/POSTAZIONE-1.json.sig'].map((f) => [f, readFileSync(join(drive, f))])) };
    } finally {
      await first.stop();
    }

    rmSync(drive, { recursive: true, force: true });
    mkdirSync(join(drive, 'richieste'), { recursive: true });
    const again = await startOffice();
    try {
      expect(again.office.ready).toBe(true);
      expect((await again.call<PackageView>('GET', 'api/package')).answer).toEqual(before.view);
      expect(Buffer.from(await again.bytes('api/package/election.json')).equals(before.election)).toBe(true);
      // Written again to an empty drive: the very bytes signed and written before.
      expect((await again.call('POST', 'api/package/drive')).status).toBe(200);
      request('POSTAZIONE-1', 'console', consoleKey);
      expect((await again.call('POST', 'api/machines/enrol', { file: 'richieste/POSTAZIONE-1.request.json', confirm: fingerprint(consoleKey.publicKey).slice(-4) })).status).toBe(200);
      for (const [file, bytes] of Object.entries(before.drive)) expect(readFileSync(join(drive, file)).equals(bytes), file).toBe(true);
      expect((await again.call<MachinesView>('GET', 'api/machines')).answer.enrolled).toEqual(before.machines.enrolled);
      const kept = again.office.store.preparation;
      expect(kept.signedPackages().map((p) => [Buffer.from(p.election).equals(before.drive['election.json']!), Buffer.from(p.signature).equals(before.drive['election.json.sig']!)])).toEqual([[true, true]]);
    } finally {
      await again.stop();
    }
  });

  it('refuses the election its store holds when it is given another office key, naming the store', async () => {
    await expect(Office.start(nodeCrypto, { storePath, key: nodeCrypto.generateSigningKeyPair() })).rejects.toThrow(/the store's election [0-9a-f]{64} is not signed by this office's key/);
  });

  it('keeps, in the store itself, one machine per key and one key per machine', () => {
    const store = OfficeStore.open(storePath);
    try {
      const [row] = store.preparation.certificates();
      expect(() => store.preparation.issued({ ...row!, machine: 'ALTRA-MACCHINA' })).toThrow(/UNIQUE/);
      expect(() => store.preparation.issued({ ...row!, publicKey: toBase64(nodeCrypto.generateSigningKeyPair().publicKey) })).toThrow(/UNIQUE|PRIMARY/);
    } finally {
      store.close();
    }
  });
});
