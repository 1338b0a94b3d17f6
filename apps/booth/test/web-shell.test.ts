// The web shell's bridge (docs/design.md §1): only this launch's page, with its token and from its own
// origin, may call the booth service, and only the contract's methods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { BRIDGE_MAX_BYTES } from '@seggio/shell/web-shell';
import { startBoothWebShell, type WebShell } from '../src/web/host.js';
import { FakeConsole, startBooth } from './fake-console.js';
import type { Voice } from '@seggio/hardware';
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

  it('compares the Origin exactly: not another port, nor one its own is a prefix of', async () => {
    const port = Number(page().port);
    for (const other of [`http://127.0.0.1:${port === 65535 ? port - 1 : port + 1}`, `${origin()}0`, `${origin()}.evil.example`, `${origin()}/`, origin().replace('http:', 'https:')]) {
      expect([other, await connect(token(), other)]).toEqual([other, 401]);
    }
    const ws = await connect(token(), origin());
    expect(ws).toBeInstanceOf(WebSocket);
    (ws as WebSocket).close();
  });

  it("has a token of its own: another shell's does not open it", async () => {
    const renderer = mkdtempSync(join(tmpdir(), 'seggio-renderer-'));
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
    const second = await startBoothWebShell(booth, renderer);
    const theirs = new URL(second.url).searchParams.get('token')!;
    expect(theirs).not.toBe(token());
    expect(await connect(theirs, origin())).toBe(401);
    await second.close();
  });

  it('drops a page that sends a message over 1 MiB, unread', async () => {
    const ws = (await connect(token(), origin())) as WebSocket;
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    ws.on('error', () => undefined);
    ws.send(JSON.stringify({ id: 1, method: 'getView', input: 'x'.repeat(BRIDGE_MAX_BYTES) }));
    expect(await closed).toBe(1009);
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

  it('without a voice of its own, says so, and refuses to speak', async () => {
    const ws = (await connect(token(), origin())) as WebSocket;
    expect(await call(ws, { id: 1, method: 'voice' })).toEqual({ id: 1, result: { available: false, detail: 'no voice configured for this booth' } });
    expect(await call(ws, { id: 2, method: 'speak', input: { text: 'ciao', language: 'it' } })).toEqual({ id: 2, result: { ok: false, error: 'no voice configured for this booth' } });
    ws.close();
  });
});

describe('closing the booth web shell', () => {
  it('closes while the browser still holds a connection with a request under way', async () => {
    const renderer = mkdtempSync(join(tmpdir(), 'seggio-renderer-'));
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
    const other = await startBoothWebShell(booth, renderer);
    // Half a request: the server holds this connection open until the headers end (or time out).
    const socket = connectTcp(Number(new URL(other.url).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    socket.on('error', () => undefined);
    await new Promise((r) => setTimeout(r, 50));
    const closed = await Promise.race([other.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open after 5 s'), 5000))]);
    expect(closed).toBe('closed');
    socket.destroy();
  });
});

describe("the booth web shell's voice", () => {
  /** A voice that keeps what it is asked and answers with a fixed WAV (the real one is tested in hardware/). */
  const asked: { text: string; language: string }[] = [];
  const WAV = new Uint8Array([...new TextEncoder().encode('RIFF'), 0, 0, 0, 0, ...new TextEncoder().encode('WAVE')]);
  const voice: Voice = {
    status: () => ({ available: true, detail: 'test voice' }),
    synthesize: (text, language) => {
      asked.push({ text, language });
      return Promise.resolve({ ok: true, wav: WAV });
    },
  };
  let voiced: WebShell;
  beforeAll(async () => {
    const renderer = mkdtempSync(join(tmpdir(), 'seggio-renderer-'));
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
    voiced = await startBoothWebShell(booth, renderer, 0, { voice });
  });
  afterAll(() => voiced.close());

  it("gives the page the voice's sound for a text in one of the booth's languages, and nothing else", async () => {
    const url = new URL(voiced.url);
    const ws = await new Promise<WebSocket>((resolve) => {
      const socket = new WebSocket(`ws://${url.host}/bridge?token=${encodeURIComponent(url.searchParams.get('token')!)}`, { origin: url.origin });
      socket.once('open', () => resolve(socket));
    });
    expect(await call(ws, { id: 1, method: 'voice' })).toEqual({ id: 1, result: { available: true, detail: 'test voice' } });
    expect(await call(ws, { id: 2, method: 'speak', input: { text: 'Scheda 1 di 2', language: 'it' } })).toEqual({ id: 2, result: { ok: true, value: { wav: Buffer.from(WAV).toString('base64') } } });
    const refusal = { ok: false, error: 'speak: give a text of 1 to 2000 characters and a language (it, de or en)' };
    for (const [id, input] of [
      [3, { text: 'bonjour', language: 'fr' }],
      [4, { text: '', language: 'it' }],
      [5, { text: 'x'.repeat(2001), language: 'it' }],
      [6, { text: 42, language: 'it' }],
      [7, null],
    ] as const) {
      expect(await call(ws, { id, method: 'speak', input })).toEqual({ id, result: refusal });
    }
    expect(asked).toEqual([{ text: 'Scheda 1 di 2', language: 'it' }]);
    ws.close();
  });
});
