// The console's Electron main process: a window, a protocol and one IPC channel. Everything else is
// the service (docs/design.md §1). Configuration: SEGGIO_CONSOLE_STORE, SEGGIO_OFFICE_KEY (base64 or a
// file), SEGGIO_CONSOLE_HOST and SEGGIO_CONSOLE_PORT (where booths connect), SEGGIO_PACKAGES_DIR,
// SEGGIO_EXPORT_DIR, SEGGIO_USER_DATA, SEGGIO_HW_PROFILES, SEGGIO_MACHINE_KEY (the machine key file).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, net, protocol, session } from 'electron';
import { fromBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { DEFAULT_PROFILES, HardwareHost, loadProfiles } from '@seggio/hardware';
import { consoleMethods, onViewCoalesced, SeatConsole } from '../service/index.js';
import { CONSOLE_METHODS, type ConsoleMethod } from '../shared/bridge.js';
import { allowPermission, createConsoleWindow, CSP, devToolsWanted, IPC_BUTTONS, IPC_CALL, IPC_DEVICES, IPC_VIEW, isOwnUrl, ORIGIN, SCHEME } from './window.js';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', '..', 'renderer');

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } }]);

// One instance per user-data folder: several booths on one machine (npm start) each get their own.
if (process.env.SEGGIO_USER_DATA) app.setPath('userData', process.env.SEGGIO_USER_DATA);
if (!app.requestSingleInstanceLock()) app.quit();
app.on('web-contents-created', (_event, contents) => {
  // A link or a redirect out of the console's own pages is refused alike (R23, R36).
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isOwnUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

await app.whenReady();
const key = process.env.SEGGIO_OFFICE_KEY ?? '';
// SeatConsole.start runs the crypto self-test and refuses to start if it fails (R21).
const service = await SeatConsole.start(nodeCrypto, {
  storePath: process.env.SEGGIO_CONSOLE_STORE ?? join(app.getPath('userData'), 'console.db'),
  // The machine key outside the store (R35).
  machineKeyPath: process.env.SEGGIO_MACHINE_KEY ?? join(app.getPath('userData'), 'machine', 'console.key'),
  officeKey: fromBase64((existsSync(key) ? readFileSync(key, 'utf8') : key).trim()),
  ...(existsSync(key) ? { officeKeyFile: resolve(key) } : {}),
  host: process.env.SEGGIO_CONSOLE_HOST ?? '127.0.0.1',
  port: Number(process.env.SEGGIO_CONSOLE_PORT ?? 7300),
  packagesDir: process.env.SEGGIO_PACKAGES_DIR ?? null,
  exportDir: process.env.SEGGIO_EXPORT_DIR ?? join(app.getPath('documents'), 'seggio-export'),
});
const methods = consoleMethods(service) as unknown as Record<ConsoleMethod, (input: unknown) => unknown>;

session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
  callback(allowPermission(permission, details.requestingUrl, 'mediaTypes' in details ? details.mediaTypes : undefined)),
);
session.defaultSession.setPermissionCheckHandler((_contents, permission, origin, details) => allowPermission(permission, origin, details.mediaType ? [details.mediaType] : undefined));
protocol.handle(SCHEME, async (request) => {
  const path = decodeURIComponent(new URL(request.url).pathname);
  const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
  if (!file.startsWith(rendererDir + sep) || !existsSync(file)) return new Response('not found', { status: 404 });
  const response = await net.fetch(`file://${file}`);
  const headers = new Headers(response.headers);
  headers.set('content-security-policy', CSP);
  return new Response(response.body, { status: response.status, headers });
});

const window = createConsoleWindow(BrowserWindow, join(here, '..', 'preload', 'preload.cjs'), devToolsWanted(process.env, app.isPackaged));
ipcMain.handle(IPC_CALL, (event, method: unknown, input: unknown) => {
  // Only this window's own page may call, and only the methods of the contract (R23).
  if (event.sender !== window.webContents || !event.senderFrame || !isOwnUrl(event.senderFrame.url)) throw new Error('refused');
  if (!CONSOLE_METHODS.includes(method as ConsoleMethod)) throw new Error('unknown method');
  return methods[method as ConsoleMethod](input);
});
onViewCoalesced(service, (view) => {
  if (!window.isDestroyed()) window.webContents.send(IPC_VIEW, view);
});
// The president's button box, in its own thread; the console works without it.
const { profiles, problems } = loadProfiles(process.env.SEGGIO_HW_PROFILES ?? DEFAULT_PROFILES);
for (const problem of problems) console.error(`button box profile refused: ${problem}`);
const devices = HardwareHost.start({ profiles: profiles.filter((p) => p.kind === 'console-buttons'), backend: 'node-hid' });
devices.on('button', (event) => {
  if (event.kind === 'console-buttons' && !window.isDestroyed()) window.webContents.send(IPC_BUTTONS, event.button);
});
devices.on('status', (status) => {
  if (!window.isDestroyed()) window.webContents.send(IPC_DEVICES, status);
});
window.webContents.on('did-finish-load', () => window.webContents.send(IPC_DEVICES, devices.status()));
window.once('ready-to-show', () => window.show());
await window.loadURL(`${ORIGIN}/index.html`);
app.on('window-all-closed', () => {
  void Promise.all([service.stop(), devices.stop()]).then(() => app.quit());
});
