// The office prepares the day (docs/election-package.md, docs/design.md §6) over its staff face: the demo
// package built from its spreadsheets, signed, written to the drive with office.pub and the summary; the
// machines' requests read from the drive, enrolled, their certificates written back; and the refusals.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCertificate, documentBytes, encodeSidecar, MACHINE_REQUEST_FORMAT, parseSidecar, signBytes, verifySidecar } from '@seggio/ballot-core';
import { fingerprint, toBase64, type SigningKeyPair } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { dayPreparation, Office, OfficeServer, type Answer, type MachinesView, type PackageView } from '@seggio/office';
import { REPO_ROOT } from '../support/index.js';
import { pdfText } from '../support/pdf.js';

const dir = mkdtempSync(join(tmpdir(), 'seggio-prepare-'));
const drive = join(dir, 'chiavetta');
const officeKey = nodeCrypto.generateSigningKeyPair();
const demoFolder = join(REPO_ROOT, 'demo', 'sanvalle-demo');
let office: Office;
let server: OfficeServer;
let staff: string;
let token: string;

const folderBody = (folder: string, change: (name: string, bytes: Buffer) => Buffer = (_n, b) => b) => ({
  files: readdirSync(folder).map((name) => ({ name, data: change(name, readFileSync(join(folder, name))).toString('base64') })),
});
async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; answer: T }> {
  const response = await fetch(`${staff}${path}`, { method, headers: { 'x-seggio-token': token, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return { status: response.status, answer: (await response.json()) as T };
}
/** What a machine writes to the drive: its request, signed by its own key. */
function request(name: string, role: 'console' | 'booth', machine: string, key: SigningKeyPair): void {
  mkdirSync(join(drive, 'richieste'), { recursive: true });
  const bytes = documentBytes({ format: MACHINE_REQUEST_FORMAT, role, machine, publicKey: toBase64(key.publicKey) });
  writeFileSync(join(drive, 'richieste', name), bytes);
  writeFileSync(join(drive, 'richieste', `${name}.sig`), encodeSidecar(signBytes(nodeCrypto, bytes, key)));
}

beforeAll(async () => {
  // An office with no election yet: the package signed here becomes its election.
  office = await Office.start(nodeCrypto, { storePath: null, key: officeKey });
  server = await OfficeServer.listen(office, {
    host: '127.0.0.1', port: 0, staffPort: 0, rendererDir: join(dir, 'no-renderer'),
    preparation: dayPreparation(office, { drive, register: join(dir, 'registro') }),
  });
  const url = new URL(server.staffUrl);
  staff = `${url.origin}/`;
  token = url.searchParams.get('token')!;
});

afterAll(async () => {
  await server.close();
  await office.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the package of the day, at the office', () => {
  it('is refused before it is built, signed or has a drive to go to', async () => {
    expect((await call('POST', 'api/package/sign')).answer).toEqual({ ok: false, problems: [{ code: 'nothing-built', params: {} }] });
    expect((await fetch(`${staff}api/package/build`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
  });

  it('refuses a broken folder with every problem at its cell, and a file name with a path', async () => {
    const broken = folderBody(demoFolder, (name, bytes) => (name === 'liste.csv' ? Buffer.from(bytes.toString('utf8').replace('Sanvalle Domani', '@SOMMA(A1)')) : bytes));
    broken.files.push({ name: '../fuori.csv', data: '' });
    const { status, answer } = await call<Answer<PackageView>>('POST', 'api/package/build', broken);
    expect(status).toBe(400);
    expect(!answer.ok && answer.problems).toEqual([
      { code: 'entry-name', params: { file: '../fuori.csv' } },
      { code: 'cell-formula', params: { file: 'liste.csv', line: '3', column: 'nome', value: '@SOMMA(A1)' } },
    ]);
    const tooMany = { files: Array.from({ length: 1201 }, (_, i) => ({ name: `f${i}.csv`, data: '' })) };
    expect((await call('POST', 'api/package/build', tooMany)).status).toBe(400);
  });

  it('builds the demo package, signs it and writes the drive: election.json, its .sig, office.pub and the summary', async () => {
    const built = await call<Answer<PackageView>>('POST', 'api/package/build', folderBody(demoFolder));
    expect(built.status).toBe(200);
    if (!built.answer.ok) throw new Error(JSON.stringify(built.answer.problems));
    expect(built.answer.view).toMatchObject({ state: 'built', training: true, sections: 1, rules: [{ contest: 'COM-999001-2020', maxPreferences: 2, preferencesBySex: true, splitVote: false }] });
    const preview = await fetch(`${staff}api/package/election.json`, { headers: { 'x-seggio-token': token } });
    const bytes = new Uint8Array(await preview.arrayBuffer());
    expect(nodeCrypto.sha256Hex(bytes)).toBe(built.answer.view.digest);
    expect((await call('POST', 'api/package/drive')).answer).toEqual({ ok: false, problems: [{ code: 'not-signed', params: {} }] });

    const signed = await call<Answer<PackageView>>('POST', 'api/package/sign');
    expect(signed.answer.ok && signed.answer.view).toMatchObject({ state: 'signed', signer: fingerprint(officeKey.publicKey) });
    const written = await call<Answer<PackageView>>('POST', 'api/package/drive');
    expect(written.answer.ok && written.answer.view.written).toEqual(['election.json', 'election.json.sig', 'office.pub', 'riepilogo-elezione.pdf']);

    const onDrive = readFileSync(join(drive, 'election.json'));
    expect(Buffer.compare(onDrive, bytes)).toBe(0);
    const sidecar = parseSidecar(readFileSync(join(drive, 'election.json.sig')));
    expect(sidecar.ok && verifySidecar(nodeCrypto, onDrive, sidecar.value, officeKey.publicKey).ok).toBe(true);
    expect(readFileSync(join(drive, 'office.pub'), 'utf8').trim()).toBe(toBase64(officeKey.publicKey));
    const summary = pdfText(join(drive, 'riepilogo-elezione.pdf')).replace(/\s+/g, ' ');
    // In the screen's words, what was signed: the lists' names, not their ids; the rolls, not the format's codes.
    expect(summary).toContain(`Impronta SHA-256 di election.json: ${nodeCrypto.sha256Hex(bytes)}`);
    // Signed at the hour of the election's zone, which the line names (Sweden's format gives Rome's time as ISO).
    const [day, hour] = new Date(signed.answer.ok ? signed.answer.view.signedAt! : '').toLocaleString('sv-SE', { timeZone: 'Europe/Rome' }).split(' ');
    expect(summary).toMatch(new RegExp(`impronta ${fingerprint(officeKey.publicKey)}, il ${day!.split('-').reverse().join('/')} alle ${hour} CES?T `));
    expect(summary).toContain('fino a 2 preferenze, di sesso diverso; voto disgiunto non ammesso');
    expect(summary).toContain('BASSELLI ILARIA (lista «Insieme per Sanvalle»)');
    expect(summary).toContain('Sezione 3, Scuola primaria, via dei Tigli 4. elettori italiani: 433 uomini e 458 donne; cittadini dell’Unione europea della lista aggiunta per le comunali: 4 uomini e 5 donne; 3 cabine.');
    for (const code of ['Digest', 'EU_MUNICIPAL', 'IT M', '(liste L', 'Sezione 3, Sezione 3', '(F)', 'T12:00']) expect(summary, code).not.toContain(code);
  });
});

describe('enrolling the machines, at the office', () => {
  const console1 = nodeCrypto.generateSigningKeyPair();
  const booth1 = nodeCrypto.generateSigningKeyPair();

  it('shows each request with its fingerprint, enrols it, writes the certificate to the drive and lists it by role', async () => {
    request('POSTAZIONE-1.request.json', 'console', 'POSTAZIONE-1', console1);
    request('CABINA-1.request.json', 'booth', 'CABINA-1', booth1);
    const listed = await call<MachinesView>('GET', 'api/machines');
    expect(listed.answer.requests).toEqual([
      { file: 'richieste/CABINA-1.request.json', role: 'booth', machine: 'CABINA-1', fingerprint: fingerprint(booth1.publicKey), state: 'waiting', problem: null },
      { file: 'richieste/POSTAZIONE-1.request.json', role: 'console', machine: 'POSTAZIONE-1', fingerprint: fingerprint(console1.publicKey), state: 'waiting', problem: null },
    ]);
    // Not without the end of the fingerprint the machine shows, typed by the staff: nothing is issued for another.
    const unconfirmed = await call<Answer<MachinesView>>('POST', 'api/machines/enrol', { file: 'richieste/CABINA-1.request.json', confirm: fingerprint(booth1.publicKey).slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA' });
    expect([unconfirmed.status, unconfirmed.answer]).toEqual([409, { ok: false, problems: [{ code: 'fingerprint-unconfirmed', params: { file: 'richieste/CABINA-1.request.json', machine: 'CABINA-1' } }] }]);
    expect((await call('POST', 'api/machines/enrol', { file: 'richieste/CABINA-1.request.json' })).status).toBe(400);
    expect(office.store.preparation.certificates()).toEqual([]);
    for (const [file, key] of [['richieste/POSTAZIONE-1.request.json', console1], ['richieste/CABINA-1.request.json', booth1]] as const) expect((await call('POST', 'api/machines/enrol', { file, confirm: fingerprint(key.publicKey).slice(-4) })).status).toBe(200);
    const after = await call<MachinesView>('GET', 'api/machines');
    expect(after.answer.enrolled).toEqual([
      { role: 'console', machine: 'POSTAZIONE-1', fingerprint: fingerprint(console1.publicKey) },
      { role: 'booth', machine: 'CABINA-1', fingerprint: fingerprint(booth1.publicKey) },
    ]);
    expect(after.answer.requests.map((r) => r.state)).toEqual(['enrolled', 'enrolled']);
    const certificate = checkCertificate(nodeCrypto, readFileSync(join(drive, 'macchine', 'CABINA-1.json')), readFileSync(join(drive, 'macchine', 'CABINA-1.json.sig')), officeKey.publicKey, { role: 'booth', comune: office.election.comune.istat, publicKey: toBase64(booth1.publicKey) });
    expect(certificate.ok).toBe(true);
  });

  it('refuses a key already enrolled under another machine id, a request not signed by its key, and files that are not plain or too large', async () => {
    request('CABINA-2.request.json', 'booth', 'CABINA-2', booth1);
    const again = await call<Answer<MachinesView>>('POST', 'api/machines/enrol', { file: 'richieste/CABINA-2.request.json', confirm: fingerprint(booth1.publicKey).slice(-4) });
    expect([again.status, again.answer]).toEqual([409, { ok: false, problems: [{ code: 'key-enrolled', params: { file: 'richieste/CABINA-2.request.json', machine: 'CABINA-2', enrolledAs: 'CABINA-1' } }] }]);

    request('CABINA-3.request.json', 'booth', 'CABINA-3', nodeCrypto.generateSigningKeyPair());
    writeFileSync(join(drive, 'richieste', 'CABINA-3.request.json.sig'), readFileSync(join(drive, 'richieste', 'CABINA-2.request.json.sig')));
    symlinkSync(join(drive, 'richieste', 'CABINA-1.request.json'), join(drive, 'richieste', 'LINK.request.json'));
    writeFileSync(join(drive, 'richieste', 'BIG.request.json'), new Uint8Array(5000));
    const { answer } = await call<MachinesView>('GET', 'api/machines');
    const state = Object.fromEntries(answer.requests.map((r) => [r.file, [r.state, r.problem?.code ?? null]]));
    expect(state).toMatchObject({
      'richieste/CABINA-2.request.json': ['refused', 'key-enrolled'],
      'richieste/CABINA-3.request.json': ['refused', 'request-signature'],
      'richieste/LINK.request.json': ['refused', 'request-unreadable'],
      'richieste/BIG.request.json': ['refused', 'request-unreadable'],
    });
    expect((await call<Answer<MachinesView>>('POST', 'api/machines/enrol', { file: 'richieste/NONE.json', confirm: 'AAAA' })).answer).toEqual({ ok: false, problems: [{ code: 'request-unknown', params: { file: 'richieste/NONE.json' } }] });
  });
});
