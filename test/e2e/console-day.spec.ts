// A polling-station day as a seat president runs it with `npm start`, at 1280×1024, in Chromium: the
// console and two booths of one day folder. Stopped mid-voting with every process killed (a power
// cut), started again on the same folder: the day resumes from its stores, the pages say they lost
// their service and that it is back, the voter inside finishes. A booth's inactivity call is on its
// tile; voting is closed with a voter inside (warned, booth named, logged); the count, the export and
// `seggio verify` with the command the console prints. The president's actions for a roll voter are
// printed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO_ROOT } from '../support/index.js';
import { button, checkScreen } from './station.js';

/** The day's folder, made by the first test (not when the file is only being listed). */
let folder = '';
/** The demo roll's first lines: number -> [surname name, sex]. */
const ROLL = new Map(
  readFileSync(join(REPO_ROOT, 'demo', 'lista-sezionale.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(';'))
    .map(([number, surname, name, sex]) => [Number(number), { who: `${surname} ${name}`, sex: sex === 'F' ? 'Donna' : 'Uomo' }]),
);

interface Demo {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly urls: { console: string; booths: string[] };
}

/** `npm start --web --dir FOLDER` until it says it is ready (at most 60 s: a new day is prepared by its office first). */
async function startDemo(): Promise<Demo> {
  // Its own process group, so that a power cut kills the station and the Comune's office it started.
  const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'start.mjs'), '--web', '--port', '0', '--office-port', '0', '--dir', folder], { cwd: REPO_ROOT, detached: true });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  for (let i = 0; i < 1200 && !out.includes('Press Ctrl-C') && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
  expect(out, out).toContain('Press Ctrl-C');
  const address = (label: string) => new RegExp(`^  ${label}\\s+(http://127\\.0\\.0\\.1:\\d+/\\?token=\\S+)$`, 'm').exec(out)![1]!;
  return { child, output: () => out, urls: { console: address('console'), booths: [address('booth 1'), address('booth 2')] } };
}

/** Every process of the station killed at once, as a power cut does. */
async function kill(demo: Demo): Promise<void> {
  const exited = new Promise((r) => demo.child.once('exit', r));
  process.kill(-demo.child.pid!, 'SIGKILL');
  await exited;
}

let demo: Demo;
let president: Page;
const booths: Page[] = [];
const shares: string[] = [];
/** What the president did for one voter from the roll: keys and clicks. */
const actions: string[] = [];

test.describe.configure({ mode: 'serial' });
test.afterAll(async () => {
  if (demo && demo.child.exitCode === null && demo.child.signalCode === null) await kill(demo);
  if (folder) rmSync(join(folder, '..'), { recursive: true, force: true });
});

/** A president's click, counted when a roll voter is being enabled. */
async function click(page: Page, name: string, counting = false): Promise<void> {
  await button(page, name).click();
  if (counting) actions.push(`click "${name}"`);
}

async function voteAt(page: Page, choices: string[]): Promise<void> {
  await button(page, 'Iniziare il voto').click();
  for (const choice of choices) {
    await button(page, choice).click();
    await button(page, 'Avanti').click();
  }
  await button(page, 'Confermare il voto').click();
  await button(page, 'Sì, confermo il voto').click();
  await expect(page.getByRole('heading', { name: 'Voto registrato' })).toBeVisible();
}

test('set-up through the screens: package, keys and shares, each booth paired by the name offered and showing it, the roll', async ({ browser }) => {
  folder = join(mkdtempSync(join(tmpdir(), 'seggio-day-e2e-')), 'day');
  demo = await startDemo();
  president = await (await browser.newContext({ viewport: { width: 1280, height: 1024 } })).newPage();
  await president.goto(demo.urls.console);
  for (const [i, url] of demo.urls.booths.entries()) {
    const page = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
    // Booth 1's voter is asked whether still there after 6 s, and the president called after 12 s.
    await page.goto(i === 0 ? `${url}&inactivity=6000` : url);
    booths.push(page);
  }
  await click(president, 'Verificare e caricare election.json');
  await click(president, 'Creare le chiavi del seggio');
  for (let i = 1; i <= 5; i++) {
    await expect(president.getByRole('heading', { name: `Quota ${i} di 5` })).toBeVisible();
    shares.push((await president.locator('.share-text').textContent())!.trim());
    await click(president, i < 5 ? 'Consegnata: mostrare la successiva' : 'Consegnata: tutte le quote sono state consegnate');
  }
  // Both booths wait; each is offered both free names, and the president names each by where it stands.
  for (const [i, page] of booths.entries()) {
    const fingerprint = (await page.getByText(/^Impronta della cabina: /).textContent())!.replace('Impronta della cabina: ', '');
    const pending = president.locator('li.pending', { hasText: fingerprint });
    await expect(pending.getByRole('button')).toHaveText(i === 0 ? ["L'impronta coincide: abbinare come B1", "L'impronta coincide: abbinare come B2"] : ["L'impronta coincide: abbinare come B2"]);
    await pending.getByRole('button', { name: `abbinare come B${i + 1}` }).click();
    // On the booth, the president compares the console's machine id and fingerprint and confirms them.
    await expect(page.getByRole('heading', { name: 'Confermare la postazione del seggio' })).toBeVisible();
    await page.getByRole('button', { name: 'Coincidono: confermare la postazione' }).click();
    // The booth says the name it was given.
    await expect(page.getByRole('heading', { name: `Cabina B${i + 1} · Cabina non ancora aperta` })).toBeVisible();
  }
  await president.getByLabel('File della lista sezionale').setInputFiles(join(folder, 'chiavetta', 'lista-sezionale.csv'));
  await expect(president.getByText('verificato: urna vuota')).toHaveCount(2);
  await click(president, 'Aprire la votazione');
  for (const page of booths) await expect(page.getByText('Cabina libera')).toBeVisible();
});

