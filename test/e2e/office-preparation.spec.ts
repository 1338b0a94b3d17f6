// The office prepares the day on its staff screen (docs/election-package.md, docs/design.md §7), as
// `npm start -- --by-hand` runs it on a new day: its office has no election yet and says so; a broken
// folder is refused with every problem at its cell; the demo package built from its folder, its rules
// shown, the municipal ballot previewed by the booth's own components at its three text sizes, signed and
// written to the drive; the console and two booths enrolled from the requests they wrote to the drive,
// and a key already enrolled refused under another machine id; then npm start's station runs on that
// package and those certificates: the console loads the package and pairs both booths.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { checkCertificate, documentBytes, encodeSidecar, MACHINE_REQUEST_FORMAT, parseElection, parseSidecar, signBytes, verifySidecar } from '@seggio/ballot-core';
import { fingerprint, fromBase64, toBase64, type SigningKeyPair } from '@seggio/crypto';
import { loadOrCreateKeyFile } from '@seggio/crypto/key-file';
import { nodeCrypto } from '@seggio/crypto/node';
import { REPO_ROOT } from '../support/index.js';
import { button, checkScreen } from './station.js';

test.describe.configure({ mode: 'serial' });

const folder = join(mkdtempSync(join(tmpdir(), 'seggio-prepare-e2e-')), 'day');
const drive = join(folder, 'chiavetta');
/** The machines npm start made, each with the key it wrote its request with. */
const MACHINES = { 'DEMO-CONSOLE-999001': 'console.key', 'DEMO-CABINA-999001-1': 'booth-1.key', 'DEMO-CABINA-999001-2': 'booth-2.key' } as const;
const keyOf = (machine: keyof typeof MACHINES): SigningKeyPair => loadOrCreateKeyFile(nodeCrypto, join(folder, 'machines', MACHINES[machine])).keyPair;
let child: ChildProcess;
let out = '';
let staffUrl = '';
let page: Page;

async function until(text: string): Promise<void> {
  for (let i = 0; i < 1200 && !out.includes(text) && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
  expect(out, out).toContain(text);
}

test.beforeAll(async ({ browser }) => {
  // Its own process group, so that the office it started stops with it.
  child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'start.mjs'), '--web', '--port', '0', '--office-port', '0', '--dir', folder, '--by-hand'], { cwd: REPO_ROOT, detached: true });
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  await until('The station starts once that is done.');
  staffUrl = /^ {2}electoral office\s+(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/m.exec(out)![1]!;
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

test.afterAll(async () => {
  await page?.close();
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
  }
  rmSync(join(folder, '..'), { recursive: true, force: true });
});

