// The console's Electron main process: its window, its service and its button box on @seggio/shell's
// main (docs/design.md §1). Configuration: SEGGIO_CONSOLE_STORE, SEGGIO_OFFICE_KEY (base64 or a file),
// SEGGIO_CONSOLE_HOST and SEGGIO_CONSOLE_PORT (where booths connect), SEGGIO_PACKAGES_DIR,
// SEGGIO_EXPORT_DIR, SEGGIO_USER_DATA, SEGGIO_HW_PROFILES, SEGGIO_MACHINE_KEY (the machine key file).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as electron from 'electron';
import { app, BrowserWindow } from 'electron';
import { fromBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { startElectronApp } from '@seggio/shell/main';
import { hostConsole, SeatConsole, startButtonBox } from '../service/index.js';
import { allowPermission, createConsoleWindow, SCHEME } from './window.js';

const here = dirname(fileURLToPath(import.meta.url));

await startElectronApp(electron, {
  scheme: SCHEME,
  rendererDir: join(here, '..', '..', 'renderer'),
  // Not a kiosk: the president's PC keeps its desktop and its menu.
  kiosk: false,
  // The camera, for the shares' QR codes, and nothing else.
  permit: allowPermission,
  createWindow: (preload, devTools) => createConsoleWindow(BrowserWindow, preload, devTools),
  start: async () => {
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
    const buttons = startButtonBox(process.env.SEGGIO_HW_PROFILES);
    return { ...hostConsole(service, buttons), stop: async () => void (await Promise.all([service.stop(), buttons.stop()])) };
  },
});
