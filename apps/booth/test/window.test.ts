// docs/threat-model.md R23 for the booth's Electron window, checked on the options themselves: Electronegativity
// misses nodeIntegration when sandbox is false (docs/threat-model.md fact 6), so this test does not rely on it.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBoothWindow, CSP, devToolsWanted, guardContents, IPC_CALL, IPC_VIEW, isOwnUrl, keepOpen, ORIGIN, type GuardedContents, type KeyInput } from '../src/main/window.js';

/** Stands in for Electron's BrowserWindow and keeps the options it was given. */
class CapturedWindow {
  constructor(readonly options: { kiosk?: boolean; fullscreen?: boolean; closable?: boolean; webPreferences?: { devTools?: boolean; autoplayPolicy?: string } }) {}
}
const boothWindowOptions = (preload: string, packaged: boolean, env: Record<string, string> = {}) => createBoothWindow(CapturedWindow, preload, devToolsWanted(env, packaged)).options;

/** An event as Electron gives it to a listener, remembering whether the listener refused it. */
const refusable = () => {
  const event = { refused: false, preventDefault: () => (event.refused = true) };
  return event;
};

/** Stands in for a WebContents: the guards' listeners, driven as Electron would. */
class FakeContents extends EventEmitter implements GuardedContents {
  openHandler: (() => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  /** Whether the guards refuse this event. */
  refuses(event: string, ...args: unknown[]): boolean {
    const e = refusable();
    this.emit(event, e, ...args);
    return e.refused;
  }
}

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

  it('has devtools only when asked for by name on an unpackaged build, never merely because it is unpackaged (R36)', () => {
    expect(production.webPreferences?.devTools).toBe(false);
    expect(boothWindowOptions('/p', false).webPreferences?.devTools).toBe(false);
    expect(boothWindowOptions('/p', false, { SEGGIO_DEVTOOLS: 'yes' }).webPreferences?.devTools).toBe(false);
    expect(boothWindowOptions('/p', true, { SEGGIO_DEVTOOLS: '1' }).webPreferences?.devTools).toBe(false);
    expect(boothWindowOptions('/p', false, { SEGGIO_DEVTOOLS: '1' }).webPreferences?.devTools).toBe(true);
  });

  it('cannot be closed by the voter: not closable, and a close refused unless the booth is quitting (R36)', () => {
    expect(production.closable).toBe(false);
    const window = new EventEmitter();
    let quitting = false;
    keepOpen(window, () => quitting);
    const close = () => {
      const e = refusable();
      window.emit('close', e);
      return e.refused;
    };
    expect(close()).toBe(true);
    quitting = true;
    expect(close()).toBe(false);
  });

  const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, control: false, meta: false, alt: false, ...mods });
  it.each([
    ['Ctrl+W', key('w', { control: true })],
    ['Ctrl+Q', key('q', { control: true })],
    ['Ctrl+R', key('r', { control: true })],
    ['Ctrl+Shift+R', key('R', { control: true })],
    ['Ctrl+Shift+I', key('I', { control: true })],
    ['Ctrl+P', key('p', { control: true })],
    ['Ctrl+plus', key('+', { control: true })],
    ['Meta+Q', key('q', { meta: true })],
    ['Alt+F4', key('F4', { alt: true })],
    ['Alt+Left', key('ArrowLeft', { alt: true })],
    ['F5', key('F5')],
    ['F11', key('F11')],
    ['F12', key('F12')],
    ['BrowserBack', key('BrowserBack')],
    ['BrowserRefresh', key('BrowserRefresh')],
  ])('keeps %s from the window (R36)', (_name, input) => {
    const contents = new FakeContents();
    guardContents(contents);
    expect(contents.refuses('before-input-event', input)).toBe(true);
  });

  it("lets the booth's own keys through", () => {
    const contents = new FakeContents();
    guardContents(contents);
    for (const k of ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', ' ', 'Escape', 'Backspace', 'Tab', 'a']) expect([k, contents.refuses('before-input-event', key(k))]).toEqual([k, false]);
  });

  it('refuses navigation and redirects away from its origin, webviews and new windows (R23, R36)', () => {
    const contents = new FakeContents();
    guardContents(contents);
    for (const event of ['will-navigate', 'will-redirect']) {
      expect([event, contents.refuses(event, 'https://example.org/')]).toEqual([event, true]);
      expect([event, contents.refuses(event, 'file:///etc/passwd')]).toEqual([event, true]);
      expect([event, contents.refuses(event, `${ORIGIN}/index.html`)]).toEqual([event, false]);
    }
    expect(contents.refuses('will-attach-webview')).toBe(true);
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
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

  it('main.ts has no menu, guards every page and the window, denies permissions and foreign IPC senders', () => {
    const main = readFileSync(new URL('../src/main/main.ts', import.meta.url), 'utf8');
    expect(main).toContain('Menu.setApplicationMenu(null)');
    expect(main).toContain("app.on('web-contents-created', (_event, contents) => guardContents(contents))");
    expect(main).toContain('keepOpen(window, () => quitting)');
    expect(main).toContain('devToolsWanted(process.env, app.isPackaged)');
    expect(main).toContain('setPermissionRequestHandler((_contents, _permission, callback) => callback(false))');
    expect(main).toContain('event.sender !== window.webContents');
  });
});