test('voting: the enabling form is whole on the screen with the roll loaded; a roll voter takes a number, Enter and Enter', async () => {
  const form = president.locator('form', { has: president.getByRole('button', { name: 'Abilitare la cabina' }) });
  // Nothing of the form below the fold at 1280×1024, the page not scrolled.
  expect(await president.evaluate(() => window.scrollY)).toBe(0);
  const submit = await form.getByRole('button', { name: 'Abilitare la cabina' }).boundingBox();
  expect(submit!.y + submit!.height, 'the enable button is within the 1024 px of the screen').toBeLessThanOrEqual(1024);
  await checkScreen(president, 'day-voting', 'console');

  // A voter from the roll at B1, the booth offered first: the number, Enter to look it up, Enter to enable.
  const number = form.getByLabel('Numero nella lista sezionale');
  await number.fill('1');
  actions.push('type "1"');
  await number.press('Enter');
  actions.push('Enter');
  const voter = ROLL.get(1)!;
  // The roll says the voter's sex, and the form does not ask it again.
  await expect(form.getByRole('status').filter({ hasText: `${voter.who} — ${voter.sex}, Cittadino italiano` })).toBeVisible();
  await expect(form.getByRole('radio', { name: 'Donna' })).toBeHidden();
  await expect(form.getByRole('button', { name: 'Abilitare la cabina' })).toBeFocused();
  await president.keyboard.press('Enter');
  actions.push('Enter');
  await expect(president.getByText('Cabina B1 abilitata:')).toBeVisible();
  console.log(`president's actions for a roll voter: ${actions.join(', ')} (${actions.filter((a) => a.startsWith('click')).length} clicks; before: a typed number, a click on the search, a scroll and a click)`);
  await voteAt(booths[0]!, ['SÌ', 'Insieme per Sanvalle']);
  // The green "enabled" is gone with the session it spoke of.
  await expect(president.getByText('Cabina B1 abilitata:')).toHaveCount(0);

  // A voter at B2, cancelled by the president: the "enabled" goes at once.
  await form.getByRole('radio', { name: 'Cabina B2' }).check();
  await form.getByRole('radio', { name: 'Uomo' }).check();
  await click(president, 'Abilitare la cabina');
  await expect(president.getByText('Cabina B2 abilitata:')).toBeVisible();
  await click(president, 'Annullare la votazione in B2');
  await click(president, 'Sì, annullare');
  await expect(president.getByText('Cabina B2 abilitata:')).toHaveCount(0);
  await expect(booths[1]!.getByText('Cabina libera')).toBeVisible();
});

