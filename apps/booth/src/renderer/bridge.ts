// window.seggio: from the Electron preload when there is one, otherwise over the web shell's
// WebSocket, guarded by the token in this page's address.
import { webBridge, type ConnectionState } from '@seggio/link/browser';
import type { BoothBridge, BoothCalls, BoothEvents } from '../shared/bridge.js';

declare global {
  interface Window {
    seggio?: BoothBridge;
  }
}

const web = window.seggio ? null : webBridge<BoothCalls, BoothEvents>();

export const bridge: BoothBridge = window.seggio ?? {
  call: (method, input) => web!.call(method, input),
  onView: (listener) => web!.on('view', listener),
  onKeypad: (listener) => web!.on('keypad', listener),
};

/** How the page's link to the booth's service stands; in Electron the service is the window's own process. */
export function onConnection(listener: (state: ConnectionState) => void): () => void {
  if (web) return web.onConnection(listener);
  listener('connected');
  return () => undefined;
}
