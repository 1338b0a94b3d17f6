// The web shell's bridge (DESIGN.md §2): only this launch's page, with its token and from its own
// origin, may call the booth service, and only the contract's methods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startBoothWebShell, type WebShell } from '../src/web/host.js';
import { FakeConsole, startBooth } from './fake-console.js';
import type { BoothService } from '../src/service/index.js';

let fake: FakeConsole;
let booth: BoothService;
let shell: WebShell;
beforeAll(async () => {
  fake = await FakeConsole.start();
  booth = startBooth(fake);
  const renderer = mkdtempSync(join(tmpdir(), 'seggio-renderer-'));
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
  shell = await startBoothWebShell(booth, renderer);
});
afterAll(async () => {
  await shell.close();
  booth.stop();
  await fake.close();
});

const page = () => new URL(shell.url);
const bridgeUrl = (token: string | null) => `ws://${page().host}/bridge${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;

/** Opens the bridge; resolves with the socket, or with the HTTP status that refused it. */
function connect(token: string | null, origin: string): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(bridgeUrl(token), { origin });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', () => resolve(-1));
  });
}

function call(socket: WebSocket, message: object): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse((data as Buffer).toString('utf8'))));
    socket.send(JSON.stringify(message));
  });
}

describe('the booth web shell', () => {
  const token = () => page().searchParams.get('token')!;
  const origin = () => page().origin;

  it('serves the page only on 127.0.0.1, with a content security policy', async () => {
    expect(page().hostname).toBe('127.0.0.1');
    const response = await fetch(shell.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${page().origin}/../../etc/passwd`)).status).toBe(404);
  });

  it('refuses the bridge without the token, with another token, or from another origin', async () => {
    expect(await connect(null, origin())).toBe(401);
    expect(await connect('x'.repeat(token().length), origin())).toBe(401);
    expect(await connect(token(), 'http://evil.example')).toBe(401);
  });

  it("answers this launch's page, and only the contract's methods", async () => {
    const socket = await connect(token(), origin());
    expect(socket).toBeInstanceOf(WebSocket);
    const ws = socket as WebSocket;
    expect(await call(ws, { id: 1, method: 'getView' })).toMatchObject({ id: 1, result: { state: 'unpaired', boothFingerprint: booth.getView().boothFingerprint } });
    // An unknown method gets no answer; the next known one still does.
    ws.send(JSON.stringify({ id: 2, method: 'stop' }));
    expect(await call(ws, { id: 3, method: 'getElection' })).toEqual({ id: 3, result: null });
    ws.close();
  });
});
