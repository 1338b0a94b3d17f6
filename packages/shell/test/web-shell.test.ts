// The web shell's bridge (src/web-shell.ts) as a page, or anything else on 127.0.0.1 holding the token, may
// use it: JSON that is not a call goes unanswered and the shell lives on; a check or handler that throws
// is told to the page as an internal error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { dispatcher, noInput, withInput } from '../src/common/contract.js';
import { startWebShell, type WebShell } from '../src/web-shell.js';

const CONTRACT = {
  methods: {
    ping: noInput<string>(),
    strict: withInput<never, string>(() => {
      throw new Error('check failed');
    }),
  },
  events: {},
};

let shell: WebShell;
beforeAll(async () => {
  const renderer = mkdtempSync(join(tmpdir(), 'seggio-shell-web-'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
  shell = await startWebShell({ rendererDir: renderer, dispatch: dispatcher(CONTRACT, { ping: () => 'pong', strict: () => 'never' }), events: {} });
});
afterAll(() => shell.close());

function open(): Promise<WebSocket> {
  const page = new URL(shell.url);
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://${page.host}/bridge?token=${encodeURIComponent(page.searchParams.get('token')!)}`, { origin: page.origin });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}
/** The answers the socket gets, once the answer to call `last` (sent last) has come: the shell answers in order. */
const answersUntil = (socket: WebSocket, last: number) =>
  new Promise<unknown[]>((resolve) => {
    const got: unknown[] = [];
    socket.on('message', (data: Buffer) => {
      const answer = JSON.parse(data.toString('utf8')) as { id?: unknown };
      got.push(answer);
      if (answer.id === last) resolve(got);
    });
  });

describe("the web shell's bridge", () => {
  it('leaves JSON that is not a call unanswered, and answers the next call', async () => {
    const socket = await open();
    const got = answersUntil(socket, 9);
    for (const text of ['null', '5', '"ping"', '[]', '{"method":"ping"}', '{"id":"1","method":"ping"}', 'not json']) socket.send(text);
    socket.send(JSON.stringify({ id: 9, method: 'ping' }));
    expect(await got).toEqual([{ id: 9, result: 'pong' }]);
    socket.close();
  });

  it('tells the page of a check that throws, as an internal error, and lives on', async () => {
    const socket = await open();
    const got = answersUntil(socket, 2);
    socket.send(JSON.stringify({ id: 1, method: 'strict', input: {} }));
    socket.send(JSON.stringify({ id: 2, method: 'ping' }));
    expect(await got).toEqual([{ id: 1, result: { ok: false, error: 'internal error: check failed' } }, { id: 2, result: 'pong' }]);
    socket.close();
  });
});