test('a broken folder is refused with every problem named in Italian at its file, line and column', async () => {
  const broken = join(folder, '..', 'cartella-errata');
  cpSync(join(REPO_ROOT, 'demo', 'sanvalle-demo'), broken, { recursive: true });
  const candidates = readFileSync(join(broken, 'candidati.csv'), 'utf8');
  writeFileSync(join(broken, 'candidati.csv'), candidates.replace('L1;5;', 'L9;5;'));
  writeFileSync(join(broken, 'l3.png'), 'GIF89a');
  await page.goto(staffUrl);
  // No election yet: the results are closed, and say why.
  await expect(page.getByRole('heading', { name: 'Ufficio elettorale: preparazione della giornata' })).toBeVisible();
  await expect(page.locator('#results-closed')).toHaveText('L’ufficio non ha ancora un’elezione: l’accettazione delle esportazioni delle sezioni, l’affluenza e i risultati si aprono quando il pacchetto elettorale della giornata è firmato (scheda «Pacchetto elettorale»).');
  await checkScreen(page, 'preparing', 'office');
  await page.getByRole('button', { name: 'Pacchetto elettorale' }).click();
  await page.getByLabel('Scegliere la cartella con i file CSV e i contrassegni PNG').setInputFiles(broken);
  await page.getByRole('button', { name: 'Costruire il pacchetto' }).click();
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading')).toHaveText('Problemi trovati (2): correggere i fogli di calcolo e costruire di nuovo');
  await expect(alert.locator('li[data-code="reference-unknown"]')).toHaveText('candidati.csv, riga 6, colonna «lista»: «L9» non è in liste.csv; ammessi: L1, L2, L3.');
  await expect(alert.locator('li[data-code="symbol-not-png"]')).toHaveText('liste.csv, riga 4, colonna «contrassegno»: «l3.png» non è un’immagine PNG; ammesso: un file PNG accanto ai fogli di calcolo.');
  await expect(page.getByText('Nessun pacchetto ancora costruito.')).toBeVisible();
  // Kept by the office: the page loaded again shows the same problems.
  await page.reload();
  await page.getByRole('button', { name: 'Pacchetto elettorale' }).click();
  // In the order staff correct them: by file, line and column.
  await expect(page.getByRole('alert').locator('li')).toHaveText([
    'candidati.csv, riga 6, colonna «lista»: «L9» non è in liste.csv; ammessi: L1, L2, L3.',
    'liste.csv, riga 4, colonna «contrassegno»: «l3.png» non è un’immagine PNG; ammesso: un file PNG accanto ai fogli di calcolo.',
  ]);
  // No package, no comune: a machine cannot be enrolled yet, and the screen says why.
  await page.getByRole('button', { name: 'Macchine' }).click();
  await page.getByLabel('Ultimi 4 caratteri dell’impronta mostrata da DEMO-CONSOLE-999001').fill(fingerprint(keyOf('DEMO-CONSOLE-999001').publicKey).slice(-4));
  await page.getByRole('button', { name: 'Registrare DEMO-CONSOLE-999001' }).click();
  await expect(page.getByRole('alert')).toHaveText('Non si sa ancora per quale comune registrare le macchine: costruire prima il pacchetto elettorale, che indica il comune.');
  await page.getByRole('button', { name: 'Pacchetto elettorale' }).click();
});

