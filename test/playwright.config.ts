import { defineConfig } from '@playwright/test';

/**
 * Debian's Chromium, never a downloaded browser; these flags keep it off the network.
 * Sound plays without a click, as in the booth's Electron window (its autoplayPolicy): a blind voter
 * never touches the screen.
 */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
};

export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results/playwright',
  timeout: 60_000,
  workers: 1,
  use: { browserName: 'chromium', headless: true, launchOptions: CHROMIUM },
});
