// window.seggio: from the Electron preload when there is one, otherwise over the web shell's
// WebSocket, guarded by the token in this page's address.
import type { BoothView } from '../shared/api.js';
import type { BoothBridge, BoothCalls, BoothMethod } from '../shared/bridge.js';

declare global {
  interface Window {
    seggio?: BoothBridge;
  }
}

function webBridge(): BoothBridge {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const listeners = new Set<(view: BoothView) => void>();
  const pending = new Map<number, (result: unknown) => void>();
  let next = 1;
  let socket: WebSocket;
  let ready: Promise<void>;
  const connect = () => {
    socket = new WebSocket(`ws://${location.host}/bridge?token=${encodeURIComponent(token)}`);
    ready = new Promise((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; event?: string; data?: BoothView };
      if (message.event === 'view' && message.data) listeners.forEach((l) => l(message.data!));
      else if (message.id !== undefined) pending.get(message.id)?.(message.result);
    });
    socket.addEventListener('close', () => setTimeout(connect, 500));
  };
  connect();
  return {
    async call<M extends BoothMethod>(method: M, input?: BoothCalls[M]['input']): Promise<BoothCalls[M]['output']> {
      await ready;
      const id = next++;
      return new Promise((resolve) => {
        pending.set(id, (result) => {
          pending.delete(id);
          resolve(result as BoothCalls[M]['output']);
        });
        socket.send(JSON.stringify({ id, method, input }));
      });
    },
    onView(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const bridge: BoothBridge = window.seggio ?? webBridge();
