// window.seggio: from the Electron preload when there is one, otherwise over the web shell's
// WebSocket, guarded by the token in this page's address.
import { webBridge } from '@seggio/link/browser';
import type { ConsoleBridge, ConsoleCalls, ConsoleEvents } from '../shared/bridge.js';

declare global {
  interface Window {
    seggio?: ConsoleBridge;
  }
}

function overWebSocket(): ConsoleBridge {
  const web = webBridge<ConsoleCalls, ConsoleEvents>();
  return { call: (method, input) => web.call(method, input), onView: (l) => web.on('view', l), onButtons: (l) => web.on('buttons', l), onDevices: (l) => web.on('devices', l) };
}

export const bridge: ConsoleBridge = window.seggio ?? overWebSocket();
