// The booth's Electron main process: its window, its service and its devices on @seggio/shell's main
// (docs/design.md §1). Configuration: SEGGIO_BOOTH_STORE, SEGGIO_OFFICE_KEY (base64 or a file),
// SEGGIO_CONSOLE_URL, SEGGIO_USER_DATA, SEGGIO_HW_PROFILES, SEGGIO_MACHINE_KEY (the machine key file),
// SEGGIO_DRIVE_DIR (the removable drive, for the certificate).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as electron from 'electron';
import { app, BrowserWindow } from 'electron';
import { assertSelfTest, fromBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { EspeakVoice } from '@seggio/hardware';
import { startElectronApp } from '@seggio/shell/main';
import { BoothService, hostBooth, startKeypad } from '../service/index.js';
import { createBoothWindow, SCHEME } from './window.js';

const here = dirname(fileURLToPath(import.meta.url));

await startElectronApp(electron, {
  scheme: SCHEME,
  rendererDir: join(here, '..', '..', 'renderer'),
  // No menu, no escape keys, a window only the booth closes (R23, R36).
  kiosk: true,
  createWindow: (preload, devTools) => createBoothWindow(BrowserWindow, preload, devTools),
  start: () => {
    assertSelfTest(nodeCrypto);
    const key = process.env.SEGGIO_OFFICE_KEY ?? '';
    const service = BoothService.start(nodeCrypto, {
      storePath: process.env.SEGGIO_BOOTH_STORE ?? join(app.getPath('userData'), 'booth.db'),
      // The machine key outside the store (R35); the drive where its certificate arrives.
      machineKeyPath: process.env.SEGGIO_MACHINE_KEY ?? join(app.getPath('userData'), 'machine', 'booth.key'),
      driveDir: process.env.SEGGIO_DRIVE_DIR ?? null,
      officeKey: fromBase64((existsSync(key) ? readFileSync(key, 'utf8') : key).trim()),
      consoleUrl: process.env.SEGGIO_CONSOLE_URL ?? 'ws://127.0.0.1:7300',
    });
    // The voice for the headphones: eSpeak NG on the booth (Electron on Linux has no speech voices).
    const voice = new EspeakVoice();
    console.log(`voice: ${voice.status().detail}`);
    // The accessible keypad, in its own thread; the booth works without it.
    const { keypad } = startKeypad('node-hid', process.env.SEGGIO_HW_PROFILES);
    const hosted = hostBooth(service, { source: keypad, voice });
    const stop = async () => {
      hosted.stop();
      service.stop();
      await keypad.stop();
    };
    return Promise.resolve({ ...hosted, stop });
  },
});
