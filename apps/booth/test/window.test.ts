// SECURITY.md R23 for the booth's Electron window, checked on the options themselves: Electronegativity
// misses nodeIntegration when sandbox is false (SECURITY.md fact 6), so this test does not rely on it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBoothWindow, CSP, IPC_CALL, IPC_VIEW, isOwnUrl, ORIGIN } from '../src/main/window.js';

/** Stands in for Electron's BrowserWindow and keeps the options it was given. */
class CapturedWindow {
  constructor(readonly options: { kiosk?: boolean; fullscreen?: boolean; webPreferences?: { devTools?: boolean; autoplayPolicy?: string } }) {}
}
const boothWindowOptions = (preload: string, packaged: boolean) => createBoothWindow(CapturedWindow, preload, packaged).options;

describe('the booth window', () => {
  const production = boothWindowOptions('/app/preload.cjs', true);

  it('is a kiosk with an isolated, sandboxed renderer and no Node', () => {
    expect(production).toMatchObject({ kiosk: true, fullscreen: true });
    expect(production.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });

  it('plays the voice in the headphones without a touch on the screen', () => {
    expect(production.webPreferences?.autoplayPolicy).toBe('no-user-gesture-required');
  });

  it('has no devtools in a packaged build', () => {
    expect(production.webPreferences?.devTools).toBe(false);
    expect(boothWindowOptions('/p', false).webPreferences?.devTools).toBe(true);
  });

  it('navigates only within its own protocol, never to file:// or the web', () => {
    expect(ORIGIN).toBe('seggio-booth://app');
    expect(isOwnUrl('seggio-booth://app/index.html')).toBe(true);
    for (const url of ['file:///etc/passwd', 'https://example.org/', 'seggio-booth://other/index.html', 'javascript:alert(1)', 'not a url']) expect(isOwnUrl(url)).toBe(false);
  });

  it('has a strict content security policy: no inline script, nothing from elsewhere', () => {
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("object-src 'none'");
    expect(CSP).not.toContain('unsafe-inline');
    expect(CSP).not.toContain('unsafe-eval');
  });

  it('exposes a minimal preload API on the channels the main process listens to', () => {
    const preload = readFileSync(new URL('../src/preload/preload.cts', import.meta.url), 'utf8');
    expect(preload).toContain(`'${IPC_CALL}'`);
    expect(preload).toContain(`'${IPC_VIEW}'`);
    expect(preload.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(preload.match(/require\('[^']+'\)/g)).toEqual(["require('electron')"]);
    expect(preload).not.toContain("from 'node:");
  });

  it('main.ts denies permissions, new windows, webviews and foreign IPC senders', () => {
    const main = readFileSync(new URL('../src/main/main.ts', import.meta.url), 'utf8');
    expect(main).toContain('setPermissionRequestHandler((_contents, _permission, callback) => callback(false))');
    expect(main).toContain("setWindowOpenHandler(() => ({ action: 'deny' }))");
    expect(main).toContain("on('will-attach-webview', (event) => event.preventDefault())");
    expect(main).toContain('event.sender !== window.webContents');
  });
});
