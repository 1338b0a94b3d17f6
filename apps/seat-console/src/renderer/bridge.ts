// window.seggio: from the Electron preload when there is one, otherwise over the web shell's
// WebSocket, guarded by the token in this page's address.
import { webBridge } from '@seggio/link/browser';
import type { ConsoleView } from '../shared/api.js';
import type { ConsoleBridge, ConsoleCalls } from '../shared/bridge.js';

declare global {
  interface Window {
    seggio?: ConsoleBridge;
  }
}

export const bridge: ConsoleBridge = window.seggio ?? webBridge<ConsoleCalls, ConsoleView>();
