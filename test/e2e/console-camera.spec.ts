// The shares read from a camera at the count: Chromium's fake camera plays a video, made here from
// three shares' QR codes one after the other (and a code that is not a share), and the console's page fills the three fields from it;
// the count then opens the urns with them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser } from '@playwright/test';
import QRCode from 'qrcode';
import { REPO_ROOT } from '../support/index.js';
import { CHROMIUM } from '../playwright.config.js';
import { button, checkScreen, startConsoleDay, until, type ConsoleDay } from './station.js';

const DEMO = readFileSync(join(REPO_ROOT, 'demo', 'sanvalle-demo.election.json'));
const WIDTH = 320;
const HEIGHT = 240;
/** Frames per share at 4 frames a second: each code is held two seconds, then the next. */
const FRAMES_EACH = 8;

/**
 * A YUV4MPEG2 video (4:2:0) showing each text's QR code in turn, black on white, as a camera would
 * see a card held still: only the luma plane carries the picture.
 */
function qrVideo(texts: readonly string[]): Buffer {
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F4:1 Ip A1:1 C420jpeg\n`);
  const frames: Buffer[] = [header];
  for (const text of texts) {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const cell = Math.floor((HEIGHT - 20) / (modules.size + 8));
    const left = Math.floor((WIDTH - modules.size * cell) / 2);
    const top = Math.floor((HEIGHT - modules.size * cell) / 2);
    const y = Buffer.alloc(WIDTH * HEIGHT, 235);
    for (let r = 0; r < modules.size; r++)
      for (let c = 0; c < modules.size; c++) {
        if (!modules.get(r, c)) continue;
        for (let dy = 0; dy < cell; dy++) y.fill(16, (top + r * cell + dy) * WIDTH + left + c * cell, (top + r * cell + dy) * WIDTH + left + (c + 1) * cell);
      }
    const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
    for (let i = 0; i < FRAMES_EACH; i++) frames.push(Buffer.from('FRAME\n'), y, chroma);
  }
  return Buffer.concat(frames);
}

let dir: string;
let day: ConsoleDay;
let browser: Browser;
test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seggio-camera-'));
  day = await startConsoleDay(DEMO, 1);
  expect(day.seat.openVoting().ok).toBe(true);
  expect(day.seat.closeVoting().ok).toBe(true);
  await until(() => day.seat.phase === 'closed');
  const video = join(dir, 'shares.y4m');
  // A code that is not a share comes first (a card of another kind held up): it is never entered.
  writeFileSync(video, qrVideo(['https://esempio.invalid/not-a-share', ...day.shares.slice(1, 4)]));
  browser = await chromium.launch({
    ...CHROMIUM,
    args: [...CHROMIUM.args, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
});
test.afterAll(async () => {
  await browser?.close();
  await day?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('three shares held to the camera fill the three fields, and the count opens the urns with them', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1024 } });
  await context.grantPermissions(['camera']);
  const page = await context.newPage();
  await page.goto(day.shell.url);
  await expect(page.getByRole('heading', { name: 'Scrutinio' })).toBeVisible();
  await button(page, 'Leggere le quote con la fotocamera').click();
  await expect(page.getByText('Mostrare alla fotocamera il codice QR di una quota alla volta')).toBeVisible();
  const fields = page.locator('input.share-input');
  // Each share once, whichever the video showed first; then the camera closes by itself.
  await expect(async () => {
    const values = await fields.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(values.toSorted()).toEqual(day.shares.slice(1, 4).toSorted());
  }).toPass({ timeout: 30_000 });
  await expect(page.locator('video.camera-view')).toHaveCount(0);
  await expect(button(page, 'Leggere le quote con la fotocamera')).toBeDisabled();
  await checkScreen(page, 'count-camera', 'console');
  await button(page, 'Aprire le urne e contare').click();
  await expect(page.getByRole('heading', { name: 'Risultati della sezione' })).toBeVisible();
  await context.close();
});
