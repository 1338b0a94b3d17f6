// The electoral office end to end: three sections of one election come in, one pushed by its console
// (turnout during the day, then its public export), one uploaded on the staff's screen, one from the
// import folder; the public page shows the sums and takes the third without a reload. Then each bad
// submission is refused on the staff's screen with its reason, and nothing of it is counted.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { nodeCrypto } from '@seggio/crypto/node';
import { ImportFolder, Office, OfficeServer, packArchive, readArchive } from '@seggio/office';
import tar from 'tar-stream';
import { endDay } from '../simulate/day.js';
import { REPO_ROOT, until } from '../support/index.js';
import { officeElection, simulateSection, type SimulatedSection } from '../office/sections.js';
import { checkScreen } from './station.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function rawArchive(entries: { name: string; type?: 'symlink'; linkname?: string; body?: string }[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    if (e.type) pack.entry({ name: e.name, type: e.type, linkname: e.linkname });
    else pack.entry({ name: e.name }, e.body ?? 'x');
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c);
  return Buffer.concat(chunks);
}

test.describe.configure({ mode: 'serial' });

const dir = mkdtempSync(join(tmpdir(), 'seggio-office-e2e-'));
const officeKey = nodeCrypto.generateSigningKeyPair();
let office: Office;
let server: OfficeServer;
let folder: ImportFolder;
let electionBytes: Uint8Array;
const done: Record<string, SimulatedSection> = {};

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  electionBytes = officeElection({ sections: ['1', '2', '3'], url: `http://127.0.0.1:${port}/` });
  // Sections 2 and 3 vote while the office is not there: their consoles' pushes find no one.
  for (const [i, id] of ['2', '3'].entries()) done[id] = await simulateSection(dir, { electionBytes, section: id, officeKey, voters: 12, seed: 20 + i });
  office = await Office.start(nodeCrypto, { storePath: join(dir, 'office.db'), electionBytes, key: officeKey });
  server = await OfficeServer.listen(office, { host: '127.0.0.1', port, staffPort: 0, rendererDir: join(REPO_ROOT, 'apps', 'office', 'dist', 'renderer') });
  mkdirSync(join(dir, 'import'));
  folder = new ImportFolder(office, join(dir, 'import'));
  folder.start(200);
});

test.afterAll(async () => {
  await folder.stop();
  await server.close();
  await office.close();
  rmSync(dir, { recursive: true, force: true });
});

test('three sections by upload, import folder and push; the public page sums them and takes the third live', async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto(server.staffUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ufficio elettorale del Comune di Sanvalle Cremonese');
  await page.getByLabel('Caricare l’esportazione pubblica di una sezione (file .tar)').setInputFiles({ name: 'sezione-2.tar', mimeType: 'application/x-tar', buffer: Buffer.from(done['2']!.archive) });
  await page.getByRole('button', { name: 'Caricare', exact: true }).click();
  await expect(page.locator('tr[data-section="2"]')).toContainText('accettata');
  // Its turnout column says no checkpoint came, in a word that agrees with "affluenza".
  await expect(page.locator('tr[data-section="2"] td').nth(3)).toHaveText('nessuna rilevazione');
  await expect(page.locator('tr[data-submission="1"]')).toContainText('La sezione 2 non ha comunicato l’affluenza durante la giornata');
  // Counted, and said so on its row: its set-up was matched to nothing the day sent.
  await expect(page.locator('tr[data-section="2"] td').nth(2)).toHaveText('accettata · configurazione non confrontata: nessuna affluenza dalla sezione');

  writeFileSync(join(dir, 'sezione-3.tar'), done['3']!.archive);
  copyFileSync(join(dir, 'sezione-3.tar'), join(dir, 'import', 'sezione-3.tar'));
  await expect(page.locator('tr[data-section="3"]')).toContainText('accettata');
  await expect(page.locator('#sections-in')).toHaveText('Sezioni accettate: 2 su 3');
  await checkScreen(page, 'sections', 'office');

  const pub = await context.newPage();
  await pub.goto(server.publicUrl);
  await expect(pub.locator('#sections-in')).toHaveText('Sezioni pervenute: 2 su 3');
  const before = office.results();
  const referendum = before.contests[0]!;
  await expect(pub.locator('#h-c0 + table')).toContainText(String(referendum.voters.T));
  // Shares as Italians write them, with a decimal comma.
  await expect(pub.locator('#h-c0 + table')).toContainText(`${referendum.voters.T} (${((100 * referendum.voters.T) / referendum.electors.T).toFixed(1).replace('.', ',')}%)`);
  await pub.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  await checkScreen(pub, 'results', 'office');

  // Section 1 votes with the office there: its console sends each checkpoint, then its public export.
  const live = await simulateSection(dir, { electionBytes, section: '1', officeKey, voters: 12, seed: 22, keep: true });
  await until(() => office.store.acceptedFor('1') !== undefined);
  await endDay(live.day);
  await expect(pub.locator('#sections-in')).toHaveText('Sezioni pervenute: 3 su 3', { timeout: 2_000 });
  expect(await pub.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  const after = office.results();
  expect(after.turnout[0]!.reported).toEqual(['1']);
  const yes = after.contests[0]!.rows.find((r) => r.id === 'YES')!.votes;
  await expect(pub.locator('#h-c0 ~ table').nth(1)).toContainText(String(yes));
  await expect(page.locator('tr[data-section="1"]')).toContainText('accettata');
  await expect(page.locator('#sections-in')).toHaveText('Sezioni accettate: 3 su 3');

  await pub.goto(`${server.publicUrl}?lang=en`);
  await expect(pub.locator('#sections-in')).toHaveText('Sections in: 3 of 3');
  await checkScreen(pub, 'results-en', 'office');
  await pub.getByRole('link', { name: 'Deutsch' }).click();
  await expect(pub.locator('#sections-in')).toHaveText('Eingegangene Sprengel: 3 von 3');
  await expect(pub.locator('html')).toHaveAttribute('lang', 'de');
  await checkScreen(pub, 'results-de', 'office');
  await context.setOffline(false);
  const noScript = await context.browser()!.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 700 } });
  const phone = await noScript.newPage();
  await phone.goto(server.publicUrl);
  await expect(phone.locator('#sections-in')).toHaveText('Sezioni pervenute: 3 su 3');
  await expect(phone.locator('svg.chart').first()).toBeVisible();
  await noScript.close();
});

