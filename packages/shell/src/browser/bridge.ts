// window.seggio for a page served by the web shell (docs/design.md §1): calls and events over the
// shell's WebSocket, with the token in this page's address. Browser code: no Node.
//
// The service may go away (its machine restarted, a power cut): a call under way when the socket
// drops, or made while it is down, is settled at once with ServiceLost rather than left hanging, and
// the page hears 'lost' and then 'connected' again, so that it can say so to whoever is in front of it.
export interface Bridge<Calls extends Record<string, { input: unknown; output: unknown }>, Events extends Record<string, unknown>> {
  call<M extends keyof Calls & string>(method: M, input?: Calls[M]['input']): Promise<Calls[M]['output']>;
  on<E extends keyof Events & string>(event: E, listener: (data: Events[E]) => void): () => void;
  /** Hears each change of the link to the service; told the current state at once. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

export type ConnectionState = 'connecting' | 'connected' | 'lost';

/** A call the service could not answer because the link to it is down. */
export class ServiceLost extends Error {
  constructor(method: string) {
    super(`${method}: the service is not reachable`);
    this.name = 'ServiceLost';
  }
}

/** How long a page waits before trying the service again. */
const RETRY_MS = 500;

export function webBridge<Calls extends Record<string, { input: unknown; output: unknown }>, Events extends Record<string, unknown>>(): Bridge<Calls, Events> {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const listeners = new Map<string, Set<(data: never) => void>>();
  const watchers = new Set<(state: ConnectionState) => void>();
  const pending = new Map<number, { method: string; resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  let next = 1;
  let socket: WebSocket;
  let state: ConnectionState = 'connecting';
  const setState = (to: ConnectionState) => {
    if (to === state) return;
    state = to;
    watchers.forEach((w) => w(to));
  };
  const connect = () => {
    const current = new WebSocket(`ws://${location.host}/bridge?token=${encodeURIComponent(token)}`);
    socket = current;
    current.addEventListener('open', () => setState('connected'));
    current.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; event?: string; data?: never };
      if (message.event !== undefined) listeners.get(message.event)?.forEach((l) => l(message.data!));
      else if (message.id !== undefined) pending.get(message.id)?.resolve(message.result);
    });
    current.addEventListener('close', () => {
      // Nothing sent on this socket will be answered now.
      for (const [id, call] of pending) {
        pending.delete(id);
        call.reject(new ServiceLost(call.method));
      }
      // A page that never reached its service is still connecting; one that had it has lost it.
      if (state === 'connected') setState('lost');
      setTimeout(connect, RETRY_MS);
    });
  };
  connect();
  const opened = () =>
    new Promise<boolean>((resolve) => {
      if (socket.readyState === WebSocket.OPEN) return resolve(true);
      if (socket.readyState !== WebSocket.CONNECTING) return resolve(false);
      const done = (ok: boolean) => () => resolve(ok);
      socket.addEventListener('open', done(true), { once: true });
      socket.addEventListener('close', done(false), { once: true });
    });
  return {
    async call<M extends keyof Calls & string>(method: M, input?: Calls[M]['input']): Promise<Calls[M]['output']> {
      if (!(await opened())) throw new ServiceLost(method);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, {
          method,
          resolve: (result) => {
            pending.delete(id);
            resolve(result);
          },
          reject,
        });
        socket.send(JSON.stringify({ id, method, input }));
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    onConnection(listener) {
      watchers.add(listener);
      listener(state);
      return () => watchers.delete(listener);
    },
  };
}
