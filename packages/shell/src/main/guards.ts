// The rules of both apps' windows (docs/threat-model.md R23, R36), written once. Plain functions over the parts of
// Electron they touch, so that a test drives them without an Electron binary.

/** An app's own origin under its custom protocol, instead of file:// (R23). */
export interface AppOrigin {
  readonly scheme: string;
  readonly origin: string;
  /** Only the app's own pages, at its own origin. */
  readonly isOwnUrl: (url: string) => boolean;
}

export function appOrigin(scheme: string): AppOrigin {
  const origin = `${scheme}://app`;
  return {
    scheme,
    origin,
    isOwnUrl: (url) => {
      try {
        return new URL(url).origin === origin || url.startsWith(`${origin}/`);
      } catch {
        return false;
      }
    },
  };
}

/**
 * Devtools only when asked for by name (SEGGIO_DEVTOOLS=1) on a build that is not packaged (R36):
 * never merely because the app runs unpackaged, as it does on a machine started from the sources.
 */
export function devToolsWanted(env: Readonly<Record<string, string | undefined>>, packaged: boolean): boolean {
  return !packaged && env.SEGGIO_DEVTOOLS === '1';
}

/** What Electron tells of a key before the page sees it (its Input, the fields read here). */
export interface KeyInput {
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly alt: boolean;
}

/** Browser and system keys a keyboard may have: back, reload, close, print … */
const BROWSER_KEYS = new Set(['BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserStop', 'BrowserHome', 'BrowserSearch', 'BrowserFavorites', 'Close', 'Print', 'Open', 'New', 'Save', 'Find', 'Help', 'ZoomIn', 'ZoomOut', 'ZoomToggle', 'ContextMenu', 'LaunchApplication1', 'LaunchApplication2', 'LaunchMail', 'LaunchWebBrowser']);

/**
 * Keys that must not reach a kiosk's window (R36): with Ctrl, Meta or Alt (Ctrl+W, Ctrl+Q, Ctrl+R,
 * Ctrl+Shift+I, Alt+F4, Alt+Left …), the function keys (F5 reload, F11, F12), and browser keys. The
 * booth's own keys (arrows, Enter, Space, Escape, Backspace, Tab) pass.
 */
export function isKioskEscape(input: KeyInput): boolean {
  return input.control || input.meta || input.alt || /^F\d{1,2}$/.test(input.key) || BROWSER_KEYS.has(input.key);
}

export interface Refusable {
  preventDefault(): void;
}

/** The parts of a WebContents the guards use. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: Refusable, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Refusable) => void): unknown;
  on(event: 'before-input-event', listener: (event: Refusable, input: KeyInput) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
}

/**
 * Every page an app makes: no leaving its origin (by a link or a redirect alike), no webview, no new
 * window (R23, R36); in a kiosk, no escape key either.
 */
export function guardContents(contents: GuardedContents, origin: AppOrigin, kiosk: boolean): void {
  const stayHome = (event: Refusable, url: string) => {
    if (!origin.isOwnUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (kiosk) {
    contents.on('before-input-event', (event, input) => {
      if (isKioskEscape(input)) event.preventDefault();
    });
  }
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** A kiosk's window closes only when the app itself quits (R36): not by Alt+F4, a window manager or a stray click. */
export function keepOpen(window: { on(event: 'close', listener: (event: Refusable) => void): unknown }, quitting: () => boolean): void {
  window.on('close', (event) => {
    if (!quitting()) event.preventDefault();
  });
}

/**
 * Which permission requests a page is granted: by default none (R23). `permission` as Electron names
 * it, `url` the requesting page, `mediaTypes` for 'media' (video, audio).
 */
export type Permit = (permission: string, url: string, mediaTypes: readonly string[] | undefined) => boolean;
export const DENY_ALL: Permit = () => false;
