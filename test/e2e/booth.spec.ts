// The booth in Chromium through its web shell, enabled by a real console service: voters cast
// through the screens, one is cancelled, and the booth's store then holds exactly their ballots.
// Every screen is checked with axe-core and photographed into docs/screens/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseElection, type Election, type Selection } from '@seggio/ballot-core';
import { REPO_ROOT } from '../support/index.js';
import { boothSelections, button, checkScreen, enable as enableFor, startStation, until, type Station } from './station.js';

const electionBytes = readFileSync(join(REPO_ROOT, 'fixtures', 'sanvalle-2020.election.json'));
const election = (parseElection(electionBytes) as { ok: true; value: Election }).value;
const [REF, COM] = election.scrutinyOrder as [string, string];

// The kiosk's screen: every rectangle of these ballots is on the first page.
test.use({ viewport: { width: 1920, height: 1080 } });

let station: Station;
test.beforeAll(async () => {
  station = await startStation(electionBytes, '3');
});
test.afterAll(async () => station.stop());
const enable = (accepts?: string[]) => enableFor(station.seat, accepts);

test.describe.configure({ mode: 'serial' });

test('before opening, the booth shows its fingerprint', async ({ page }) => {
  await page.goto(station.shell.url);
  await expect(page.getByRole('heading', { name: 'Cabina non ancora aperta' })).toBeVisible();
  await expect(page.getByText(station.booth.getView().boothFingerprint)).toBeVisible();
  await checkScreen(page, 'not-open');
  station.seat.openVoting();
  await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
  await checkScreen(page, 'waiting');
});

test('a voter casts a referendum and a municipal ballot with two preferences', async ({ page }) => {
  await page.goto(station.shell.url);
  await enable();
  await expect(page.getByRole('heading', { name: 'Benvenuta, benvenuto' })).toBeVisible();
  await checkScreen(page, 'welcome');
  await button(page, 'Iniziare il voto').click();
  await expect(page.getByText('Scheda 1 di 2')).toBeVisible();
  await button(page, 'SÌ').click();
  await checkScreen(page, 'referendum');
  await button(page, 'Avanti').click();
  await expect(page.getByText('Scheda 2 di 2')).toBeVisible();
  // A split vote is not allowed here: marking another mayor's list takes the mayor's mark off, and says so.
  await button(page, 'TINARI ROBERTO').click();
  await button(page, 'Insieme per Sanvalle').click();
  await expect(page.getByRole('alert')).toHaveText('Il segno su TINARI ROBERTO è stato tolto: in questo comune non è ammesso il voto disgiunto.');
  await expect(button(page, 'TINARI ROBERTO')).toHaveAttribute('aria-pressed', 'false');
  // The list vote counts for its mayor too (under 15,000): shown on the mayor, and in words.
  await expect(button(page, 'BASSELLI ILARIA')).toHaveClass(/\bcounted\b/);
  await expect(page.getByRole('status')).toHaveText('Il voto vale per la candidata sindaca BASSELLI ILARIA e per la lista Insieme per Sanvalle.');
  await button(page, /^preferenza 1 di 2 per la lista Insieme per Sanvalle/).click();
  await expect(page.getByRole('heading', { name: 'Preferenze per la lista Insieme per Sanvalle' })).toBeVisible();
  await button(page, 'TINAZZI LUCA').click();
  // A second preference of the same sex is prevented, with the reason.
  const sameSex = election.contests[1]!.type === 'municipal' ? election.contests[1]!.lists[0]!.candidates.find((c) => c.sex === 'M' && c.id !== 'L1-C01')! : null;
  await button(page, `${sameSex!.surname} ${sameSex!.name}`).click();
  await expect(page.getByRole('alert')).toHaveText('La seconda preferenza deve andare a un candidato di sesso diverso dalla prima.');
  await button(page, 'CORTONI MARTA').click();
  await expect(button(page, 'CORTONI MARTA')).toHaveAttribute('aria-pressed', 'true');
  await checkScreen(page, 'municipal-preferences');
  await button(page, 'Fatto: tornare alla scheda').click();
  await expect(button(page, /^preferenza 2 di 2 per la lista Insieme per Sanvalle: CORTONI MARTA$/)).toBeVisible();
  await checkScreen(page, 'municipal');
  await button(page, 'Avanti').click();
  await expect(page.getByRole('heading', { name: 'Riepilogo del voto' })).toBeVisible();
  await expect(page.getByText('Ha scelto SÌ.')).toBeVisible();
  await expect(page.getByText('Il voto vale per la candidata sindaca BASSELLI ILARIA e per la lista Insieme per Sanvalle. Preferenze: TINAZZI LUCA, CORTONI MARTA.')).toBeVisible();
  await checkScreen(page, 'review');
  await button(page, 'Confermare il voto').click();
  await checkScreen(page, 'confirm');
  await button(page, 'Sì, confermo il voto').click();
  await expect(page.getByRole('heading', { name: 'Voto registrato' })).toBeVisible();
  await checkScreen(page, 'recorded');
});

