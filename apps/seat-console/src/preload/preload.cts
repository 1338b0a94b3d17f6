// The console's preload: window.seggio with one call function and three event subscriptions (R23). It
// runs sandboxed, so it is CommonJS and requires nothing but Electron.
import electron = require('electron');
import type { IpcRendererEvent } from 'electron';

const { contextBridge, ipcRenderer } = electron;

contextBridge.exposeInMainWorld('seggio', {
  call: (method: string, input?: unknown): Promise<unknown> => ipcRenderer.invoke('seggio:call', method, input),
  onView: (listener: (view: unknown) => void): (() => void) => {
    const forward = (_event: IpcRendererEvent, view: unknown) => listener(view);
    ipcRenderer.on('seggio:view', forward);
    return () => ipcRenderer.removeListener('seggio:view', forward);
  },
  onButtons: (listener: (button: unknown) => void): (() => void) => {
    const forward = (_event: IpcRendererEvent, button: unknown) => listener(button);
    ipcRenderer.on('seggio:buttons', forward);
    return () => ipcRenderer.removeListener('seggio:buttons', forward);
  },
  onDevices: (listener: (status: unknown) => void): (() => void) => {
    const forward = (_event: IpcRendererEvent, status: unknown) => listener(status);
    ipcRenderer.on('seggio:devices', forward);
    return () => ipcRenderer.removeListener('seggio:devices', forward);
  },
});
