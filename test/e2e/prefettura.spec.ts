// The Prefettura staff's screen in Chromium: the province's comuni, none in yet; a comune's package
// refused on upload with its reason in words and the time it came, in Italy's zone; the same in
// German, which a reload keeps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { toBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { packArchive, Prefettura, PrefetturaServer } from '@seggio/office';
import { REPO_ROOT } from '../support/index.js';
import { checkScreen } from './station.js';

test.describe.configure({ mode: 'serial' });

const dir = mkdtempSync(join(tmpdir(), 'seggio-prefettura-e2e-'));
const comuni = [
  { istat: '019001', name: 'Acquanegra Cremonese' },
  { istat: '019002', name: 'Agnadello' },
];
const config = new TextEncoder().encode(JSON.stringify({
  format: 'seggio/prefettura@1', province: { name: 'Cremona', code: 'CR' }, title: 'Referendum costituzionale del 20 e 21 settembre 2020', days: ['2020-09-20', '2020-09-21'],
  turnoutCheckpoints: [{ id: 'C1', at: '2020-09-20T12:00:00+02:00' }, { id: 'C2', at: '2020-09-21T15:00:00+02:00', bySex: true }],
  contests: [{ id: 'REF-2020-1', type: 'referendum', title: 'Referendum costituzionale - riduzione del numero dei parlamentari' }],
  comuni: comuni.map((c) => ({ ...c, officeKey: toBase64(nodeCrypto.generateSigningKeyPair().publicKey) })),
}));
let prefettura: Prefettura;
let server: PrefetturaServer;

test.beforeAll(async () => {
  prefettura = await Prefettura.start(nodeCrypto, { storePath: join(dir, 'prefettura.db'), configBytes: config, configFile: 'prefettura.json' });
  server = await PrefetturaServer.listen(prefettura, { host: '127.0.0.1', port: 0, staffPort: 0, rendererDir: join(REPO_ROOT, 'apps', 'office', 'dist', 'renderer') });
});

test.afterAll(async () => {
  await server.close();
  await prefettura.close();
  rmSync(dir, { recursive: true, force: true });
});

test("a comune's package is refused with its reason and the time it came, in Italian and in German", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1024 });
  await page.goto(server.staffUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Prefettura: affluenza e risultati della provincia di Cremona');
  await expect(page.locator('#comuni-in')).toHaveText('Comuni accettati: 0 su 2');
  for (const c of comuni) await expect(page.locator(`tr[data-comune="${c.istat}"]`)).toContainText(`${c.istat}${c.name}non pervenuto`);

  const upload = page.getByLabel('Caricare il pacchetto di un comune (riepilogo comunale firmato ed esportazioni delle sezioni, file .tar)');
  await upload.setInputFiles({ name: 'acquanegra.tar', mimeType: 'application/x-tar', buffer: Buffer.from(await packArchive(new Map([['note.txt', new Uint8Array([1])]]))) });
  await page.getByRole('button', { name: 'Caricare', exact: true }).click();
  const row = page.locator('tr', { hasText: 'acquanegra.tar' });
  await expect(row).toContainText('Il pacchetto del comune contiene «note.txt»: sono ammessi solo comune-tally.json, la sua firma .sig e sections/ID.tar.');
  await expect(row).toContainText('rifiutato');
  // Received at Rome's hour, named (Sweden's format gives it as ISO).
  const received = prefettura.view().submissions.find((s) => s.origin === 'acquanegra.tar')!.receivedAt;
  const [day, hour] = new Date(received).toLocaleString('sv-SE', { timeZone: 'Europe/Rome' }).split(' ') as [string, string];
  const [y, m, d] = day.split('-');
  await expect(row).toContainText(new RegExp(`${d}/${m}/${y}, ${hour} CES?T`));
  expect(prefettura.results().sectionsAccepted).toBe(0);
  await checkScreen(page, 'prefettura-refused', 'office');

  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Regierungskommissariat: Wahlbeteiligung und Ergebnisse der Provinz Cremona');
  await expect(row).toContainText('Das Paket der Gemeinde enthält „note.txt“: Zulässig sind nur comune-tally.json, seine Signatur .sig und sections/ID.tar.');
  await expect(row).toContainText(new RegExp(`${d}\\.${m}\\.${y}, ${hour} MES?Z`));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Regierungskommissariat: Wahlbeteiligung und Ergebnisse der Provinz Cremona');
  await expect(page.getByRole('heading', { name: 'Erhaltene Pakete' })).toBeVisible();
});
