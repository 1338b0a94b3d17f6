// window.seggio for a page served by the web shell (DESIGN.md §2): calls and view events over the
// shell's WebSocket, with the token in this page's address. Browser code: no Node.
export interface Bridge<Calls extends Record<string, { input: unknown; output: unknown }>, Events extends Record<string, unknown>> {
  call<M extends keyof Calls & string>(method: M, input?: Calls[M]['input']): Promise<Calls[M]['output']>;
  on<E extends keyof Events & string>(event: E, listener: (data: Events[E]) => void): () => void;
}

export function webBridge<Calls extends Record<string, { input: unknown; output: unknown }>, Events extends Record<string, unknown>>(): Bridge<Calls, Events> {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const listeners = new Map<string, Set<(data: never) => void>>();
  const pending = new Map<number, (result: unknown) => void>();
  let next = 1;
  let socket: WebSocket;
  let ready: Promise<void>;
  const connect = () => {
    socket = new WebSocket(`ws://${location.host}/bridge?token=${encodeURIComponent(token)}`);
    ready = new Promise((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; event?: string; data?: never };
      if (message.event !== undefined) listeners.get(message.event)?.forEach((l) => l(message.data!));
      else if (message.id !== undefined) pending.get(message.id)?.(message.result);
    });
    socket.addEventListener('close', () => setTimeout(connect, 500));
  };
  connect();
  return {
    async call<M extends keyof Calls & string>(method: M, input?: Calls[M]['input']): Promise<Calls[M]['output']> {
      await ready;
      const id = next++;
      return new Promise((resolve) => {
        pending.set(id, (result) => {
          pending.delete(id);
          resolve(result);
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
  };
}
