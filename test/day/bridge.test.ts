// The page's side of the web shell (packages/shell/src/browser), run in Node against a real shell: a
// call under way when the service goes away is settled at once with ServiceLost, a call made while it
// is away too, and the page hears 'lost', then 'connected' when a shell is started again at the same
// address (a day resumed). And the page's bridge derived from a contract refuses an action it could not
// send as that contract says.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { pageBridge, ServiceLost, webBridge, type ConnectionState } from '@seggio/shell/browser';
import { accept, dispatcher, noInput, withInput } from '@seggio/shell/contract';
import { startWebShell, type WebShell } from '@seggio/shell/web-shell';
import { REPO_ROOT, until } from '../support/index.js';

const RENDERER = join(REPO_ROOT, 'apps', 'seat-console', 'dist', 'renderer');
const globals = globalThis as unknown as Record<string, unknown>;
const saved = { WebSocket: globals.WebSocket, location: globals.location, window: globals.window };
let shell: WebShell | null = null;

afterEach(async () => {
  await shell?.close();
  shell = null;
  Object.assign(globals, saved);
});

/** A contract whose `hang` never answers (a service busy when the power goes) and whose `ping` does; the others tell how each is refused when the service is away. */
const CONTRACT = {
  methods: {
    hang: noInput<never>(),
    ping: noInput<string>(),
    act: withInput<{ what: string }, { ok: boolean; error?: string }>((raw) => accept(raw as { what: string }), 'reason'),
    actAll: noInput<{ ok: boolean; error?: string[] }>('reasons'),
  },
  events: {},
};
const start = (port: number, token?: string) =>
  startWebShell({
    rendererDir: RENDERER,
    port,
    ...(token ? { token } : {}),
    dispatch: dispatcher(CONTRACT, { hang: () => new Promise<never>(() => undefined), ping: () => 'pong', act: () => ({ ok: true }), actAll: () => ({ ok: true }) }),
    events: {},
  });

/** The page's globals: its address, and a WebSocket that sends the page's origin, as a browser does; no preload. */
function pageAt(url: URL) {
  globals.location = { host: url.host, search: url.search };
  globals.window = {};
  globals.WebSocket = class extends NodeWebSocket {
    constructor(address: string) {
      super(address, { origin: url.origin });
      // A browser's socket reports a failed connection by its close event alone.
      this.on('error', () => undefined);
    }
  };
}

describe("the web shell's bridge, as a page uses it", () => {
  it('settles a call whose socket drops, refuses calls while the service is away, and says lost and back', async () => {
    shell = await start(0);
    const url = new URL(shell.url);
    pageAt(url);
    const bridge = webBridge<{ hang: { input: undefined; output: never }; ping: { input: undefined; output: string } }, Record<string, never>>();
    const states: ConnectionState[] = [];
    bridge.onConnection((s) => states.push(s));
    expect(await bridge.call('ping')).toBe('pong');

    const hanging = bridge.call('hang');
    await shell.close();
    shell = null;
    await expect(hanging).rejects.toBeInstanceOf(ServiceLost);
    await until(() => states.includes('lost'));
    await expect(bridge.call('ping')).rejects.toThrow('ping: the service is not reachable');

    // The service again at the same port and token: the page finds it by itself.
    shell = await start(Number(url.port), url.searchParams.get('token')!);
    expect(shell.url).toBe(url.href);
    await until(() => states.at(-1) === 'connected');
    expect(states).toEqual(['connecting', 'connected', 'lost', 'connected']);
    expect(await bridge.call('ping')).toBe('pong');
  });

  it("refuses, while the service is away, each action as its contract says, and lets a read fail", async () => {
    shell = await start(0);
    const url = new URL(shell.url);
    pageAt(url);
    const bridge = pageBridge(CONTRACT, 'service-lost');
    const states: ConnectionState[] = [];
    bridge.onConnection((s) => states.push(s));
    expect(await bridge.call('act', { what: 'x' })).toEqual({ ok: true });
    await shell.close();
    shell = null;
    await until(() => states.includes('lost'));
    expect(await bridge.call('act', { what: 'x' })).toEqual({ ok: false, error: 'service-lost' });
    expect(await bridge.call('actAll')).toEqual({ ok: false, error: ['service-lost'] });
    await expect(bridge.call('ping')).rejects.toBeInstanceOf(ServiceLost);
  });

  it('refuses a token not made as the shell makes them', async () => {
    await expect(start(0, 'short')).rejects.toThrow('a web shell token is 32 base64url characters (24 random bytes)');
  });
});
