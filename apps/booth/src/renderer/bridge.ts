// window.seggio: from the Electron preload when there is one, otherwise over the web shell's
// WebSocket, guarded by the token in this page's address.
import { webBridge } from '@seggio/link/browser';
import type { BoothView } from '../shared/api.js';
import type { BoothBridge, BoothCalls } from '../shared/bridge.js';

declare global {
  interface Window {
    seggio?: BoothBridge;
  }
}

export const bridge: BoothBridge = window.seggio ?? webBridge<BoothCalls, BoothView>();
