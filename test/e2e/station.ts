// A console, one booth and its web shell, in this process, for the booth's end-to-end tests; and the
// checks every screen gets (axe-core, 48 px targets, and with SEGGIO_SCREENS=1 a photograph in docs/screens/).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { decodeBallotPlaintext, encodeSidecar, signBytes, type Category, type Election } from '@seggio/ballot-core';
import { BoothService } from '@seggio/booth';
import { startBoothWebShell, type BoothDevices, type WebShell } from '@seggio/booth/web';
import { combineUrnaShares, fromBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import type { ButtonSource } from '@seggio/hardware';
import { SeatConsole } from '@seggio/seat-console';
import { startConsoleWebShell } from '@seggio/seat-console/web';
import { enrolled, pairEnrolled, REPO_ROOT, until } from '../support/index.js';
import { screenFile } from '../support/screens.js';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export { until };

export interface Station {
  readonly seat: SeatConsole;
  readonly booth: BoothService;
  readonly shell: WebShell;
  readonly shares: string[];
  stop(): Promise<void>;
}

/** Loads and signs the election, creates the keys, pairs one booth (B1) and waits for its zero report. */
export async function startStation(electionBytes: Uint8Array, section: string, devices?: BoothDevices): Promise<Station> {
  const office = nodeCrypto.generateSigningKeyPair();
  const comune = (JSON.parse(new TextDecoder().decode(electionBytes)) as Election).comune.istat;
  const seat = await SeatConsole.start(nodeCrypto, { storePath: null, machineKeyPath: enrolled(office, 'console', 'C1', comune), officeKey: office.publicKey, host: '127.0.0.1', port: 0 });
  const loaded = seat.loadElection({ bytes: electionBytes, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, electionBytes, office))) });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  const keys = await seat.createKeys({ section });
  if (!keys.ok) throw new Error(JSON.stringify(keys.error));
  const booth = BoothService.start(nodeCrypto, { storePath: null, machineKeyPath: enrolled(office, 'booth', 'K1', comune), officeKey: office.publicKey, consoleUrl: seat.url });
  const shell = await startBoothWebShell(booth, join(REPO_ROOT, 'apps', 'booth', 'dist', 'renderer'), 0, devices);
  await pairEnrolled(seat, booth, 'B1');
  return {
    seat,
    booth,
    shell,
    shares: keys.value.shares,
    stop: async () => {
      await shell.close();
      booth.stop();
      await seat.stop();
    },
  };
}

/** No axe-core violation (WCAG 2.2 AA and best practice), no target under 48 px (R27), and a photograph when asked for (SEGGIO_SCREENS=1). */
export async function checkScreen(page: Page, name: string, app: 'booth' | 'console' | 'office' = 'booth'): Promise<void> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag22aa', 'best-practice'] });
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
  expect(violations, `axe-core on ${name}`).toEqual([]);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button')]
      .map((b) => ({ text: b.textContent ?? '', box: b.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.width < 48 || box.height < 48))
      .map(({ text, box }) => `${text} (${Math.round(box.width)}×${Math.round(box.height)})`),
  );
  expect(small, `touch targets under 48 px on ${name}`).toEqual([]);
  const file = screenFile(name, app);
  if (file) await page.screenshot({ path: file, fullPage: true });
}

/** Waits for the booth to be free, then enables it for one voter. */
export async function enable(seat: SeatConsole, accepts?: string[], category: Category = 'IT'): Promise<string> {
  await until(() => seat.getView().booths[0]?.state === 'idle' && !seat.getView().booths[0]?.session);
  const result = seat.enableBooth({ booth: 'B1', category, sex: 'F', ...(accepts ? { accepts } : {}) });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value.session;
}

export const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });

export interface ConsoleDay {
  readonly seat: SeatConsole;
  readonly shell: WebShell;
  readonly booths: BoothService[];
  readonly shares: string[];
  stop(): Promise<void>;
}

/** A console with its web shell and `n` booths, set up and paired through the services. */
export async function startConsoleDay(electionBytes: Uint8Array, n: number, devices?: ButtonSource): Promise<ConsoleDay> {
  const office = nodeCrypto.generateSigningKeyPair();
  const comune = (JSON.parse(new TextDecoder().decode(electionBytes)) as Election).comune.istat;
  const seat = await SeatConsole.start(nodeCrypto, { storePath: null, machineKeyPath: enrolled(office, 'console', 'C1', comune), officeKey: office.publicKey, host: '127.0.0.1', port: 0 });
  const loaded = seat.loadElection({ bytes: electionBytes, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, electionBytes, office))) });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  const keys = await seat.createKeys({ section: '3' });
  if (!keys.ok) throw new Error(JSON.stringify(keys.error));
  const booths: BoothService[] = [];
  for (let i = 1; i <= n; i++) {
    const booth = BoothService.start(nodeCrypto, { storePath: null, machineKeyPath: enrolled(office, 'booth', `K${i}`, comune), officeKey: office.publicKey, consoleUrl: seat.url });
    await pairEnrolled(seat, booth, `B${i}`);
    booths.push(booth);
  }
  const shell = await startConsoleWebShell(seat, join(REPO_ROOT, 'apps', 'seat-console', 'dist', 'renderer'), 0, devices);
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

/** What the station's booth holds, opened with three of the shares: [contest, selection] per ballot. */
export async function boothSelections(station: Station, electionBytes: Uint8Array, election: Election): Promise<[string, unknown][]> {
  const urna = await combineUrnaShares(nodeCrypto, station.shares.slice(0, 3), fromBase64(station.seat.setupDocument()!.urnaPublicKey));
  if (!urna.ok) throw new Error(JSON.stringify(urna.error));
  const digest = nodeCrypto.sha256Hex(electionBytes);
  return station.booth.ballots().map((b) => {
    const contest = election.contests.find((c) => c.id === b.contest)!;
    const decoded = decodeBallotPlaintext(nodeCrypto.sealOpen(b.ct, urna.value)!, digest, contest);
    if (!decoded.ok) throw new Error(JSON.stringify(decoded.error));
    return [b.contest, decoded.value];
  });
}
