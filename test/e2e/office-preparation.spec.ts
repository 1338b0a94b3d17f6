// The office prepares the day on its staff screen (docs/election-package.md, docs/design.md §6): a broken
// folder refused with every problem at its cell; the demo package built from its spreadsheets, its rules
// shown, the municipal ballot previewed by the booth's own components at its three text sizes, signed and
// written to the drive; then a console and two booths enrolled from their requests on the drive, and a
// key already enrolled refused under another machine id.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { checkCertificate, documentBytes, encodeSidecar, MACHINE_REQUEST_FORMAT, parseElection, parseSidecar, signBytes, verifySidecar } from '@seggio/ballot-core';
import { BoothService } from '@seggio/booth';
import { fingerprint, fromBase64, toBase64, type SigningKeyPair } from '@seggio/crypto';
import { loadOrCreateKeyFile } from '@seggio/crypto/key-file';
import { nodeCrypto } from '@seggio/crypto/node';
import { dayPreparation, Office, OfficeServer } from '@seggio/office';
import { SeatConsole } from '@seggio/seat-console';
import { pairEnrolled, REPO_ROOT } from '../support/index.js';
import { checkScreen } from './station.js';

test.describe.configure({ mode: 'serial' });

const dir = mkdtempSync(join(tmpdir(), 'seggio-prepare-e2e-'));
const drive = join(dir, 'chiavetta');
const officeKey = nodeCrypto.generateSigningKeyPair();
// Each machine's key in its own file, as the console and the booths make them at their first start.
const keyFile = (machine: string) => join(dir, 'macchine-locali', `${machine}.key`);
const keys = Object.fromEntries(['POSTAZIONE-1', 'CABINA-1', 'CABINA-2'].map((m) => [m, loadOrCreateKeyFile(nodeCrypto, keyFile(m)).keyPair])) as Record<'POSTAZIONE-1' | 'CABINA-1' | 'CABINA-2', SigningKeyPair>;
let office: Office;
let server: OfficeServer;
let page: Page;

function request(machine: string, role: 'console' | 'booth', key: SigningKeyPair): void {
  mkdirSync(join(drive, 'richieste'), { recursive: true });
  const bytes = documentBytes({ format: MACHINE_REQUEST_FORMAT, role, machine, publicKey: toBase64(key.publicKey) });
  writeFileSync(join(drive, 'richieste', `${machine}.request.json`), bytes);
  writeFileSync(join(drive, 'richieste', `${machine}.request.json.sig`), encodeSidecar(signBytes(nodeCrypto, bytes, key)));
}

