// The party-list ballots in Chromium (a training election with European, Senato and Camera ballots):
// a European list with two preferences, a Senato single-member candidate alone, a Camera list that
// carries its candidate; the booth's store then holds exactly that, and every screen passes axe-core.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { decodeBallotPlaintext, parseElection, type Election } from '@seggio/ballot-core';
import { combineUrnaShares, fromBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { REPO_ROOT } from '../support/index.js';
import { button, checkScreen, enable, startStation, type Station } from './station.js';

const electionBytes = readFileSync(join(REPO_ROOT, 'fixtures', 'politiche-2022.election.json'));
const election = (parseElection(electionBytes) as { ok: true; value: Election }).value;

// The kiosk's screen: every rectangle of these ballots is on the first page.
test.use({ viewport: { width: 1920, height: 1080 } });

/** A button of the scheda, turning its pages ("Altri candidati") until it shows. */
async function reach(page: Page, name: string) {
  const target = button(page, name);
  for (let i = 0; i < 5 && !(await target.count()); i++) await button(page, /^Altri candidati/).click();
  return target;
}

let station: Station;
test.beforeAll(async () => {
  station = await startStation(electionBytes, '12');
  station.seat.openVoting();
});
test.afterAll(async () => station.stop());

test('a voter casts European, Senato and Camera ballots', async ({ page }) => {
  await page.goto(station.shell.url);
  await enable(station.seat);
  await button(page, 'Iniziare il voto').click();

  await expect(page.getByText('Scheda 1 di 3')).toBeVisible();
  await button(page, 'Lista Lanterna').click();
  await checkScreen(page, 'european');
  await button(page, /^preferenza 1 di 3 per la Lista Lanterna/).click();
  await button(page, 'MAZZA PAOLA').click();
  await button(page, 'TESTA CARLO').click();
  await checkScreen(page, 'european-preferences');
  await button(page, 'Fatto: tornare alla scheda').click();
  await button(page, 'Avanti').click();

  await expect(page.getByText('Scheda 2 di 3')).toBeVisible();
  await button(page, 'LONGO SERGIO').click();
  await checkScreen(page, 'senato');
  await button(page, 'Avanti').click();

  await expect(page.getByText('Scheda 3 di 3')).toBeVisible();
  // A mark on the symbol counts for the list and its single-member candidate, shown on the candidate.
  await (await reach(page, "Vela per l'Italia")).click();
  await expect(button(page, 'FERRARI PAOLO')).toHaveClass(/\bcounted\b/);
  await checkScreen(page, 'camera');
  await button(page, 'Avanti').click();

  await expect(page.getByText('Il voto vale per la Lista Lanterna. Preferenze: MAZZA PAOLA, TESTA CARLO.')).toBeVisible();
  await expect(page.getByText('Il voto vale per il candidato LONGO SERGIO ed è ripartito tra le liste collegate.')).toBeVisible();
  await expect(page.getByText("Il voto vale per la lista Vela per l'Italia e per il candidato FERRARI PAOLO.")).toBeVisible();
  // Each ballot titled as its scheda is headed, with the collegio or circoscrizione it is for, on the
  // screen and in what the voice reads back.
  const senato = 'Elezione del Senato della Repubblica — Lombardia - collegio uninominale 04';
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(["Elezione dei membri del Parlamento europeo spettanti all'Italia — Italia nord-occidentale", senato, 'Elezione della Camera dei deputati — Lombardia 4 - collegio uninominale 06']);
  expect(await page.locator('[data-intro]').getAttribute('data-intro')).toContain(`Scheda 2 di 3, ${senato}: Ha segnato: candidato nel collegio uninominale LONGO SERGIO.`);
  await checkScreen(page, 'politiche-review');
  await button(page, 'Confermare il voto').click();
  await button(page, 'Sì, confermo il voto').click();
  await expect(page.getByRole('heading', { name: 'Voto registrato' })).toBeVisible();

  const urna = await combineUrnaShares(nodeCrypto, station.shares.slice(1, 4), fromBase64(station.seat.setupDocument()!.urnaPublicKey));
  if (!urna.ok) throw new Error(JSON.stringify(urna.error));
  const digest = nodeCrypto.sha256Hex(electionBytes);
  const cast = Object.fromEntries(
    station.booth.ballots().map((b) => {
      const decoded = decodeBallotPlaintext(nodeCrypto.sealOpen(b.ct, urna.value)!, digest, election.contests.find((c) => c.id === b.contest)!);
      if (!decoded.ok) throw new Error(JSON.stringify(decoded.error));
      return [b.contest, decoded.value];
    }),
  );
  expect(cast).toEqual({
    'EU-2024': { list: 'EU-L2', candidate: null, preferences: ['EU-L2-C1', 'EU-L2-C2'] },
    'SEN-2022': { list: null, candidate: 'SEN-U1', preferences: [] },
    'CAM-2022': { list: 'CAM-L4', candidate: null, preferences: [] },
  });
});

test("back from the lines of a list on the scheda's second page, the voter is on that page, on that list's first line", async ({ page }) => {
  await page.goto(station.shell.url);
  const session = await enable(station.seat);
  // At the largest text the European scheda takes two pages of the kiosk's screen.
  await button(page, 'Molto grande').click();
  await button(page, 'Iniziare il voto').click();
  await expect(page.locator('.page')).toHaveAttribute('data-page', '1/2');
  await button(page, /^Altri candidati/).click();
  await expect(page.locator('.page')).toHaveAttribute('data-page', '2/2');
  const european = election.contests.find((c) => c.type === 'european')!;
  const list = european.type === 'european' ? european.lists.at(-1)!.name : '';
  const line = button(page, new RegExp(`^preferenza 1 di 3 per la lista ${list}`));
  await button(page, list).click();
  // Back by the keypad's "Indietro", then by "Fatto".
  for (const back of [() => page.keyboard.press('Escape'), () => button(page, 'Fatto: tornare alla scheda').click()]) {
    await line.click();
    await expect(page.getByRole('heading', { name: `Preferenze per la lista ${list}` })).toBeVisible();
    await back();
    await expect(page.locator('.page')).toHaveAttribute('data-page', '2/2');
    await expect(line).toBeFocused();
  }
  station.seat.cancelSession({ session });
  await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
});

test('an EU citizen on the European roll gets the European ballot only', async ({ page }) => {
  await page.goto(station.shell.url);
  await enable(station.seat, undefined, 'EU_EUROPEAN');
  await expect(page.getByText('Schede da votare: 1')).toBeVisible();
  await button(page, 'Iniziare il voto').click();
  await expect(page.getByText('Scheda 1 di 1')).toBeVisible();
  await expect(page.getByRole('heading', { name: /Parlamento europeo/ })).toBeVisible();
});
