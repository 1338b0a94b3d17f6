// When the ballot box cannot record a vote (a full disk, docs/threat-model.md R8), the voter is told plainly
// that it was NOT recorded and the booth stays out of service until the president acts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO_ROOT } from '../support/index.js';
import { button, checkScreen, enable, startStation, until, type Station } from './station.js';

const electionBytes = readFileSync(join(REPO_ROOT, 'fixtures', 'referendum-2020.election.json'));
let station: Station;
test.beforeAll(async () => {
  station = await startStation(electionBytes, '1');
  station.seat.openVoting();
});
test.afterAll(async () => station.stop());

test('a vote the store cannot record is not acknowledged, and the booth goes out of service', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(station.shell.url);
  const { booth } = station;
  let recorded = 0;
  for (let voter = 0; voter < 300; voter++) {
    await enable(station.seat);
    await button(page, 'Iniziare il voto').click();
    await button(page, voter % 2 ? 'SÌ' : 'NO').click();
    await button(page, 'Avanti').click();
    await button(page, 'Confermare il voto').click();
    // The disk fills up while this voter confirms.
    booth.store.limitGrowth();
    await button(page, 'Sì, confermo il voto').click();
    const outcome = await until(() => (booth.getView().state === 'out-of-service' ? 'failed' : booth.getView().state === 'idle' ? 'recorded' : null));
    if (outcome === 'failed') break;
    booth.store.allowGrowth();
    recorded++;
    await expect(page.getByRole('heading', { name: 'Voto registrato' })).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: 'Il voto NON è stato registrato' })).toBeVisible();
  await expect(page.getByText('Chiami il presidente del seggio.')).toBeVisible();
  await checkScreen(page, 'not-recorded');
  expect(booth.ballots()).toHaveLength(recorded);
  await until(() => station.seat.getView().booths[0]?.state === 'out-of-service');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Cabina fuori servizio' })).toBeVisible();
  await checkScreen(page, 'out-of-service');
});
