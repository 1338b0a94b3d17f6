// The booth's interface, printed as JSON: the time from a tap to the next screen being painted (p50,
// p95; the click is dispatched in the page and timed to the second animation frame after it, when the
// new screen has been painted), and the size of the built renderer, gzipped. `--voters N` (default 20).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { encodeSidecar, signBytes } from '@seggio/ballot-core';
import { BoothService } from '@seggio/booth';
import { startBoothWebShell } from '@seggio/booth/web';
import { nodeCrypto } from '@seggio/crypto/node';
import { SeatConsole } from '@seggio/seat-console';
import { CHROMIUM } from '../playwright.config.js';
import { enrolled, pairEnrolled, REPO_ROOT } from '../support/index.js';
import { waitFor } from '../simulate/day.js';

const arg = process.argv.indexOf('--voters');
const VOTERS = arg > 0 ? Number(process.argv[arg + 1]) : 20;
const rendererDir = join(REPO_ROOT, 'apps', 'booth', 'dist', 'renderer');
const electionBytes = readFileSync(join(REPO_ROOT, 'fixtures', 'sanvalle-2020.election.json'));

const office = nodeCrypto.generateSigningKeyPair();
const seat = await SeatConsole.start(nodeCrypto, { storePath: null, machineKeyPath: enrolled(office, 'console', 'C1', '999001'), officeKey: office.publicKey, host: '127.0.0.1', port: 0 });
seat.loadElection({ bytes: electionBytes, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, electionBytes, office))) });
await seat.createKeys({ section: '3' });
const booth = BoothService.start(nodeCrypto, { storePath: null, machineKeyPath: enrolled(office, 'booth', 'K1', '999001'), officeKey: office.publicKey, consoleUrl: seat.url });
const shell = await startBoothWebShell(booth, rendererDir);
await pairEnrolled(seat, booth, 'B1');
seat.openVoting();

const browser = await chromium.launch({ ...CHROMIUM, headless: true });
const page = await browser.newPage();
await page.goto(shell.url);

/** Taps the button with this text and returns the milliseconds until the next screen is painted. */
async function tap(p: Page, text: string): Promise<number> {
  await p.getByRole('button', { name: text, exact: true }).first().waitFor();
  return p.evaluate(async (label) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === label || b.querySelector('.name')?.textContent === label)!;
    const start = performance.now();
    button.click();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return performance.now() - start;
  }, text);
}

const samples: number[] = [];
for (let i = 0; i < VOTERS; i++) {
  await waitFor(() => seat.getView().booths[0]?.state === 'idle' && !seat.getView().booths[0]?.session, 'a free booth');
  seat.enableBooth({ booth: 'B1', category: 'IT', sex: i % 2 ? 'M' : 'F' });
  for (const text of ['Iniziare il voto', i % 2 ? 'SÌ' : 'NO', 'Avanti', 'Insieme per Sanvalle', 'Avanti', 'Confermare il voto']) samples.push(await tap(page, text));
  await page.getByRole('button', { name: 'Sì, confermo il voto' }).click();
  await page.getByRole('heading', { name: 'Voto registrato' }).waitFor();
}
await browser.close();
await shell.close();
booth.stop();
await seat.stop();

const sorted = samples.sort((a, b) => a - b);
const pct = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
const assets = readdirSync(join(rendererDir, 'assets')).map((f) => join(rendererDir, 'assets', f));
const gzipped = [join(rendererDir, 'index.html'), ...assets].reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0);
console.log(
  JSON.stringify(
    {
      benchmark: 'ui',
      taps: samples.length,
      tapToPaintMs: { p50: pct(50), p95: pct(95), max: pct(100) },
      rendererGzipKB: Math.round(gzipped / 102.4) / 10,
      goals: { tapToPaintP95Ms: 100, rendererGzipKB: 300 },
    },
    null,
    2,
  ),
);
