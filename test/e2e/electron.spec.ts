// The booth's real Electron shell (docs/threat-model.md R23), where an Electron binary is present. Here the
// binary cannot be downloaded, so these tests skip, saying so; they run where it is.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { REPO_ROOT } from '../support/index.js';

/** The installed binary, found the way the electron package does, without its download-on-require. */
function electronBinary(): string | null {
  const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
const binary = electronBinary();

test.describe('the booth in Electron', () => {
  test.skip(binary === null, 'no Electron binary on this machine: its installer downloads it from outside the npm registry');

  test('opens a sandboxed kiosk window with only window.seggio, and refuses to navigate away', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [join(REPO_ROOT, 'apps', 'booth', 'dist', 'src', 'main', 'main.js')],
      env: { ...process.env, SEGGIO_BOOTH_STORE: ':memory:', SEGGIO_OFFICE_KEY: Buffer.alloc(32, 1).toString('base64'), SEGGIO_CONSOLE_URL: 'ws://127.0.0.1:9' },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { name: 'Cabina non ancora aperta' })).toBeVisible();
      expect(await window.evaluate(() => Object.keys((window as unknown as { seggio: object }).seggio).sort())).toEqual(['call', 'on']);
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => location.protocol)).toBe('seggio-booth:');
      await window.evaluate(() => {
        location.href = 'https://example.org/';
      });
      await window.waitForTimeout(300);
      expect(await window.evaluate(() => location.protocol)).toBe('seggio-booth:');
    } finally {
      await app.close();
    }
  });
});

test.describe('the seat console in Electron', () => {
  test.skip(binary === null, 'no Electron binary on this machine: its installer downloads it from outside the npm registry');

  test('opens a sandboxed window with only window.seggio, at its own protocol, asking for the election package', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [join(REPO_ROOT, 'apps', 'seat-console', 'dist', 'src', 'main', 'main.js')],
      env: { ...process.env, SEGGIO_CONSOLE_STORE: ':memory:', SEGGIO_OFFICE_KEY: Buffer.alloc(32, 1).toString('base64'), SEGGIO_CONSOLE_PORT: '0' },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { name: "Caricamento del pacchetto dell'elezione" })).toBeVisible();
      expect(await window.evaluate(() => Object.keys((window as unknown as { seggio: object }).seggio).sort())).toEqual(['call', 'on']);
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => location.protocol)).toBe('seggio-console:');
    } finally {
      await app.close();
    }
  });
});

