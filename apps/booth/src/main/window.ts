// The booth window's options and the kiosk's rules (SECURITY.md R23), as plain data so a unit test can
// check them without an Electron binary (SECURITY.md fact 6: scanners miss some of these).
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
export function createBoothWindow<T>(BrowserWindow: new (options: BrowserWindowConstructorOptions) => T, preload: string, packaged: boolean): T {
  return new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
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
      devTools: !packaged,
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
