// The console window's options and rules (docs/threat-model.md R23), as plain data so a unit test can check
// them without an Electron binary. Not a kiosk: the president's PC keeps its desktop.
import type { BrowserWindowConstructorOptions } from 'electron';

/** The custom protocol the renderer is loaded from, instead of file:// (R23). */
export const SCHEME = 'seggio-console';
export const ORIGIN = `${SCHEME}://app`;
export const IPC_CALL = 'seggio:call';
export const IPC_VIEW = 'seggio:view';
export const IPC_BUTTONS = 'seggio:buttons';
export const IPC_DEVICES = 'seggio:devices';

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * Creates the console window. The options are a literal at the `new BrowserWindow` call so that
 * Electronegativity reads them too; the class comes in as an argument so a test can capture them.
 */
export function createConsoleWindow<T>(BrowserWindow: new (options: BrowserWindowConstructorOptions) => T, preload: string, devTools: boolean): T {
  return new BrowserWindow({
    width: 1400,
    height: 960,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    title: 'Seggio',
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
      devTools,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** Only the console's own pages, at its own origin. */
export function isOwnUrl(url: string): boolean {
  try {
    return new URL(url).origin === ORIGIN || url.startsWith(`${ORIGIN}/`);
  } catch {
    return false;
  }
}

/** Devtools only with SEGGIO_DEVTOOLS=1 on an unpackaged build, never merely because it is unpackaged (R36). */
export function devToolsWanted(env: Readonly<Record<string, string | undefined>>, packaged: boolean): boolean {
  return !packaged && env.SEGGIO_DEVTOOLS === '1';
}

/**
 * The one permission the console's page is given: the camera, video only, to read the shares' QR
 * codes at the count. Never the microphone, never another page, never anything else.
 */
export function allowPermission(permission: string, url: string, mediaTypes: readonly string[] | undefined): boolean {
  return permission === 'media' && isOwnUrl(url) && mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((m) => m === 'video');
}
