// docs/threat-model.md R23, R36 for both apps' windows, driven without Electron: the guards every page gets, the
// kiosk's keys and window, the app's origin, devtools.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { appOrigin, devToolsWanted, guardContents, keepOpen, type GuardedContents, type KeyInput } from '../src/main/guards.js';

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

const booth = appOrigin('seggio-booth');
const guarded = (kiosk: boolean) => {
  const contents = new FakeContents();
  guardContents(contents, booth, kiosk);
  return contents;
};

describe("an app's pages", () => {
  it.each([true, false])('refuse navigation and redirects away from their origin, webviews and new windows (kiosk: %s)', (kiosk) => {
    const contents = guarded(kiosk);
    for (const event of ['will-navigate', 'will-redirect']) {
      expect([event, contents.refuses(event, 'https://example.org/')]).toEqual([event, true]);
      expect([event, contents.refuses(event, 'file:///etc/passwd')]).toEqual([event, true]);
      expect([event, contents.refuses(event, 'seggio-console://app/index.html')]).toEqual([event, true]);
      expect([event, contents.refuses(event, `${booth.origin}/index.html`)]).toEqual([event, false]);
    }
    expect(contents.refuses('will-attach-webview')).toBe(true);
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
  });

  it('navigate only within their own protocol, never to file:// or the web', () => {
    expect(booth.origin).toBe('seggio-booth://app');
    expect(booth.isOwnUrl('seggio-booth://app/index.html')).toBe(true);
    for (const url of ['file:///etc/passwd', 'https://example.org/', 'seggio-booth://other/index.html', 'seggio-booth://app.evil/x', 'javascript:alert(1)', 'not a url']) expect([url, booth.isOwnUrl(url)]).toEqual([url, false]);
  });

  it('have devtools only when asked for by name on an unpackaged build, never merely because it is unpackaged (R36)', () => {
    expect([devToolsWanted({}, true), devToolsWanted({}, false), devToolsWanted({ SEGGIO_DEVTOOLS: 'yes' }, false), devToolsWanted({ SEGGIO_DEVTOOLS: '1' }, true)]).toEqual([false, false, false, false]);
    expect(devToolsWanted({ SEGGIO_DEVTOOLS: '1' }, false)).toBe(true);
  });
});

describe("a kiosk's window", () => {
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
    expect(guarded(true).refuses('before-input-event', input)).toBe(true);
  });

  it("lets the booth's own keys through, and a window that is not a kiosk keeps every key", () => {
    const contents = guarded(true);
    for (const k of ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', ' ', 'Escape', 'Backspace', 'Tab', 'a']) expect([k, contents.refuses('before-input-event', key(k))]).toEqual([k, false]);
    expect(guarded(false).refuses('before-input-event', key('r', { control: true }))).toBe(false);
  });

  it('cannot be closed: a close is refused unless the app is quitting (R36)', () => {
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
});
