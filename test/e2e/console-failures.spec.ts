// The console's screens when the day does not go smoothly: a booth that never sends its seal keeps the
// close waiting, and said so; a record whose check fails cannot be signed (SECURITY.md R17), and the
// president reads why. Each with its own console; the booths are driven through their services.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { encodeSidecar, signBytes } from '@seggio/ballot-core';
import { BoothService } from '@seggio/booth';
import { nodeCrypto } from '@seggio/crypto/node';
import { SeatConsole } from '@seggio/seat-console';
import { startConsoleWebShell, type WebShell } from '@seggio/seat-console/web';
import { REPO_ROOT } from '../support/index.js';
import { button, checkScreen, until } from './station.js';

const DEMO = readFileSync(join(REPO_ROOT, 'demo', 'sanvalle-demo.election.json'));

interface Day {
  readonly seat: SeatConsole;
  readonly shell: WebShell;
  readonly booths: BoothService[];
  readonly shares: string[];
  stop(): Promise<void>;
}

/** A console with its web shell and `n` booths, set up and paired through the services. */
async function setUp(electionBytes: Uint8Array, n: number): Promise<Day> {
  const office = nodeCrypto.generateSigningKeyPair();
  const seat = await SeatConsole.start(nodeCrypto, { storePath: null, officeKey: office.publicKey, host: '127.0.0.1', port: 0 });
  const loaded = seat.loadElection({ bytes: electionBytes, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, electionBytes, office))) });
  if (!loaded.ok) throw new Error(loaded.error.join('; '));
  const keys = await seat.createKeys({ section: '3' });
  if (!keys.ok) throw new Error(keys.error);
  const booths: BoothService[] = [];
  for (let i = 1; i <= n; i++) {
    const booth = BoothService.start(nodeCrypto, { storePath: null, officeKey: office.publicKey, consoleUrl: seat.url });
    await until(() => seat.getView().pendingBooths.some((p) => p.fingerprint === booth.getView().boothFingerprint));
    seat.pairBooth({ fingerprint: booth.getView().boothFingerprint, id: `B${i}` });
    await until(() => seat.getView().booths[i - 1]?.zeroReport);
    booths.push(booth);
  }
  const shell = await startConsoleWebShell(seat, join(REPO_ROOT, 'apps', 'seat-console', 'dist', 'renderer'));
  return {
    seat,
    shell,
    booths,
    shares: keys.value.shares,
    stop: async () => {
      await shell.close();
      for (const b of booths) b.stop();
      await seat.stop();
    },
  };
}

test('a booth that never sends its seal keeps the close waiting, and the console shows which', async ({ page }) => {
  const day = await setUp(DEMO, 2);
  try {
    day.booths[1]!.stop();
    expect(day.seat.openVoting()).toEqual({ ok: true, value: undefined });
    await page.goto(day.shell.url);
    await button(page, 'Chiudi la votazione').click();
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
      if (!enabled.ok) throw new Error(enabled.error);
      const session = await until(() => booth.getView().session);
      expect(booth.castBallots({ session: session.id, selections: { 'REF-2020-1': { answer: 'YES' } } }).ok).toBe(true);
    }
    await until(() => day.seat.getView().sessions.cast === 2);
    expect(day.seat.closeVoting().ok).toBe(true);
    await until(() => day.seat.getView().phase === 'closed');
    await page.goto(day.shell.url);
    const fields = page.locator('input.share-input');
    for (const [i, share] of day.shares.slice(0, 3).entries()) await fields.nth(i).fill(share);
    await button(page, 'Apri le urne e conta').click();
    await expect(page.getByRole('heading', { name: 'Risultati della sezione' })).toBeVisible();
    await expect(page.locator('li[data-check="C2"]').first()).toContainText('C2: NON REGGE');
    await expect(page.getByRole('alert').filter({ hasText: 'La firma è rifiutata finché un controllo non regge:' })).toContainText('C2 REF-2020-1');
    await expect(button(page, 'Firma il verbale ed esporta')).toBeDisabled();
    await checkScreen(page, 'record-check-fails', 'console');
    // The service refuses too, whatever a page sends.
    const refused = await day.seat.exportBundle({ dir: join(REPO_ROOT, 'test-results', 'never-written') });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? [] : refused.error).toContainEqual(expect.stringMatching(/^C2 REF-2020-1: /));
  } finally {
    await day.stop();
  }
});
