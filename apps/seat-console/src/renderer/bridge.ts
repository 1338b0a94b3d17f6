// window.seggio: from the Electron preload when there is one, otherwise over the web shell's
// WebSocket, guarded by the token in this page's address.
import { ServiceLost, webBridge, type ConnectionState } from '@seggio/link/browser';
import type { ConsoleBridge, ConsoleCalls, ConsoleEvents, ConsoleMethod } from '../shared/bridge.js';
import { SERVICE_LOST } from './i18n.js';

declare global {
  interface Window {
    seggio?: ConsoleBridge;
  }
}

/** The calls whose refusals are a list of reasons; every other action's is one reason. */
const LISTED: ReadonlySet<ConsoleMethod> = new Set(['loadPackage', 'loadElectionFiles', 'importRoll', 'reconcile', 'count', 'exportBundle']);
/** The calls that only read: with no service they fail, and the page asks again once it is back. */
const READS: ReadonlySet<ConsoleMethod> = new Set(['getView', 'getElection']);

interface WebConsoleBridge extends ConsoleBridge {
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

function overWebSocket(): WebConsoleBridge {
  const web = webBridge<ConsoleCalls, ConsoleEvents>();
  return {
    // An action the service could not be asked is refused like any other, with the reason, so that no
    // button ever does nothing without a word.
    call: (method, input) =>
      web.call(method, input).catch((error: unknown) => {
        if (!(error instanceof ServiceLost) || READS.has(method)) throw error;
        return { ok: false, error: LISTED.has(method) ? [SERVICE_LOST] : SERVICE_LOST } as never;
      }),
    onView: (l) => web.on('view', l),
    onButtons: (l) => web.on('buttons', l),
    onDevices: (l) => web.on('devices', l),
    onConnection: (l) => web.onConnection(l),
  };
}

const web = window.seggio ? null : overWebSocket();
export const bridge: ConsoleBridge = window.seggio ?? web!;

/** How the page's link to its service stands; in Electron the service is the window's own process. */
export function onConnection(listener: (state: ConnectionState) => void): () => void {
  if (web) return web.onConnection(listener);
  listener('connected');
  return () => undefined;
}
