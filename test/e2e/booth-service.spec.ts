// The booth's page and its service (docs/threat-model.md R11, R27): a session the page has not yet read
// the election for is said to be in preparation, never "Cabina libera" to a voter inside; and a voter
// is never timed out because the machine failed: while the service is away the inactivity timer waits,
// and it starts again once the service is back. The page's clock is Playwright's, so that minutes of
// waiting pass at once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startBoothWebShell, type WebShell } from '@seggio/booth/web';
import { REPO_ROOT } from '../support/index.js';
import { button, enable, startStation, type Station } from './station.js';

const electionBytes = readFileSync(join(REPO_ROOT, 'demo', 'sanvalle-demo.election.json'));
/** The booth's own delays (inactivity.tsx): the warning after 90 s, the call for the president after 150 s. */
const WARN_MS = 90_000;
const CALL_MS = 150_000;

let station: Station;
/** The web shell in use: the one the station started, or the one started again at its address. */
let shell: WebShell;
test.beforeAll(async () => {
  station = await startStation(electionBytes, '3');
  station.seat.openVoting();
  shell = station.shell;
});
test.afterAll(async () => {
  await shell.close();
  station.booth.stop();
  await station.seat.stop();
});
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1920, height: 1080 } });

test('a session opened before the page has read the election says the ballot is being prepared, then welcomes the voter', async ({ page }) => {
  // The page's question for the election is held on its way to the service until the test lets it go.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.routeWebSocket(/\/bridge/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage(async (message) => {
      if ((JSON.parse(String(message)) as { method?: string }).method === 'getElection') await held;
      server.send(message);
    });
  });
  await page.goto(shell.url);
  await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
  const session = await enable(station.seat);
  await expect(page.getByRole('heading', { name: 'Preparazione della scheda, attendere prego' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Cabina libera' })).toHaveCount(0);
  release();
  await expect(page.getByRole('heading', { name: 'Benvenuta, benvenuto' })).toBeVisible();
  station.seat.cancelSession({ session });
  await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
});

test("the inactivity timer waits while the booth's service is away, and starts again once it is back", async ({ page }) => {
  await page.clock.install();
  await page.goto(shell.url);
  const session = await enable(station.seat);
  await button(page, 'Iniziare il voto').click();
  await button(page, 'SÌ').click();
  const lost = page.locator('[data-service="lost"]');
  const { port } = new URL(shell.url);
  const token = new URL(shell.url).searchParams.get('token')!;
  await shell.close();
  await expect(lost).toContainText('La cabina ha perso il collegamento con il suo servizio');
  // The service stays away longer than the booth waits before calling the president.
  await page.clock.runFor(CALL_MS * 2);
  shell = await startBoothWebShell(station.booth, join(REPO_ROOT, 'apps', 'booth', 'dist', 'renderer'), Number(port), {}, token);
  await page.clock.runFor(2_000);
  await expect(lost).toHaveCount(0);
  // Back: the voter's choice is there, and no warning, nor any call for the president.
  await expect(button(page, 'SÌ')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  expect(station.seat.getView().booths[0]?.calling).toBe(false);
  // The timer runs again from the return: the warning comes after the usual wait.
  await page.clock.runFor(WARN_MS + 1_000);
  await expect(page.getByRole('alertdialog')).toContainText('È ancora qui?');
  station.seat.cancelSession({ session });
  await expect(page.getByRole('heading', { name: 'Cabina libera' })).toBeVisible();
});
