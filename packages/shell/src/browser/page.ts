// The page's bridge to its service, derived from the app's contract: `window.seggio` from the Electron
// preload when there is one, otherwise the web shell's WebSocket, guarded by the token in the page's
// address. Browser code: no Node.
import type { Bridge, CallsOf, Contract, EventsOf } from '../common/contract.js';
import { ServiceLost, webBridge, type ConnectionState } from './bridge.js';

declare global {
  interface Window {
    /** Set by the preload (packages/shell/src/preload): the contract's calls and events over Electron IPC. */
    seggio?: { call(method: string, input?: unknown): Promise<unknown>; on(event: string, listener: (data: unknown) => void): () => void };
  }
}

export interface PageBridge<C extends Contract> extends Bridge<C> {
  /** Hears each change of the link to the service, told the current state at once; in Electron the service is the window's own process. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

/**
 * `lostReason`: what an action the service could not be asked is refused with, as the contract says
 * for each method (docs: WhenLost), so that no button ever does nothing without a word. Without one,
 * such a call fails and the page says what it says of a failed call.
 */
export function pageBridge<C extends Contract>(contract: C, lostReason?: unknown): PageBridge<C> {
  if (window.seggio) {
    const ipc = window.seggio as unknown as Bridge<C>;
    return {
      call: (method, input) => ipc.call(method, input),
      on: (event, listener) => ipc.on(event, listener),
      onConnection: (listener) => {
        listener('connected');
        return () => undefined;
      },
    };
  }
  const web = webBridge<CallsOf<C>, EventsOf<C>>();
  return {
    call: (method, input) =>
      web.call(method, input).catch((error: unknown) => {
        const lost = contract.methods[method]?.lost ?? 'fail';
        if (!(error instanceof ServiceLost) || lostReason === undefined || lost === 'fail') throw error;
        return { ok: false, error: lost === 'reasons' ? [lostReason] : lostReason } as never;
      }),
    on: (event, listener) => web.on(event, listener),
    onConnection: (listener) => web.onConnection(listener),
  };
}