test('each bad submission is refused on the staff screen with its reason, and nothing of it is counted', async ({ page }) => {
  test.setTimeout(120_000);
  const before = office.results();
  const read = await readArchive(done['2']!.archive);
  if (!read.ok) throw new Error('unreadable');
  const tampered = new Map(read.files);
  tampered.set('tally.csv', new TextEncoder().encode(`${new TextDecoder().decode(read.files.get('tally.csv'))}x\n`));
  const other = await simulateSection(dir, { electionBytes: officeElection({ sections: ['1', '2', '3'], id: '2020-09-22-999001' }), section: '2', officeKey, voters: 12, seed: 30 });
  // A second run of section 3 on the real package: its console pushes the export to the office itself.
  await simulateSection(dir, { electionBytes, section: '3', officeKey, voters: 12, seed: 31 });
  const cases: [string, Buffer, RegExp][] = [
    ['manomessa.tar', Buffer.from(await packArchive(tampered)), /La verifica non è superata: i file e le loro impronte \(tally\.csv\)/],
    ['altra-elezione.tar', Buffer.from(other.archive), /L’esportazione è di un’altra elezione/],
    ['percorso.tar', await rawArchive([{ name: '../../etc/cron.d/x' }]), /La voce «\.\.\/\.\.\/etc\/cron\.d\/x» indica un percorso fuori dall’esportazione/],
    ['collegamento.tar', await rawArchive([{ name: 'tally.json', type: 'symlink', linkname: '/etc/passwd' }]), /La voce «tally\.json» è di tipo symlink, non un file: i collegamenti sono rifiutati/],
  ];
  await page.goto(server.staffUrl);
  for (const [name, buffer, reason] of cases) {
    await page.getByLabel('Caricare l’esportazione pubblica di una sezione (file .tar)').setInputFiles({ name, mimeType: 'application/x-tar', buffer });
    await page.getByRole('button', { name: 'Caricare', exact: true }).click();
    await expect(page.locator('tr', { hasText: name }).first()).toContainText(reason);
  }
  const huge = join(dir, 'enorme.tar');
  writeFileSync(huge, '');
  truncateSync(huge, 65 * 1024 * 1024);
  await page.getByLabel('Caricare l’esportazione pubblica di una sezione (file .tar)').setInputFiles(huge);
  await page.getByRole('button', { name: 'Caricare', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Il file supera il limite di 67108864 byte.');
  await expect(page.locator('tr', { hasText: 'in conflitto: conservato, non conteggiato' })).toContainText(/La sezione 3 ha già un risultato accettato \(invio \d+\): questo è conservato e segnalato, mai conteggiato/);
  await expect(page.locator('tr[data-section="3"]')).toContainText('invii in conflitto: 1');
  expect(office.results().contests).toEqual(before.contests);
  // A link put in the import folder is not followed.
  symlinkSync(join(dir, 'sezione-3.tar'), join(dir, 'import', 'collegamento.tar'));
  await expect(page.getByText('«collegamento.tar» nella cartella di importazione non è un file semplice (un collegamento o una cartella): non è stato letto.')).toBeVisible();
  // The time the office received it, in the election's zone and named (Sweden's format gives Rome's time as ISO).
  const received = office.view().submissions.find((s) => s.origin === 'collegamento.tar')!.receivedAt;
  const [day, hour] = new Date(received).toLocaleString('sv-SE', { timeZone: 'Europe/Rome' }).split(' ') as [string, string];
  const [y, m, d] = day.split('-');
  const row = page.locator('tr', { hasText: 'collegamento.tar' }).first();
  await expect(row).toContainText(new RegExp(`${d}/${m}/${y}, ${hour} CES?T`));
  await checkScreen(page, 'refusals', 'office');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('tr', { hasText: 'collegamento.tar' })).toContainText('The entry "tally.json" is a symlink, not a file: links are refused.');
  await expect(row).toContainText(new RegExp(`${d}/${m}/${y}, ${hour} (CES?T|GMT\\+[12])`));
  // And in German, the language chooser saying which language is shown.
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.locator('tr', { hasText: 'collegamento.tar' })).toContainText('Der Eintrag „tally.json“ ist vom Typ symlink, keine Datei: Verknüpfungen werden abgelehnt.');
  await expect(row).toContainText(new RegExp(`${d}\\.${m}\\.${y}, ${hour} MES?Z`));
  await expect(page.getByRole('group', { name: 'Sprache' }).getByRole('button', { name: 'Deutsch' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveTitle('Seggio: Wahlamt');
  // Its way to the public page leads to the page in German.
  await expect(page.getByRole('link', { name: 'Öffentliche Ergebnisseite' })).toHaveAttribute('href', /\/\?lang=de$/);
  await checkScreen(page, 'refusals-de', 'office');
  // The staff's choice is kept when the page is loaded again.
  await page.reload();
  await expect(page.getByRole('group', { name: 'Sprache' }).getByRole('button', { name: 'Deutsch' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { name: 'Erhaltene Sendungen' })).toBeVisible();
});
