// The booth window's options and the kiosk's rules (docs/threat-model.md R23), as plain data so a unit test can
// check them without an Electron binary (docs/threat-model.md fact 6: scanners miss some of these).
import type { BrowserWindowConstructorOptions } from 'electron';

/** The custom protocol the renderer is loaded from, instead of file:// (R23). */
export const SCHEME = 'seggio-booth';
export const ORIGIN = `${SCHEME}://app`;
export const IPC_CALL = 'seggio:call';
export const IPC_VIEW = 'seggio:view';
export const IPC_KEYPAD = 'seggio:keypad';

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * Creates the booth window. The options are written as a literal at the `new BrowserWindow` call so
 * that Electronegativity can read them too; the class comes in as an argument so that a test can
 * capture them without Electron.
 */
export function createBoothWindow<T>(BrowserWindow: new (options: BrowserWindowConstructorOptions) => T, preload: string, devTools: boolean): T {
  return new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    // The voter cannot close it (macOS, Windows; on Linux the close is refused by keepOpen).
    closable: false,
    minimizable: false,
    movable: false,
    resizable: false,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // The voice in the headphones plays without a touch on the screen: a blind voter never touches it.
      autoplayPolicy: 'no-user-gesture-required',
      devTools,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** Only the booth's own pages, at the booth's own origin. */
export function isOwnUrl(url: string): boolean {
  try {
    return new URL(url).origin === ORIGIN || url.startsWith(`${ORIGIN}/`);
  } catch {
    return false;
  }
}

/**
 * Devtools only when asked for by name (SEGGIO_DEVTOOLS=1) on a build that is not packaged (R36):
 * never merely because the app runs unpackaged, as it does on a booth started from the sources.
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
 * Keys that must not reach the window (R36): with Ctrl, Meta or Alt (Ctrl+W, Ctrl+Q, Ctrl+R,
 * Ctrl+Shift+I, Alt+F4, Alt+Left …), the function keys (F5 reload, F11, F12), and browser keys. The
 * booth's own keys (arrows, Enter, Space, Escape, Backspace, Tab) pass.
 */
export function isKioskEscape(input: KeyInput): boolean {
  return input.control || input.meta || input.alt || /^F\d{1,2}$/.test(input.key) || BROWSER_KEYS.has(input.key);
}

interface Refusable {
  preventDefault(): void;
}

/** The parts of a WebContents the guards use, so that a test can drive them without Electron. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: Refusable, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Refusable) => void): unknown;
  on(event: 'before-input-event', listener: (event: Refusable, input: KeyInput) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
}

/** Every page the booth makes: no leaving its origin (by a link or a redirect), no webview, no new window, no escape key (R23, R36). */
export function guardContents(contents: GuardedContents): void {
  const stayHome = (event: Refusable, url: string) => {
    if (!isOwnUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    if (isKioskEscape(input)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The booth window closes only when the booth itself quits (R36): not by Alt+F4, a window manager or a stray click. */
export function keepOpen(window: { on(event: 'close', listener: (event: Refusable) => void): unknown }, quitting: () => boolean): void {
  window.on('close', (event) => {
    if (!quitting()) event.preventDefault();
  });
}
