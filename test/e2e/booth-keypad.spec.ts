// A blind voter at the booth (SECURITY.md R27): the accessible keypad, a fake device behind node-hid's
// interface in the device thread, pressed from this test and from the web shell's virtual keypad page;
// the voter finds their way by what the booth says in the headphones, never by looking. The speech the
// page sends to the browser's synthesiser is recorded as it goes out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parseElection, type Election } from '@seggio/ballot-core';
import { HardwareHost, loadProfiles, type ButtonName } from '@seggio/hardware';
import { REPO_ROOT } from '../support/index.js';
import { boothSelections, checkScreen, startStation, until, type Station } from './station.js';

const electionBytes = readFileSync(join(REPO_ROOT, 'demo', 'sanvalle-demo.election.json'));
const election = (parseElection(electionBytes) as { ok: true; value: Election }).value;
const [REF, COM] = election.scrutinyOrder as [string, string];
const PAD = 'seggio-keypad';

let station: Station;
let keypad: HardwareHost;
test.beforeAll(async () => {
  keypad = HardwareHost.start({ profiles: loadProfiles().profiles.filter((p) => p.kind === 'booth-keypad'), backend: 'fake', scanMs: 50 });
  keypad.fake.plug(PAD);
  await until(() => keypad.status()[0]?.state === 'connected');
  station = await startStation(electionBytes, '3', { source: keypad, press: (button) => keypad.fake.press(PAD, button) });
  station.seat.openVoting();
});
test.afterAll(async () => {
  await station.stop();
  await keypad.stop();
});
test.describe.configure({ mode: 'serial' });

type Spoken = { text: string; volume: number; lang: string };
/** Records each utterance the page hands to the browser's speech synthesis, and still speaks it. */
async function listen(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: { text: string; volume: number; lang: string }[] = [];
    (window as unknown as { spoken: typeof log }).spoken = log;
    const speak = speechSynthesis.speak.bind(speechSynthesis);
    speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
      log.push({ text: utterance.text, volume: utterance.volume, lang: utterance.lang });
      speak(utterance);
    };
  });
}
const spoken = (page: Page) => page.evaluate(() => (window as unknown as { spoken: Spoken[] }).spoken.slice());
const lastSaid = async (page: Page) => (await spoken(page)).at(-1)?.text ?? '';

/** Presses a key of the fake keypad, and waits for the booth to have said something new. */
async function press(page: Page, button: ButtonName): Promise<string> {
  const before = (await spoken(page)).length;
  keypad.fake.press(PAD, button);
  await expect.poll(async () => (await spoken(page)).length, { message: `the booth says something after "${button}"` }).toBeGreaterThan(before);
  return lastSaid(page);
}

/** Moves down until the booth says `name` (as a blind voter does), then selects it. */
async function choose(page: Page, name: string | RegExp): Promise<void> {
  const heard: string[] = [];
  for (let i = 0; i < 80; i++) {
    const said = await press(page, 'down');
    const item = said.split('. ').at(-1)!;
    heard.push(item);
    if (typeof name === 'string' ? item === name || item.startsWith(`${name},`) : name.test(item)) {
      await press(page, 'select');
      return;
    }
  }
  throw new Error(`never heard ${String(name)}; heard: ${[...new Set(heard)].join(' | ')}`);
}