test('a second voter casts a blank referendum, in English and at the largest text size', async ({ page }) => {
  await page.goto(station.shell.url);
  await enable([REF]);
  await button(page, 'English').click();
  await button(page, 'Very large').click();
  await button(page, 'Start voting').click();
  await button(page, 'Blank ballot').click();
  await button(page, 'Next').click();
  await expect(page.getByText('You chose a blank ballot.')).toBeVisible();
  await button(page, 'Confirm the vote').click();
  await button(page, 'Yes, I confirm the vote').click();
  await expect(page.getByRole('heading', { name: 'Vote recorded' })).toBeVisible();
});

test('a third voter is cancelled by the president mid-way', async ({ page }) => {
  await page.goto(station.shell.url);
  const session = await enable();
  await button(page, 'Iniziare il voto').click();
  await button(page, 'NO').click();
  station.seat.cancelSession({ session });
  await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
  await until(() => station.seat.store.session(session)?.state === 'cancelled');
});

test('a fourth voter votes with the keyboard alone, in high contrast', async ({ page }) => {
  await page.goto(station.shell.url);
  await enable();
  await expect(page.getByRole('heading', { name: 'Benvenuta, benvenuto' })).toBeVisible();
  const press = async (key: string, times = 1) => {
    for (let i = 0; i < times; i++) await page.keyboard.press(key);
  };
  const focusOn = async (name: string | RegExp) => {
    for (let i = 0; i < 80; i++) {
      const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (typeof name === 'string' ? focused === name : name.test(focused)) return;
      await press('ArrowDown');
    }
    throw new Error(`could not reach ${String(name)} with the arrows`);
  };
  await focusOn('Alto contrasto');
  await press('Enter');
  await checkScreen(page, 'welcome-high-contrast');
  await focusOn('Iniziare il voto');
  await press('Enter');
  await focusOn('NO');
  await press('Enter');
  await focusOn('Avanti');
  await press('Enter');
  await focusOn(/^BASSELLI ILARIA/);
  await press('Enter');
  await focusOn('Avanti');
  await press('Enter');
  await focusOn('Confermare il voto');
  await press('Enter');
  await focusOn('Sì, confermo il voto');
  await press('Enter');
  await expect(page.getByRole('heading', { name: 'Voto registrato' })).toBeVisible();
});

test('a voter who stops is warned, keeps the choices, and then the booth asks for the president', async ({ page }) => {
  await page.goto(`${station.shell.url}&inactivity=600`);
  const session = await enable();
  await button(page, 'Iniziare il voto').click();
  await button(page, 'SÌ').click();
  await expect(page.getByRole('alertdialog')).toContainText('È ancora qui?');
  await checkScreen(page, 'inactivity-warning');
  await button(page, 'Continuare a votare').click();
  await expect(button(page, 'SÌ')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('alertdialog')).toContainText('chiami il presidente del seggio', { timeout: 5000 });
  await checkScreen(page, 'inactivity-call-president');
  expect(station.seat.store.session(session)?.state).toBe('started');
  station.seat.cancelSession({ session });
  await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
});

test("the booth's store holds exactly those ballots, and closing shows the closed screen", async ({ page }) => {
  await page.goto(station.shell.url);
  const cast = (await boothSelections(station, electionBytes, election)).map((selection) => JSON.stringify(selection));
  const expected: [string, Selection][] = [
    [REF, { answer: 'YES' }],
    [COM, { mayor: null, list: 'L1', preferences: ['L1-C01', 'L1-C02'] }],
    [REF, { blank: true }],
    [REF, { answer: 'NO' }],
    [COM, { mayor: 'S1', list: null, preferences: [] }],
  ];
  expect(cast.sort()).toEqual(expected.map((e) => JSON.stringify(e)).sort());
  // A last voter chose English and walked away: the president's closed screen is in Italian all the same.
  const session = await enable([REF]);
  await button(page, 'English').click();
  await expect(page.getByRole('button', { name: 'Start voting' })).toBeVisible();
  station.seat.cancelSession({ session });
  station.seat.closeVoting();
  await expect(page.getByRole('heading', { name: 'Votazione chiusa' })).toBeVisible();
  await checkScreen(page, 'closed');
});