test.beforeAll(async ({ browser }) => {
  // An office with no election yet, as on the day's first package: the one signed here becomes its election.
  office = await Office.start(nodeCrypto, { storePath: null, key: officeKey });
  server = await OfficeServer.listen(office, {
    host: '127.0.0.1', port: 0, staffPort: 0, rendererDir: join(REPO_ROOT, 'apps', 'office', 'dist', 'renderer'),
    preparation: dayPreparation(office, { drive, register: join(dir, 'registro') }),
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

test.afterAll(async () => {
  await page.close();
  await server.close();
  await office.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a broken folder is refused with every problem named in Italian at its file, line and column', async () => {
  const broken = join(dir, 'cartella-errata');
  cpSync(join(REPO_ROOT, 'demo', 'sanvalle-demo'), broken, { recursive: true });
  const candidates = readFileSync(join(broken, 'candidati.csv'), 'utf8');
  writeFileSync(join(broken, 'candidati.csv'), candidates.replace('L1;5;', 'L9;5;'));
  writeFileSync(join(broken, 'l3.png'), 'GIF89a');
  await page.goto(server.staffUrl);
  await page.getByRole('button', { name: 'Pacchetto elettorale' }).click();
  await page.getByLabel('Scegliere la cartella con i file CSV e i contrassegni PNG').setInputFiles(broken);
  await page.getByRole('button', { name: 'Costruire il pacchetto' }).click();
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading')).toHaveText('Problemi trovati (2): correggere i fogli di calcolo e costruire di nuovo');
  await expect(alert.locator('li[data-code="reference-unknown"]')).toHaveText('candidati.csv, riga 6, colonna «lista»: «L9» non è in liste.csv.');
  await expect(alert.locator('li[data-code="symbol-not-png"]')).toHaveText('liste.csv, riga 4, colonna «contrassegno»: «l3.png» non è un’immagine PNG; ammesso: un file PNG accanto ai fogli di calcolo.');
  await expect(page.getByText('Nessun pacchetto costruito in questa sessione.')).toBeVisible();
});

test('the demo package is built, its municipal ballot previewed at the booth\'s three text sizes, signed and written to the drive', async () => {
  await page.getByLabel('Scegliere la cartella con i file CSV e i contrassegni PNG').setInputFiles(join(REPO_ROOT, 'demo', 'sanvalle-demo'));
  await page.getByRole('button', { name: 'Costruire il pacchetto' }).click();
  await expect(page.locator('#package-state')).toHaveText('costruito, da verificare e firmare');
  await expect(page.locator('#package-rules')).toContainText('fino a 2 preferenze, di sesso diverso (altrimenti la seconda è nulla); voto disgiunto non ammesso');
  for (const size of ['s', 'm', 'l']) {
    const figure = page.locator(`figure[data-contest="COM-999001-2020"][data-size="${size}"]`);
    const ballot = figure.frameLocator('iframe');
    // The booth's own scheda: each mayor's rectangle with the symbol of the list, in the ballot's colour.
    await expect(ballot.getByRole('group', { name: 'BASSELLI ILARIA' })).toBeVisible();
    await expect(ballot.locator('img.symbol').first()).toHaveAttribute('src', /^data:image\/png;base64,/);
    await expect(ballot.locator('html')).toHaveAttribute('data-size', size);
    await figure.screenshot({ path: join(REPO_ROOT, 'test-results', `office-anteprima-comunali-${size}.png`) });
  }
  const sizes = await Promise.all(['s', 'l'].map((size) => page.locator(`figure[data-contest="COM-999001-2020"][data-size="${size}"]`).frameLocator('iframe').locator('.rett .name').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize))));
  expect(sizes[1]).toBeGreaterThan(sizes[0]!);
  await checkScreen(page, 'package-built', 'office');
  // Only the preview may be framed, and only by the staff's own screen.
  const origin = new URL(server.staffUrl).origin;
  expect((await page.request.get(`${origin}/anteprima.html`)).headers()['content-security-policy']).toContain("frame-ancestors 'self'");
  expect((await page.request.get(`${origin}/`)).headers()['content-security-policy']).toContain("frame-ancestors 'none'");

  const digest = await page.locator('#package-digest').textContent();
  await page.getByRole('button', { name: 'Firmare il pacchetto' }).click();
  await expect(page.locator('#package-state')).toHaveText('firmato, da scrivere sul supporto rimovibile');
  await expect(page.getByText(`Firmato con la chiave dell’ufficio, impronta ${fingerprint(officeKey.publicKey)}`)).toBeVisible();
  await page.getByRole('button', { name: 'Scrivere sul supporto rimovibile' }).click();
  await expect(page.locator('#package-written')).toHaveText('Scritti sul supporto rimovibile: election.json, election.json.sig, office.pub, riepilogo-elezione.pdf');

  const bytes = readFileSync(join(drive, 'election.json'));
  expect(nodeCrypto.sha256Hex(bytes)).toBe(digest);
  const sidecar = parseSidecar(readFileSync(join(drive, 'election.json.sig')));
  expect(sidecar.ok && verifySidecar(nodeCrypto, bytes, sidecar.value, officeKey.publicKey).ok).toBe(true);
  const parsed = parseElection(bytes);
  expect(parsed.ok && parsed.value.id).toBe('DEMO-2020-09-20-999001');
});

test('a console and two booths are enrolled from their requests, their certificates written to the drive; a key enrolled twice is refused', async () => {
  request('POSTAZIONE-1', 'console', keys['POSTAZIONE-1']);
  request('CABINA-1', 'booth', keys['CABINA-1']);
  request('CABINA-2', 'booth', keys['CABINA-2']);
  await page.getByRole('button', { name: 'Macchine' }).click();
  for (const [machine, key] of Object.entries(keys)) {
    const row = page.locator(`tr[data-request="richieste/${machine}.request.json"]`);
    await expect(row).toContainText(fingerprint(key.publicKey));
    await row.getByRole('button', { name: `Registrare ${machine}` }).click();
    await expect(row).toContainText('registrata');
  }
  await expect(page.locator('li[data-machine]')).toHaveText([
    `POSTAZIONE-1: ${fingerprint(keys['POSTAZIONE-1'].publicKey)}`,
    `CABINA-1: ${fingerprint(keys['CABINA-1'].publicKey)}`,
    `CABINA-2: ${fingerprint(keys['CABINA-2'].publicKey)}`,
  ]);
  for (const [machine, key] of Object.entries(keys)) {
    const file = join(drive, 'macchine', `${machine}.json`);
    const checked = checkCertificate(nodeCrypto, readFileSync(file), readFileSync(`${file}.sig`), officeKey.publicKey, { comune: '999001', publicKey: toBase64(key.publicKey), machine });
    expect(checked.ok, machine).toBe(true);
  }

  request('CABINA-3', 'booth', keys['CABINA-1']);
  await page.getByRole('button', { name: 'Pacchetto elettorale' }).click();
  await page.getByRole('button', { name: 'Macchine' }).click();
  await expect(page.locator('tr[data-request="richieste/CABINA-3.request.json"]')).toContainText(
    'rifiutatarichieste/CABINA-3.request.json: la macchina CABINA-3 presenta una chiave già registrata come macchina CABINA-1; una chiave registra una sola macchina.',
  );
  await checkScreen(page, 'machines', 'office');
});

test('a station runs on that package and those certificates: the console loads it from the drive and pairs both booths', async () => {
  test.setTimeout(60_000);
  const officePub = fromBase64(readFileSync(join(drive, 'office.pub'), 'utf8').trim());
  const seat = await SeatConsole.start(nodeCrypto, { storePath: null, machineKeyPath: keyFile('POSTAZIONE-1'), officeKey: officePub, host: '127.0.0.1', port: 0, packagesDir: drive });
  const booths: BoothService[] = [];
  try {
    expect(seat.importCertificate({ file: 'POSTAZIONE-1.json' })).toEqual({ ok: true, value: { machine: 'POSTAZIONE-1' } });
    const loaded = seat.loadPackage({ file: 'election.json' });
    expect(loaded.ok && loaded.value.digest).toBe(nodeCrypto.sha256Hex(readFileSync(join(drive, 'election.json'))));
    expect((await seat.createKeys({ section: '3' })).ok).toBe(true);
    for (const [i, machine] of (['CABINA-1', 'CABINA-2'] as const).entries()) {
      const booth = BoothService.start(nodeCrypto, { storePath: null, machineKeyPath: keyFile(machine), officeKey: officePub, consoleUrl: seat.url, driveDir: drive });
      booths.push(booth);
      expect(booth.importCertificate({ file: `${machine}.json` })).toEqual({ ok: true, value: { machine } });
      await pairEnrolled(seat, booth, `B${i + 1}`);
    }
    expect(seat.getView().booths.map((b) => [b.id, Boolean(b.zeroReport)])).toEqual([['B1', true], ['B2', true]]);
  } finally {
    for (const booth of booths) booth.stop();
    await seat.stop();
  }
});
