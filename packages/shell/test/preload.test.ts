// The one preload of both apps (R23): window.seggio = { call, on } and nothing more, on the two channels
// the main process serves; sandboxed, so it requires Electron alone.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IPC_CALL, IPC_EVENT } from '../src/main/ipc.js';

const preload = readFileSync(new URL('../src/preload/preload.cts', import.meta.url), 'utf8');

describe('the preload', () => {
  it('exposes one object with a call and an event subscription, on the channels main/ipc.ts serves', () => {
    expect(preload.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(preload).toContain(`ipcRenderer.invoke('${IPC_CALL}', method, input)`);
    expect(preload).toContain(`ipcRenderer.on('${IPC_EVENT}', forward)`);
    expect([...preload.matchAll(/^ {2}(\w+): /gm)].map((m) => m[1])).toEqual(['call', 'on']);
  });

  it('requires Electron and nothing else', () => {
    expect(preload.match(/require\('[^']+'\)/g)).toEqual(["require('electron')"]);
    expect(preload).not.toMatch(/from '(node:|\.)/);
  });
});
