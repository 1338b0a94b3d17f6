// An app's Electron main process, written once for both (docs/design.md §1): its protocol and CSP, one
// instance per user-data folder, every page guarded, permissions as the app permits them (none by
// default), the window the app makes (its options literal in its own window.ts), and the one IPC channel.
import { existsSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hosted } from '../common/contract.js';
import { ELECTRON_CSP } from '../common/csp.js';
import { appOrigin, DENY_ALL, devToolsWanted, guardContents, keepOpen, type GuardedContents, type Permit, type Refusable } from './guards.js';
import { sendEvents, serveCalls, type IpcMainLike, type PageContents } from './ipc.js';

/**
 * What the shell uses of Electron's main-process API, given by the app's main/ (the only code that
 * imports Electron, with its preload): the shell itself is plain code, tested without Electron.
 */
export interface ElectronMain {
  readonly app: {
    setPath(name: 'userData', path: string): void;
    requestSingleInstanceLock(): boolean;
    quit(): void;
    whenReady(): Promise<unknown>;
    readonly isPackaged: boolean;
    on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown;
    on(event: 'before-quit' | 'window-all-closed', listener: () => void): unknown;
  };
  readonly Menu: { setApplicationMenu(menu: null): void };
  readonly ipcMain: IpcMainLike;
  readonly net: { fetch(url: string): Promise<Response> };
  readonly protocol: {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: { standard: boolean; secure: boolean; supportFetchAPI: boolean } }[]): void;
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
  };
  readonly session: {
    readonly defaultSession: {
      setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string; mediaTypes?: string[] }) => void): void;
      setPermissionCheckHandler(handler: (contents: unknown, permission: string, requestingOrigin: string, details: { mediaType?: string }) => boolean): void;
    };
  };
}

/** The app's window as the shell drives it. */
export interface ShellWindow {
  readonly webContents: PageContents & { on(event: 'did-finish-load', listener: () => void): unknown };
  on(event: 'close', listener: (event: Refusable) => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<unknown>;
}

export interface ElectronAppOptions {
  /** The custom protocol the renderer is loaded from. */
  readonly scheme: string;
  /** The built renderer: index.html and its assets. */
  readonly rendererDir: string;
  /** A kiosk (the booth): no menu, no escape keys, and its window closes only when the app quits (R36). */
  readonly kiosk: boolean;
  readonly permit?: Permit;
  /** Makes the app's window, with its options literal there (Electronegativity reads them). */
  readonly createWindow: (preload: string, devTools: boolean) => ShellWindow;
  /** Starts the app's service once Electron is ready; what the shell hosts for the page, and how it stops. */
  readonly start: () => Promise<Hosted & { stop(): Promise<void> }>;
}

/** The shared preload, compiled beside this package's main code (dist/src/preload). */
const PRELOAD = join(dirname(fileURLToPath(import.meta.url)), '..', 'preload', 'preload.cjs');

export async function startElectronApp(electron: ElectronMain, options: ElectronAppOptions): Promise<void> {
  const { app, ipcMain, Menu, net, protocol, session } = electron;
  const origin = appOrigin(options.scheme);
  const permit = options.permit ?? DENY_ALL;
  protocol.registerSchemesAsPrivileged([{ scheme: origin.scheme, privileges: { standard: true, secure: true, supportFetchAPI: false } }]);
  // One instance per user-data folder: several booths on one machine (npm start) each get their own.
  if (process.env.SEGGIO_USER_DATA) app.setPath('userData', process.env.SEGGIO_USER_DATA);
  if (!app.requestSingleInstanceLock()) app.quit();
  if (options.kiosk) Menu.setApplicationMenu(null);
  app.on('web-contents-created', (_event, contents) => guardContents(contents, origin, options.kiosk));
  let quitting = false;
  app.on('before-quit', () => (quitting = true));

  await app.whenReady();
  const hosted = await options.start();
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permit(permission, details.requestingUrl, details.mediaTypes)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => permit(permission, requestingOrigin, details.mediaType ? [details.mediaType] : undefined));
  const rendererDir = normalize(options.rendererDir);
  protocol.handle(origin.scheme, async (request) => {
    const path = decodeURIComponent(new URL(request.url).pathname);
    const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(rendererDir + sep) || !existsSync(file)) return new Response('not found', { status: 404 });
    const response = await net.fetch(`file://${file}`);
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', ELECTRON_CSP);
    return new Response(response.body, { status: response.status, headers });
  });

  const window = options.createWindow(PRELOAD, devToolsWanted(process.env, app.isPackaged));
  if (options.kiosk) keepOpen(window, () => quitting);
  serveCalls(ipcMain, window.webContents, origin, hosted.dispatch);
  let unsubscribe = (): void => undefined;
  window.webContents.on('did-finish-load', () => {
    unsubscribe();
    unsubscribe = sendEvents(window.webContents, hosted.events);
  });
  window.once('ready-to-show', () => window.show());
  app.on('window-all-closed', () => {
    unsubscribe();
    void hosted.stop().then(() => app.quit());
  });
  await window.loadURL(`${origin.origin}/index.html`);
}