test('the demo package is built, its municipal ballot previewed at the booth\'s three text sizes, signed and written to the drive', async () => {
  // The demo folder as npm start copied it for its office, with the office's address.
  await page.getByLabel('Scegliere la cartella con i file CSV e i contrassegni PNG').setInputFiles(join(folder, 'ufficio', 'cartella'));
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
  const origin = new URL(staffUrl).origin;
  expect((await page.request.get(`${origin}/anteprima.html`)).headers()['content-security-policy']).toContain("frame-ancestors 'self'");
  expect((await page.request.get(`${origin}/`)).headers()['content-security-policy']).toContain("frame-ancestors 'none'");

  const digest = await page.locator('#package-digest').textContent();
  const officeKey = fromBase64(readFileSync(join(folder, 'office.pub'), 'utf8').trim());
  await page.getByRole('button', { name: 'Firmare il pacchetto' }).click();
  await expect(page.locator('#package-state')).toHaveText('firmato, da scrivere sul supporto rimovibile');
  await expect(page.getByText(`Firmato con la chiave dell’ufficio, impronta ${fingerprint(officeKey)}`)).toBeVisible();
  // The package signed is the office's election now: its results open, with no restart.
  await expect(page.locator('#package-office')).toHaveText('È l’elezione di questo ufficio: l’accettazione dei risultati è aperta.');
  await expect(page.locator('#sections-in')).toHaveText('Sezioni accettate: 0 su 1');
  await page.getByRole('button', { name: 'Scrivere sul supporto rimovibile' }).click();
  await expect(page.locator('#package-written')).toHaveText('Scritti sul supporto rimovibile: election.json, election.json.sig, office.pub, riepilogo-elezione.pdf');

  const bytes = readFileSync(join(drive, 'election.json'));
  expect(nodeCrypto.sha256Hex(bytes)).toBe(digest);
  const sidecar = parseSidecar(readFileSync(join(drive, 'election.json.sig')));
  expect(sidecar.ok && verifySidecar(nodeCrypto, bytes, sidecar.value, officeKey).ok).toBe(true);
  const parsed = parseElection(bytes);
  expect(parsed.ok && [parsed.value.id, parsed.value.office?.url]).toEqual(['DEMO-2020-09-20-999001', /^ {2}public results\s+(\S+)/m.exec(out)![1]]);
  await expect(page.locator('#package-folder')).toContainText('elezione.csv, giorni.csv');

  // Signed, the package is final: not signed again, and another election's folder is refused when it is built, the
  // package signed staying on the screen with the refusal said apart from it.
  await expect(page.locator('#package-final')).toHaveText('Pacchetto definitivo: è firmato e non si può più sostituire né firmare di nuovo.');
  await expect(page.getByRole('button', { name: 'Firmare il pacchetto' })).toBeDisabled();
  await page.getByLabel('Scegliere la cartella con i file CSV e i contrassegni PNG').setInputFiles(join(REPO_ROOT, 'fixtures', 'rivafonda-2020'));
  await page.getByRole('button', { name: 'Costruire il pacchetto' }).click();
  const refused = page.locator('#build-refused');
  await expect(refused.getByRole('heading')).toHaveText(/^La cartella letta il \d\d\/\d\d\/\d{4}, \d\d:\d\d:\d\d CES?T è stata rifiutata, problemi trovati \(1\): il pacchetto mostrato sotto è quello costruito prima, non da questa cartella$/);
  const other = (await refused.locator('li[data-code="office-other-election"]').textContent())!;
  expect(other).toMatch(new RegExp(`^La cartella letta dà un pacchetto \\(impronta [0-9a-f]{64}\\) diverso da quello firmato, che è l’elezione di questo ufficio \\(impronta ${digest}\\): il pacchetto firmato è definitivo e non si sostituisce\\. L’archivio dell’ufficio tiene una sola elezione: per correggerla occorre preparare la giornata da capo con un nuovo archivio dell’ufficio\\.$`));
  expect(other).not.toContain('--');
  await expect(page.locator('#package-digest')).toHaveText(digest!);
  await expect(page.locator('#package-state')).toHaveText('firmato e scritto sul supporto rimovibile');
  await expect(page.locator('#package-office')).toBeVisible();
  await expect(page.locator('figure[data-contest="COM-999001-2020"]')).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Firmare il pacchetto' })).toBeDisabled();
});

