// The booth in Chromium through its web shell, enabled by a real console service: voters cast
// through the screens, one is cancelled, and the booth's store then holds exactly their ballots.
// Every screen is checked with axe-core and photographed into docs/screens/.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { decodeBallotPlaintext, encodeSidecar, parseElection, signBytes, type Election, type Selection } from '@seggio/ballot-core';
import { BoothService } from '@seggio/booth';
import { startBoothWebShell, type WebShell } from '@seggio/booth/web';
import { combineUrnaShares, fromBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { SeatConsole } from '@seggio/seat-console';
import { REPO_ROOT } from '../support/index.js';

const SCREENS = join(REPO_ROOT, 'docs', 'screens');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const electionBytes = readFileSync(join(REPO_ROOT, '..', 'shared', 'fixtures', 'sanvalle-2020.election.json'));
const election = (parseElection(electionBytes) as { ok: true; value: Election }).value;
const [REF, COM] = election.scrutinyOrder as [string, string];

let seat: SeatConsole;
let booth: BoothService;
let shell: WebShell;
let shares: string[];

async function until<T>(probe: () => T | undefined | false | null): Promise<T> {
  for (let i = 0; i < 2000; i++) {
    const v = probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out');
}

test.beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  const office = nodeCrypto.generateSigningKeyPair();
  seat = await SeatConsole.start(nodeCrypto, { storePath: null, officeKey: office.publicKey, host: '127.0.0.1', port: 0 });
  seat.loadElection({ bytes: electionBytes, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, electionBytes, office))) });
  const keys = await seat.createKeys({ section: '3' });
  if (!keys.ok) throw new Error(keys.error);
  shares = keys.value.shares;
  booth = BoothService.start(nodeCrypto, { storePath: null, officeKey: office.publicKey, consoleUrl: seat.url });
  shell = await startBoothWebShell(booth, join(REPO_ROOT, 'apps', 'booth', 'dist', 'renderer'));
  await until(() => seat.getView().pendingBooths.length === 1);
  seat.pairBooth({ fingerprint: booth.getView().boothFingerprint, id: 'B1' });
  await until(() => seat.getView().booths[0]?.zeroReport);
});

test.afterAll(async () => {
  await shell.close();
  booth.stop();
  await seat.stop();
});

/** No axe-core violation on the screen as it is, and a photograph of it. */
async function checkScreen(page: Page, name: string) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag22aa', 'best-practice'] });
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
  expect(violations, `axe-core on ${name}`).toEqual([]);
  // R27: every control a voter touches is at least 48 px in both directions.
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button')]
      .map((b) => ({ text: b.textContent ?? '', box: b.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.width < 48 || box.height < 48))
      .map(({ text, box }) => `${text} (${Math.round(box.width)}×${Math.round(box.height)})`),
  );
  expect(small, `touch targets under 48 px on ${name}`).toEqual([]);
  await page.screenshot({ path: join(SCREENS, `booth-${name}.png`), fullPage: true });
}

async function enable(accepts?: string[]) {
  await until(() => seat.getView().booths[0]?.state === 'idle' && !seat.getView().booths[0]?.session);
  const result = seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'F', ...(accepts ? { accepts } : {}) });
  if (!result.ok) throw new Error(result.error);
  return result.value.session;
}

const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });

test.describe.configure({ mode: 'serial' });

test('before opening, the booth shows its fingerprint', async ({ page }) => {
  await page.goto(shell.url);
  await expect(page.getByRole('heading', { name: 'Cabina non ancora aperta' })).toBeVisible();
  await expect(page.getByText(booth.getView().boothFingerprint)).toBeVisible();
  await checkScreen(page, 'not-open');
  seat.openVoting();
  await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
  await checkScreen(page, 'waiting');
});

test('a voter casts a referendum and a municipal ballot with two preferences', async ({ page }) => {
  await page.goto(shell.url);
  await enable();
  await expect(page.getByRole('heading', { name: 'Benvenuta, benvenuto' })).toBeVisible();
  await checkScreen(page, 'welcome');
  await button(page, 'Inizia a votare').click();
  await expect(page.getByText('Scheda 1 di 2')).toBeVisible();
  await button(page, 'SÌ').click();
  await checkScreen(page, 'referendum');
  await button(page, 'Avanti').click();
  await expect(page.getByText('Scheda 2 di 2')).toBeVisible();
  await button(page, 'Insieme per Sanvalle').click();
  await button(page, 'TINAZZI LUCA').click();
  // A second preference of the same sex is prevented, with the reason.
  const sameSex = election.contests[1]!.type === 'municipal' ? election.contests[1]!.lists[0]!.candidates.find((c) => c.sex === 'M' && c.id !== 'L1-C01')! : null;
  await button(page, `${sameSex!.surname} ${sameSex!.name}`).click();
  await expect(page.getByRole('alert')).toHaveText('La seconda preferenza deve essere per un candidato di sesso diverso dalla prima.');
  await button(page, 'CORTONI MARTA').click();
  await expect(button(page, 'CORTONI MARTA')).toHaveAttribute('aria-pressed', 'true');
  await checkScreen(page, 'municipal');
  await button(page, 'Avanti').click();
  await expect(page.getByRole('heading', { name: 'Controlla il tuo voto' })).toBeVisible();
  await expect(page.getByText('Preferenze: TINAZZI LUCA, CORTONI MARTA')).toBeVisible();
  await checkScreen(page, 'review');
  await button(page, 'Conferma il voto').click();
  await checkScreen(page, 'confirm');
  await button(page, 'Sì, conferma il voto').click();
  await expect(page.getByRole('heading', { name: 'Voto registrato' })).toBeVisible();
  await checkScreen(page, 'recorded');
});

