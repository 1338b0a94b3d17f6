// The president's button box: a fake device behind node-hid's interface, in the device thread. It
// enables a booth for the voter described on the screen, and with "cancel" first, cancels a booth's
// vote; the console shows whether the box is connected, and goes on without it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { HardwareHost, loadProfiles } from '@seggio/hardware';
import { REPO_ROOT } from '../support/index.js';
import { checkScreen, startConsoleDay, until, type ConsoleDay } from './station.js';

const DEMO = readFileSync(join(REPO_ROOT, 'demo', 'sanvalle-demo.election.json'));
const BOX = 'seggio-buttons';

let box: HardwareHost;
let day: ConsoleDay;
test.beforeAll(async () => {
  box = HardwareHost.start({ profiles: loadProfiles().profiles.filter((p) => p.kind === 'console-buttons'), backend: 'fake', scanMs: 50 });
  day = await startConsoleDay(DEMO, 2, box);
  expect(day.seat.openVoting().ok).toBe(true);
});
test.afterAll(async () => {
  await day.stop();
  await box.stop();
});

test('the button box enables a booth for the voter on the screen, and cancels one', async ({ page }) => {
  await page.goto(day.shell.url);
  const device = page.locator('[data-device="seggio-buttons"]');
  await expect(device).toContainText('Pulsantiera del presidente: non collegata');
  box.fake.plug(BOX);
  await expect(device).toHaveText('Pulsantiera del presidente: collegata');

  // Without the voter's sex, the box cannot enable: the screen says what is missing.
  box.fake.press(BOX, 'enable-2');
  await expect(page.getByRole('alert')).toContainText("Pulsantiera: scegliere prima il sesso dell'elettore.");
  expect(day.seat.getView().sessions.enabled).toBe(0);

  await page.getByRole('radio', { name: 'Donna' }).check();
  box.fake.press(BOX, 'enable-2');
  await expect(page.getByText('Cabina B2 abilitata:')).toBeVisible();
  await until(() => day.booths[1]!.getView().session);
  expect(day.seat.store.sessions()).toMatchObject([{ booth: 'B2', sex: 'F', category: 'IT', state: expect.stringMatching(/enabled|started/) }]);
  await checkScreen(page, 'buttons', 'console');

  // "cancel" then the booth's button: that booth's vote is cancelled, the other booth untouched.
  box.fake.press(BOX, 'cancel');
  await expect(page.getByText('Pulsantiera: premere il pulsante della cabina in cui annullare la votazione.')).toBeVisible();
  box.fake.press(BOX, 'enable-1');
  await expect(page.getByRole('alert')).toContainText('La cabina B1 non ha un elettore.');
  box.fake.press(BOX, 'cancel');
  box.fake.press(BOX, 'enable-2');
  await expect(page.getByText('Votazione annullata nella cabina B2.')).toBeVisible();
  await until(() => day.seat.getView().sessions.cancelled === 1);
  await until(() => day.booths[1]!.getView().session === null);

  // Pulled out, the box is shown as not connected; the console goes on from the screen.
  box.fake.unplug(BOX);
  await expect(device).toContainText('Pulsantiera del presidente: non collegata');
  await page.getByRole('radio', { name: 'Uomo' }).check();
  await page.getByRole('button', { name: 'Abilitare la cabina' }).click();
  await expect(page.getByText(/^Cabina B\d abilitata:/)).toBeVisible();
});