test('a power cut mid-voting: every process killed, the pages say so; started again on the same folder, the day resumes and the voter inside finishes', async () => {
  const form = president.locator('form', { has: president.getByRole('button', { name: 'Abilitare la cabina' }) });
  await form.getByRole('radio', { name: 'Cabina B2' }).check();
  await form.getByRole('radio', { name: 'Donna' }).check();
  await click(president, 'Abilitare la cabina');
  // The voter at B2 is halfway through the ballots when the power goes.
  await button(booths[1]!, 'Iniziare il voto').click();
  await button(booths[1]!, 'NO').click();
  await button(booths[1]!, 'Avanti').click();
  await kill(demo);

  await expect(president.locator('[data-service="lost"]')).toContainText('Collegamento con il servizio della console interrotto');
  await expect(booths[1]!.locator('[data-service="lost"]')).toContainText('La cabina ha perso il collegamento con il suo servizio');
  // An action now is refused with the reason, not silently dropped.
  await form.getByRole('radio', { name: 'Cabina B1' }).check();
  await form.getByRole('radio', { name: 'Uomo' }).check();
  await click(president, 'Abilitare la cabina');
  await expect(president.getByRole('alert').filter({ hasText: 'Cabina non abilitata' })).toContainText("Il servizio della console non è raggiungibile: l'azione non è stata eseguita");
  await checkScreen(president, 'day-service-lost', 'console');

  demo = await startDemo();
  expect(demo.output()).toContain('RESUMED');
  // The same pages, left open, find their service again at the same addresses.
  await expect(president.locator('[data-service="back"]')).toContainText('Collegamento con il servizio della console ripristinato');
  await expect(booths[1]!.locator('[data-service="lost"]')).toHaveCount(0);
  await expect(president.locator('li[data-booth="B2"]')).toContainText('elettore in cabina');
  // The voter goes on from where the screen was: the second ballot, then confirm.
  await button(booths[1]!, 'Insieme per Sanvalle').click();
  await button(booths[1]!, 'Avanti').click();
  await button(booths[1]!, 'Confermare il voto').click();
  await button(booths[1]!, 'Sì, confermo il voto').click();
  await expect(booths[1]!.getByRole('heading', { name: 'Voto registrato' })).toBeVisible();
  await expect(president.locator('li[data-booth="B2"]')).not.toContainText('elettore in cabina');
});

test('a voter still too long: the booth calls the president, and the tile says so', async () => {
  const form = president.locator('form', { has: president.getByRole('button', { name: 'Abilitare la cabina' }) });
  await form.getByRole('radio', { name: 'Cabina B1' }).check();
  await form.getByRole('radio', { name: 'Uomo' }).check();
  await click(president, 'Abilitare la cabina');
  await button(booths[0]!, 'Iniziare il voto').click();
  const tile = president.locator('li[data-booth="B1"]');
  await expect(tile.locator('.tile-calling')).toHaveText('La cabina B1 chiama il presidente: l’elettore è fermo da tempo. Andare a vedere.', { timeout: 30_000 });
  await checkScreen(president, 'day-calling', 'console');
  await button(booths[0]!, 'Continuare a votare').click();
  await expect(tile.locator('.tile-calling')).toHaveCount(0);
});

test('close with a voter inside: warned with the booth named, logged; count, export, and the printed verify command holds', async () => {
  // The voter at B1 is still inside.
  await click(president, 'Chiudere la votazione');
  await expect(president.locator('[data-inside]')).toHaveText('Attenzione: nella cabina B1 c’è ancora un elettore. Chiudendo ora, la sua votazione viene annullata e nulla ne viene conteggiato; il registro degli eventi lo annota.');
  await checkScreen(president, 'day-close-inside', 'console');
  await click(president, 'Confermo la chiusura');
  await expect(president.getByRole('heading', { name: 'Scrutinio' })).toBeVisible();
  const fields = president.locator('input.share-input');
  for (const i of [0, 1, 2]) await fields.nth(i).fill(shares[i * 2]!);
  await click(president, 'Aprire le urne e contare');
  await expect(president.getByRole('heading', { name: 'Risultati della sezione' })).toBeVisible();
  await click(president, 'Firmare il verbale ed esportare');
  // Pushed to the Comune's office npm start runs beside the station, which accepts it: said with the time, and not sent twice.
  const pushed = president.locator('section[aria-labelledby="office-push-title"]');
  await expect(pushed.getByRole('status')).toContainText("Inviato e accolto dall'ufficio elettorale del Comune:");
  await expect(pushed.getByRole('button', { name: 'Inviare al Comune' })).toBeDisabled();
  const command = (await president.locator('.verify-command').textContent())!;
  expect(command).toMatch(new RegExp(`^npx seggio verify \\S+/bundle --office-key ${folder}/office\\.pub --training$`));
  // Run as shown (npx seggio is the repository's own command).
  const args = command.replace(/^npx seggio /, '').split(' ');
  const verify = spawnSync(process.execPath, [join(REPO_ROOT, 'apps', 'cli', 'bin', 'seggio.js'), ...args, '--json'], { encoding: 'utf8' });
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  const report = JSON.parse(verify.stdout) as { ok: boolean };
  expect(report.ok).toBe(true);
  // The console's log in the bundle says what became of the session at B1: cancelled at the close.
  const log = readFileSync(join(args[1]!, 'log.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { event: string; detail?: Record<string, unknown> });
  expect(log.filter((e) => e.event === 'closed-with-voter').map((e) => e.detail)).toEqual([{ booth: 'B1', counter: 2, outcome: 'cancelled' }]);
  await kill(demo);
});