test('a voter completes the whole flow with the keypad and the headphones alone', async ({ page }) => {
  await listen(page);
  await page.goto(station.shell.url);
  await until(() => station.seat.getView().booths[0]?.state === 'idle');
  const enabled = station.seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'F' });
  if (!enabled.ok) throw new Error(enabled.error);
  await expect(page.getByRole('heading', { name: 'Benvenuta, benvenuto' })).toBeVisible();
  // Silent until the keypad is used; then help says what the keys do.
  expect(await spoken(page)).toEqual([]);
  expect(await press(page, 'help')).toBe('Tastierino: frecce su e giù per passare da una voce all\'altra, tasto centrale per scegliere, indietro per tornare, ripeti per riascoltare, volume più e meno per il volume.');
  expect(await press(page, 'volume-up')).toBe('Volume 100 per cento');
  expect(await press(page, 'volume-down')).toBe('Volume 80 per cento');
  const utterance = (await spoken(page)).at(-1)!;
  expect(utterance.lang).toBe('it-IT');
  expect(utterance.volume).toBeCloseTo(0.8, 5);
  expect(await press(page, 'repeat')).toBe('Volume 80 per cento');

  await choose(page, 'Inizia a votare');
  await expect.poll(() => lastSaid(page)).toContain('Scheda 1 di 2');
  await choose(page, 'NO');
  expect(await lastSaid(page)).toBe('NO, scelto');
  await choose(page, 'Avanti');
  await expect.poll(() => lastSaid(page)).toContain('Scheda 2 di 2');
  await choose(page, 'Sanvalle Domani');
  await choose(page, 'Avanti');
  await expect.poll(() => lastSaid(page)).toContain('Controlla il tuo voto');
  await checkScreen(page, 'keypad-review');
  await choose(page, 'Conferma il voto');
  await choose(page, 'Sì, conferma il voto');
  // The recorded screen is said without a key being pressed.
  await expect.poll(() => lastSaid(page)).toContain('Voto registrato');
  await expect(page.getByRole('heading', { name: 'Voto registrato' })).toBeVisible();

  // What the booth recorded is what the voter heard and chose.
  const selections = await boothSelections(station, electionBytes, election);
  expect(Object.fromEntries(selections)).toEqual({ [REF]: { answer: 'NO' }, [COM]: { mayor: null, list: 'L2', preferences: [] } });
});

test('the web shell serves a virtual keypad that presses the fake one, and the next voter starts silent', async ({ page, context }) => {
  await listen(page);
  await page.goto(station.shell.url);
  await until(() => station.seat.getView().booths[0]?.state === 'idle' && !station.seat.getView().booths[0]?.session);
  const enabled = station.seat.enableBooth({ booth: 'B1', category: 'IT', sex: 'M', accepts: [REF] });
  if (!enabled.ok) throw new Error(enabled.error);
  await expect(page.getByRole('heading', { name: 'Benvenuta, benvenuto' })).toBeVisible();
  expect(await spoken(page)).toEqual([]);
  const pad = await context.newPage();
  await pad.goto(station.shell.url.replace('/?token=', '/keypad.html?token='));
  await expect(pad.getByText('Collegato alla cabina.')).toBeVisible();
  await pad.getByRole('button', { name: 'Aiuto' }).click();
  await expect.poll(() => lastSaid(page)).toMatch(/^Tastierino: /);
  await pad.getByRole('button', { name: 'Giù' }).click();
  await expect.poll(() => lastSaid(page)).toMatch(/^Benvenuta, benvenuto\. /);
  // The bridge takes only the keypad's buttons from the page.
  const refused = await pad.evaluate(
    () =>
      new Promise<unknown>((resolve) => {
        const socket = new WebSocket(`ws://${location.host}/bridge${location.search}`);
        socket.onopen = () => socket.send(JSON.stringify({ id: 1, method: 'pressKeypad', input: { button: 'eject' } }));
        socket.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { id?: number };
          if (message.id === 1) resolve(message);
        };
      }),
  );
  expect(refused).toEqual({ id: 1, result: { ok: false, error: 'not a keypad button' } });
  station.seat.cancelSession({ session: enabled.value.session });
  await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
});

test("the console hears whether the booth's keypad is there: pulled out, then plugged in again", async () => {
  await until(() => station.seat.getView().booths[0]?.keypad === 'connected');
  keypad.fake.unplug(PAD);
  await until(() => station.seat.getView().booths[0]?.keypad === 'absent');
  keypad.fake.plug(PAD);
  await until(() => station.seat.getView().booths[0]?.keypad === 'connected');
  // Its connection only: keys pressed send nothing to the console.
  const heard: string[] = [];
  const listener = (_booth: string, body: { type: string }) => heard.push(body.type);
  station.seat.on('booth', listener);
  for (const button of ['down', 'select', 'help', 'back'] as const) keypad.fake.press(PAD, button);
  keypad.fake.unplug(PAD);
  await until(() => heard.length > 0);
  await new Promise((r) => setTimeout(r, 200));
  station.seat.off('booth', listener);
  expect(heard).toEqual(['devices']);
  keypad.fake.plug(PAD);
});
