// window.seggio: from the Electron preload when there is one, otherwise over the web shell's
// WebSocket, guarded by the token in this page's address.
import { webBridge } from '@seggio/link/browser';
import type { BoothBridge, BoothCalls, BoothEvents } from '../shared/bridge.js';

declare global {
  interface Window {
    seggio?: BoothBridge;
  }
}

function overWebSocket(): BoothBridge {
  const web = webBridge<BoothCalls, BoothEvents>();
  return { call: (method, input) => web.call(method, input), onView: (listener) => web.on('view', listener), onKeypad: (listener) => web.on('keypad', listener) };
}

export const bridge: BoothBridge = window.seggio ?? overWebSocket();
