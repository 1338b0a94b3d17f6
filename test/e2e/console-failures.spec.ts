// The console's screens when the day does not go smoothly: a booth that never sends its seal keeps the
// close waiting, and said so; a record whose check fails cannot be signed (docs/threat-model.md R17), and the
// president reads why. Each with its own console; the booths are driven through their services.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO_ROOT } from '../support/index.js';
import { button, checkScreen, startConsoleDay as setUp, until } from './station.js';

const DEMO = readFileSync(join(REPO_ROOT, 'demo', 'sanvalle-demo.election.json'));

test('a booth that never sends its seal keeps the close waiting, and the console shows which', async ({ page }) => {
  const day = await setUp(DEMO, 2);
  try {
    day.booths[1]!.stop();
    expect(day.seat.openVoting()).toEqual({ ok: true, value: undefined });
    await page.goto(day.shell.url);
    await button(page, 'Chiudere la votazione').click();
    await button(page, 'Confermo la chiusura').click();
    await expect(page.getByRole('heading', { name: 'Chiusura della votazione' })).toBeVisible();
    await expect(page.getByText('Sigilli ricevuti: 1 di 2', { exact: true })).toBeVisible();
    await expect(page.locator('li[data-booth="B2"]')).toContainText('NON collegata');
    await expect(page.locator('li[data-booth="B1"]')).toContainText('sigillata');
    await checkScreen(page, 'closing', 'console');
  } finally {
    await day.stop();
  }
});

test('a record whose check fails is shown with the reason, and signing it is refused', async ({ page }) => {
  // A section roll of one elector, and two voters admitted: C2 (voters ≤ electors) cannot hold.
  const election = JSON.parse(DEMO.toString('utf8')) as { sections: { electors: unknown }[] };
  election.sections[0]!.electors = { IT: { M: 1, F: 0 } };
  const bytes = new TextEncoder().encode(JSON.stringify(election));
  const day = await setUp(bytes, 1);
  try {
    const booth = day.booths[0]!;
    expect(day.seat.openVoting().ok).toBe(true);
    for (const sex of ['M', 'F'] as const) {
      await until(() => day.seat.getView().booths[0]?.state === 'idle' && !day.seat.getView().booths[0]?.session);
      const enabled = day.seat.enableBooth({ booth: 'B1', category: 'IT', sex, accepts: ['REF-2020-1'] });
      if (!enabled.ok) throw new Error(JSON.stringify(enabled.error));
      const session = await until(() => booth.getView().session);
      expect(booth.castBallots({ session: session.id, selections: { 'REF-2020-1': { answer: 'YES' } } }).ok).toBe(true);
    }
    await until(() => day.seat.getView().sessions.cast === 2);
    expect(day.seat.closeVoting().ok).toBe(true);
    await until(() => day.seat.getView().phase === 'closed');
    await page.goto(day.shell.url);
    const fields = page.locator('input.share-input');
    for (const [i, share] of day.shares.slice(0, 3).entries()) await fields.nth(i).fill(share);
    await button(page, 'Aprire le urne e contare').click();
    await expect(page.getByRole('heading', { name: 'Risultati della sezione' })).toBeVisible();
    await expect(page.locator('li[data-check="C2"]').first()).toContainText('C2: NON REGOLARE votanti 2 > elettori 1 + ammessi al voto non iscritti nella lista 0');
    await expect(page.getByRole('alert').filter({ hasText: 'La firma è rifiutata finché un controllo non è regolare:' })).toContainText(
      'C2 Referendum costituzionale - riduzione del numero dei parlamentari: votanti 2 > elettori 1',
    );
    await expect(button(page, 'Firmare il verbale ed esportare')).toBeDisabled();
    await checkScreen(page, 'record-check-fails', 'console');
    // The service refuses too, whatever a page sends.
    const refused = await day.seat.exportBundle({ dir: join(REPO_ROOT, 'test-results', 'never-written') });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? [] : refused.error).toContainEqual(expect.objectContaining({ code: 'check-fails', params: expect.objectContaining({ check: 'C2', contest: 'REF-2020-1' }) }));
  } finally {
    await day.stop();
  }
});

test("a checkpoint, and the close, before their time by the console's clock are refused with the reason, and done only when the president confirms", async ({ page }) => {
  // The demo's day moved to 2099: every checkpoint is still to come.
  const later = new TextEncoder().encode(DEMO.toString('utf8').replaceAll('2020-09-2', '2099-09-2'));
  const day = await setUp(later, 1);
  try {
    expect(day.seat.openVoting().ok).toBe(true);
    await page.setViewportSize({ width: 1280, height: 1024 });
    await page.goto(day.shell.url);
    await button(page, 'Registrare la rilevazione C1').click();
    await expect(page.getByRole('alert')).toContainText('non è ancora l’ora della rilevazione C1 secondo l’orologio della console: registrata ora, darebbe come affluenza di quell’ora quella di adesso');
    expect(day.seat.getView().turnout!.checkpoints[0]!.recorded).toBeFalsy();
    await checkScreen(page, 'turnout-early', 'console');
    await button(page, 'Registrare comunque la rilevazione C1 adesso (resta scritto nel registro)').click();
    await until(() => day.seat.getView().turnout!.checkpoints[0]!.recorded);
    await expect(page.locator('ol.log li').first()).toContainText('anticipo: prima dell’ora prevista, confermato dal presidente');

    // Closing before the last day's closing time, the same way.
    await button(page, 'Chiudere la votazione').click();
    await button(page, 'Confermo la chiusura').click();
    await expect(page.getByRole('alert')).toContainText('secondo l’orologio della console non è ancora l’ora di chiusura dell’ultimo giorno di votazione');
    expect(day.seat.getView().phase).toBe('voting');
    await button(page, 'Chiudere comunque adesso, prima dell’ora di chiusura (resta scritto nel registro)').click();
    await until(() => day.seat.getView().phase !== 'voting');
    expect(day.seat.getView().log.find((e) => e.event === 'voting-closed')).toMatchObject({ detail: { early: 'before-its-time' } });
  } finally {
    await day.stop();
  }
});