test('a second voter casts a blank referendum, in English and at the largest text size', async ({ page }) => {
  await page.goto(shell.url);
  await enable([REF]);
  await button(page, 'English').click();
  await button(page, 'Very large').click();
  await button(page, 'Start voting').click();
  await button(page, 'Blank ballot').click();
  await button(page, 'Next').click();
  await expect(page.getByText('Blank ballot', { exact: true }).first()).toBeVisible();
  await button(page, 'Confirm the vote').click();
  await button(page, 'Yes, confirm the vote').click();
  await expect(page.getByRole('heading', { name: 'Vote recorded' })).toBeVisible();
});

test('a third voter is cancelled by the president mid-way', async ({ page }) => {
  await page.goto(shell.url);
  const session = await enable();
  await button(page, 'Inizia a votare').click();
  await button(page, 'NO').click();
  seat.cancelSession({ session });
  await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
  await until(() => seat.store.session(session)?.state === 'cancelled');
});

test('a fourth voter votes with the keyboard alone, in high contrast', async ({ page }) => {
  await page.goto(shell.url);
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
  await focusOn('Inizia a votare');
  await press('Enter');
  await focusOn('NO');
  await press('Enter');
  await focusOn('Avanti');
  await press('Enter');
  await focusOn(/^BASSELLI ILARIA/);
  await press('Enter');
  await focusOn('Avanti');
  await press('Enter');
  await focusOn('Conferma il voto');
  await press('Enter');
  await focusOn('Sì, conferma il voto');
  await press('Enter');
  await expect(page.getByRole('heading', { name: 'Voto registrato' })).toBeVisible();
});

test('a voter who stops is warned, keeps the choices, and then the booth asks for the president', async ({ page }) => {
  await page.goto(`${shell.url}&inactivity=600`);
  const session = await enable();
  await button(page, 'Inizia a votare').click();
  await button(page, 'SÌ').click();
  await expect(page.getByRole('alertdialog')).toContainText('Sei ancora qui?');
  await checkScreen(page, 'inactivity-warning');
  await button(page, 'Continua a votare').click();
  await expect(button(page, 'SÌ')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('alertdialog')).toContainText('chiami il presidente del seggio', { timeout: 5000 });
  await checkScreen(page, 'inactivity-call-president');
  expect(seat.store.session(session)?.state).toBe('started');
  seat.cancelSession({ session });
  await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
});

test("the booth's store holds exactly those ballots, and closing shows the closed screen", async ({ page }) => {
  await page.goto(shell.url);
  const urna = await combineUrnaShares(nodeCrypto, shares.slice(0, 3), fromBase64(seat.getView().urnaFingerprint ? (seat.setupDocument().urnaPublicKey) : ''));
  if (!urna.ok) throw new Error(urna.error.join('; '));
  const digest = nodeCrypto.sha256Hex(electionBytes);
  const cast = booth.ballots().map((b) => {
    const contest = election.contests.find((c) => c.id === b.contest)!;
    const decoded = decodeBallotPlaintext(nodeCrypto.sealOpen(b.ct, urna.value)!, digest, contest);
    if (!decoded.ok) throw new Error(decoded.error);
    return JSON.stringify([b.contest, decoded.value]);
  });
  const expected: [string, Selection][] = [
    [REF, { answer: 'YES' }],
    [COM, { mayor: null, list: 'L1', preferences: ['L1-C01', 'L1-C02'] }],
    [REF, { blank: true }],
    [REF, { answer: 'NO' }],
    [COM, { mayor: 'S1', list: null, preferences: [] }],
  ];
  expect(cast.sort()).toEqual(expected.map((e) => JSON.stringify(e)).sort());
  seat.closeVoting();
  await expect(page.getByRole('heading', { name: 'Votazione chiusa' })).toBeVisible();
  await checkScreen(page, 'closed');
});
