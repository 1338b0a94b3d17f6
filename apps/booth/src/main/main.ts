// The booth's Electron main process: a window, a protocol and one IPC channel. Everything else is the
// service (docs/design.md §1). Configuration: SEGGIO_BOOTH_STORE, SEGGIO_OFFICE_KEY (base64 or a file),
// SEGGIO_CONSOLE_URL, SEGGIO_USER_DATA, SEGGIO_HW_PROFILES, SEGGIO_MACHINE_KEY (the machine key file),
// SEGGIO_DRIVE_DIR (the removable drive, for the certificate).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, net, protocol, session } from 'electron';
import { assertSelfTest, fromBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { DEFAULT_PROFILES, EspeakVoice, HardwareHost, loadProfiles } from '@seggio/hardware';
import { BoothService, voiceMethods } from '../service/index.js';
import { BOOTH_METHODS, type BoothMethod } from '../shared/bridge.js';
import { createBoothWindow, CSP, devToolsWanted, guardContents, IPC_CALL, IPC_KEYPAD, IPC_VIEW, isOwnUrl, keepOpen, ORIGIN, SCHEME } from './window.js';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', '..', 'renderer');

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } }]);

function config() {
  const key = process.env.SEGGIO_OFFICE_KEY ?? '';
  return {
    storePath: process.env.SEGGIO_BOOTH_STORE ?? join(app.getPath('userData'), 'booth.db'),
    // The machine key outside the store (R35); the drive where its certificate arrives.
    machineKeyPath: process.env.SEGGIO_MACHINE_KEY ?? join(app.getPath('userData'), 'machine', 'booth.key'),
    driveDir: process.env.SEGGIO_DRIVE_DIR ?? null,
    officeKey: fromBase64((existsSync(key) ? readFileSync(key, 'utf8') : key).trim()),
    consoleUrl: process.env.SEGGIO_CONSOLE_URL ?? 'ws://127.0.0.1:7300',
  };
}

// No second instance, no menu and its accelerators, no escape keys, no new windows, no permissions (R23, R36).
// One instance per user-data folder: several booths on one machine (npm start) each get their own.
if (process.env.SEGGIO_USER_DATA) app.setPath('userData', process.env.SEGGIO_USER_DATA);
if (!app.requestSingleInstanceLock()) app.quit();
Menu.setApplicationMenu(null);
app.on('web-contents-created', (_event, contents) => guardContents(contents));
let quitting = false;
app.on('before-quit', () => (quitting = true));

await app.whenReady();
assertSelfTest(nodeCrypto);
const service = BoothService.start(nodeCrypto, config());

session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
session.defaultSession.setPermissionCheckHandler(() => false);
protocol.handle(SCHEME, async (request) => {
  const path = decodeURIComponent(new URL(request.url).pathname);
  const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
  if (!file.startsWith(rendererDir + sep) || !existsSync(file)) return new Response('not found', { status: 404 });
  const response = await net.fetch(`file://${file}`);
  const headers = new Headers(response.headers);
  headers.set('content-security-policy', CSP);
  return new Response(response.body, { status: response.status, headers });
});

const window = createBoothWindow(BrowserWindow, join(here, '..', 'preload', 'preload.cjs'), devToolsWanted(process.env, app.isPackaged));
keepOpen(window, () => quitting);
// The voice for the headphones: eSpeak NG on the booth (Electron on Linux has no speech voices).
const voice = voiceMethods(new EspeakVoice());
console.log(`voice: ${voice.voice().detail}`);
service.reportDevices({ voice: voice.voice().available });
ipcMain.handle(IPC_CALL, (event, method: unknown, input: unknown) => {
  // Only this window's own page may call, and only the methods of the contract (R23).
  if (event.sender !== window.webContents || !event.senderFrame || !isOwnUrl(event.senderFrame.url)) throw new Error('refused');
  if (!BOOTH_METHODS.includes(method as BoothMethod)) throw new Error('unknown method');
  if (method === 'castBallots') return service.castBallots(input as Parameters<BoothService['castBallots']>[0]);
  if (method === 'callPresident') return service.callPresident(input as Parameters<BoothService['callPresident']>[0]);
  const given = (input ?? {}) as { file?: unknown; accept?: unknown };
  if (method === 'listCertificates') return service.listCertificates();
  if (method === 'importCertificate') return service.importCertificate({ file: typeof given.file === 'string' ? given.file : '' });
  if (method === 'confirmConsole') return service.confirmConsole({ accept: given.accept === true });
  if (method === 'voice') return voice.voice();
  if (method === 'speak') return voice.speak(input);
  return method === 'getView' ? service.getView() : service.getElection();
});
service.on('view', (view) => window.webContents.send(IPC_VIEW, view));
// The accessible keypad, in its own thread; the booth works without it (SEGGIO_HW_PROFILES: another profile folder).
const { profiles, problems } = loadProfiles(process.env.SEGGIO_HW_PROFILES ?? DEFAULT_PROFILES);
for (const problem of problems) console.error(`keypad profile refused: ${problem}`);
const devices = HardwareHost.start({ profiles: profiles.filter((p) => p.kind === 'booth-keypad'), backend: 'node-hid' });
devices.on('status', (status) => {
  status.forEach((s) => console.log(`keypad ${s.profile}: ${s.state}: ${s.detail}`));
  const keypad = status.find((s) => s.kind === 'booth-keypad');
  if (keypad) service.reportDevices({ keypad: keypad.state });
});
devices.on('button', (event) => {
  if (event.kind === 'booth-keypad' && !window.isDestroyed()) window.webContents.send(IPC_KEYPAD, event.button);
});
window.once('ready-to-show', () => window.show());
await window.loadURL(`${ORIGIN}/index.html`);
app.on('window-all-closed', () => {
  service.stop();
  void devices.stop().then(() => app.quit());
});
