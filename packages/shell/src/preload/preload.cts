// The preload of both apps (docs/design.md §1): window.seggio = { call(method, input), on(event, listener) }
// and nothing more (R23). It knows no method: the main process answers only its contract's (main/ipc.ts).
// It runs sandboxed, so it is CommonJS and requires nothing but Electron.
import electron = require('electron');

const { contextBridge, ipcRenderer } = electron;

contextBridge.exposeInMainWorld('seggio', {
  call: (method: string, input?: unknown): Promise<unknown> => ipcRenderer.invoke('seggio:call', method, input),
  on: (event: string, listener: (data: unknown) => void): (() => void) => {
    const forward = (_event: unknown, name: unknown, data: unknown) => {
      if (name === event) listener(data);
    };
    ipcRenderer.on('seggio:event', forward);
    return () => ipcRenderer.removeListener('seggio:event', forward);
  },
});