test('a console and two booths are enrolled from the requests they wrote to the drive, their certificates written there; a key enrolled twice is refused', async () => {
  await page.getByRole('button', { name: 'Macchine' }).click();
  for (const machine of Object.keys(MACHINES) as (keyof typeof MACHINES)[]) {
    const row = page.locator(`tr[data-request="richieste/${machine}.request.json"]`);
    // The fingerprint npm start printed for the machine, to compare.
    const printed = new RegExp(`^ {7}${machine}  (.+)$`, 'm').exec(out)![1]!;
    expect(printed).toBe(fingerprint(keyOf(machine).publicKey));
    await expect(row).toContainText(printed);
    // Enrolled only once the staff type the end of the fingerprint the machine shows: not before, not another.
    const enrol = row.getByRole('button', { name: `Registrare ${machine}` });
    await expect(enrol).toBeDisabled();
    const typed = row.getByLabel(`Ultimi 4 caratteri dell’impronta mostrata da ${machine}`);
    await typed.fill(printed.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA');
    await enrol.click();
    await expect(page.getByRole('alert')).toHaveText(`richieste/${machine}.request.json: gli ultimi caratteri scritti non sono quelli dell’impronta di ${machine}; confrontarla con quella mostrata sullo schermo della macchina e scriverne gli ultimi 4 caratteri.`);
    await expect(enrol).toBeVisible();
    await typed.fill(printed.slice(-4).toLowerCase());
    await enrol.click();
    await expect(row).toContainText('registrata');
  }
  await expect(page.locator('li[data-machine]')).toHaveText((Object.keys(MACHINES) as (keyof typeof MACHINES)[]).map((m) => `${m}: ${fingerprint(keyOf(m).publicKey)}`));
  const officeKey = fromBase64(readFileSync(join(folder, 'office.pub'), 'utf8').trim());
  for (const machine of Object.keys(MACHINES) as (keyof typeof MACHINES)[]) {
    const file = join(drive, 'macchine', `${machine}.json`);
    const checked = checkCertificate(nodeCrypto, readFileSync(file), readFileSync(`${file}.sig`), officeKey, { comune: '999001', publicKey: toBase64(keyOf(machine).publicKey), machine });
    expect(checked.ok, machine).toBe(true);
  }

  // Another machine id presenting booth 1's key.
  const bytes = documentBytes({ format: MACHINE_REQUEST_FORMAT, role: 'booth', machine: 'CABINA-3', publicKey: toBase64(keyOf('DEMO-CABINA-999001-1').publicKey) });
  mkdirSync(join(drive, 'richieste'), { recursive: true });
  writeFileSync(join(drive, 'richieste', 'CABINA-3.request.json'), bytes);
  writeFileSync(join(drive, 'richieste', 'CABINA-3.request.json.sig'), encodeSidecar(signBytes(nodeCrypto, bytes, keyOf('DEMO-CABINA-999001-1'))));
  await page.getByRole('button', { name: 'Pacchetto elettorale' }).click();
  await page.getByRole('button', { name: 'Macchine' }).click();
  await expect(page.locator('tr[data-request="richieste/CABINA-3.request.json"]')).toContainText(
    'rifiutatarichieste/CABINA-3.request.json: la macchina CABINA-3 presenta una chiave già registrata come macchina DEMO-CABINA-999001-1; una chiave registra una sola macchina.',
  );
  await checkScreen(page, 'machines', 'office');
});

test('npm start\'s station runs on that package and those certificates: the console loads it from the drive and pairs both enrolled booths', async ({ browser }) => {
  test.setTimeout(90_000);
  await until('Press Ctrl-C');
  const address = (label: string) => new RegExp(`^  ${label}\\s+(http://127\\.0\\.0\\.1:\\d+/\\?token=\\S+)$`, 'm').exec(out)![1]!;
  const president = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
  const booths = await Promise.all(['booth 1', 'booth 2'].map(async (label) => {
    const booth = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await booth.goto(address(label));
    return booth;
  }));
  try {
    await president.goto(address('console'));
    await button(president, 'Verificare e caricare election.json').click();
    // The package the office signed on its screen, by its digest.
    await expect(president.getByText(nodeCrypto.sha256Hex(readFileSync(join(drive, 'election.json'))))).toBeVisible();
    await button(president, 'Creare le chiavi del seggio').click();
    for (let i = 1; i <= 5; i++) await button(president, i < 5 ? 'Consegnata: mostrare la successiva' : 'Consegnata: tutte le quote sono state consegnate').click();
    for (const [i, booth] of booths.entries()) {
      const shown = (await booth.getByText(/^Impronta della cabina: /).textContent())!.replace('Impronta della cabina: ', '');
      expect(shown).toBe(fingerprint(keyOf(i === 0 ? 'DEMO-CABINA-999001-1' : 'DEMO-CABINA-999001-2').publicKey));
      // Waiting with the machine id the office enrolled it as.
      const pending = president.locator('li.pending', { hasText: shown });
      await expect(pending).toContainText(`DEMO-CABINA-999001-${i + 1}`);
      await pending.getByRole('button', { name: `abbinare come B${i + 1}` }).click();
      await expect(booth.getByRole('heading', { name: 'Confermare la postazione del seggio' })).toBeVisible();
      await expect(booth.getByText('DEMO-CONSOLE-999001')).toBeVisible();
      await booth.getByRole('button', { name: 'Coincidono: confermare la postazione' }).click();
      await expect(booth.getByRole('heading', { name: `Cabina B${i + 1} · Cabina non ancora aperta` })).toBeVisible();
    }
    await expect(president.getByText('verificato: urna vuota')).toHaveCount(2);
  } finally {
    for (const p of [president, ...booths]) await p.close();
  }
});
