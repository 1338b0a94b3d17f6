// The booth's preload: window.seggio with one call function and two event subscriptions (R23). It runs
// sandboxed, so it is CommonJS and requires nothing but Electron.
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
  onKeypad: (listener: (button: unknown) => void): (() => void) => {
    const forward = (_event: IpcRendererEvent, button: unknown) => listener(button);
    ipcRenderer.on('seggio:keypad', forward);
    return () => ipcRenderer.removeListener('seggio:keypad', forward);
  },
});
