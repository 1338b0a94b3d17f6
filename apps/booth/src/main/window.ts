// The booth window's options (docs/threat-model.md R23), as a literal so that a unit test checks them without an
// Electron binary (docs/threat-model.md fact 6: scanners miss some of these). The kiosk's rules are
// @seggio/shell's (guards.ts).
import type { BrowserWindowConstructorOptions } from 'electron';

/** The custom protocol the renderer is loaded from, instead of file:// (R23). */
export const SCHEME = 'seggio-booth';

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
