// The console window's options and its one permission (docs/threat-model.md R23), as plain data so a unit test
// can check them without an Electron binary. Not a kiosk: the president's PC keeps its desktop.
import type { BrowserWindowConstructorOptions } from 'electron';
import { appOrigin, type Permit } from '@seggio/shell/guards';

/** The custom protocol the renderer is loaded from, instead of file:// (R23). */
export const SCHEME = 'seggio-console';
const ORIGIN = appOrigin(SCHEME);

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

/**
 * The one permission the console's page is given: the camera, video only, to read the shares' QR
 * codes at the count. Never the microphone, never another page, never anything else.
 */
export const allowPermission: Permit = (permission, url, mediaTypes) =>
  permission === 'media' && ORIGIN.isOwnUrl(url) && mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((m) => m === 'video');
