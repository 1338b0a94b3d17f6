// The page's side of the web shell (packages/link/src/browser), run in Node against a real shell: a
// call under way when the service goes away is settled at once with ServiceLost, a call made while it
// is away too, and the page hears 'lost', then 'connected' when a shell is started again at the same
// address (a day resumed).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { ServiceLost, webBridge, type ConnectionState } from '@seggio/link/browser';
import { startWebShell, type WebShell } from '@seggio/link/web-shell';
import { REPO_ROOT, until } from '../support/index.js';

const RENDERER = join(REPO_ROOT, 'apps', 'seat-console', 'dist', 'renderer');
const globals = globalThis as unknown as Record<string, unknown>;
const saved = { WebSocket: globals.WebSocket, location: globals.location };
let shell: WebShell | null = null;

afterEach(async () => {
  await shell?.close();
  shell = null;
  Object.assign(globals, saved);
});

/** A shell whose `hang` never answers (a service busy when the power goes) and whose `ping` does. */
const start = (port: number, token?: string) =>
  startWebShell({ rendererDir: RENDERER, port, ...(token ? { token } : {}), methods: { hang: () => new Promise(() => undefined), ping: () => 'pong' }, events: {} });

describe("the web shell's bridge, as a page uses it", () => {
  it('settles a call whose socket drops, refuses calls while the service is away, and says lost and back', async () => {
    shell = await start(0);
    const url = new URL(shell.url);
    // The page's globals: its address, and a WebSocket that sends the page's origin, as a browser does.
    globals.location = { host: url.host, search: url.search };
    globals.WebSocket = class extends NodeWebSocket {
      constructor(address: string) {
        super(address, { origin: url.origin });
        // A browser's socket reports a failed connection by its close event alone.
        this.on('error', () => undefined);
      }
    };
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

  it('refuses a token not made as the shell makes them', async () => {
    await expect(start(0, 'short')).rejects.toThrow('a web shell token is 32 base64url characters (24 random bytes)');
  });
});
