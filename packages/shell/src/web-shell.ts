// The web shell of an app (docs/design.md §1): its service in Node, its built renderer served on 127.0.0.1,
// and window.seggio bridged over a WebSocket that only this launch's page can open (a random token in
// its address, and the page's own origin). Each app gives its contract's dispatcher and its events.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer } from 'ws';
import type { Dispatch } from './common/contract.js';
import { WEB_SHELL_CSP } from './common/csp.js';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
/** What one message from the page may weigh (docs/threat-model.md R33); a bigger one closes its connection. */
export const BRIDGE_MAX_BYTES = 1024 * 1024;

export interface WebShell {
  /** The page to open, with this launch's token. */
  readonly url: string;
  close(): Promise<void>;
}

export interface WebShellOptions {
  /** The built renderer: index.html and its assets. */
  readonly rendererDir: string;
  /** The contract's methods (dispatcher); anything else a page asks for goes unanswered. */
  readonly dispatch: Dispatch;
  /** The page's event streams (the view, a device's presses …): each subscribes a listener and returns the unsubscribe. */
  readonly events: Readonly<Record<string, (listener: (data: unknown) => void) => () => void>>;
  /** Further files served beside the renderer, by their path in the page's address. */
  readonly extraFiles?: Readonly<Record<string, string>>;
  readonly port?: number;
  /** The largest message a page may send, when a method takes more than BRIDGE_MAX_BYTES (a whole file). */
  readonly maxPayload?: number;
  /**
   * The page's token, when a day is resumed: the same address as before the restart, so that a page
   * left open finds its service again. Otherwise a fresh one for this launch.
   */
  readonly token?: string;
}

/** A token as the shell makes them: 24 random bytes in base64url. */
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const { rendererDir, dispatch } = options;
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`${rendererDir} has no built renderer: run "npm run build"`);
  if (options.token !== undefined && !TOKEN.test(options.token)) throw new Error('a web shell token is 32 base64url characters (24 random bytes)');
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server: Server = createServer((request, response) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const extra = options.extraFiles && Object.hasOwn(options.extraFiles, path) ? options.extraFiles[path]! : null;
    const file = extra ?? normalize(join(rendererDir, path === '/' ? 'index.html' : path));
    if (request.method !== 'GET' || (!extra && !file.startsWith(rendererDir + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': WEB_SHELL_CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bridge = new WebSocketServer({
    server,
    path: '/bridge',
    maxPayload: options.maxPayload ?? BRIDGE_MAX_BYTES,
    verifyClient: ({ req }: { req: { url?: string; headers: { origin?: string } } }) => {
      const given = Buffer.from(new URL(req.url ?? '', origin).searchParams.get('token') ?? '');
      const expected = Buffer.from(token);
      return req.headers.origin === origin && given.length === expected.length && timingSafeEqual(given, expected);
    },
  });
  bridge.on('connection', (socket) => {
    const unsubscribes = Object.entries(options.events).map(([event, subscribe]) => subscribe((data) => socket.send(JSON.stringify({ event, data }))));
    socket.on('close', () => unsubscribes.forEach((unsubscribe) => unsubscribe()));
    // A message over maxPayload (or a broken frame): ws stops reading and reports it here; without a
    // listener the error would bring the whole shell down.
    socket.on('error', () => socket.terminate());
    socket.on('message', (data) => {
      let request: { id?: unknown; method?: unknown; input?: unknown } | null;
      try {
        request = JSON.parse((data as Buffer).toString('utf8')) as typeof request;
      } catch {
        return;
      }
      // JSON that is not a call (null, a number, a call without its id) is not answered either.
      if (typeof request !== 'object' || request === null || typeof request.id !== 'number') return;
      const { id } = request;
      const call = dispatch(request.method, request.input);
      if (!call.known) return;
      void (async () => {
        let result: unknown;
        try {
          result = await call.answer;
        } catch (error) {
          // A service method that throws has met something unexpected: the page is told, the shell lives on.
          result = { ok: false, error: `internal error: ${(error as Error).message}` };
        }
        socket.send(JSON.stringify({ id, result }));
      })();
    });
  });
  return {
    url: `${origin}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of bridge.clients) client.terminate();
        bridge.close();
        server.close(() => resolve());
        // The page's browser may hold a connection open (keep-alive, or a request under way, or the
        // bridge reconnecting): the shell is going away, so every connection goes with it.
        server.closeAllConnections();
      }),
  };
}
