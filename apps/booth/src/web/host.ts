// The booth's web shell (DESIGN.md §2): the service in Node, the built renderer served on 127.0.0.1,
// and window.seggio bridged over a WebSocket that only this launch's page can open (a random token in
// its address, and the page's own origin).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer } from 'ws';
import { BOOTH_METHODS, type BoothMethod } from '../shared/bridge.js';
import type { BoothService } from '../service/index.js';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
/** The same policy the Electron shell sets: nothing but this origin, no inline script. */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:*; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export interface WebShell {
  /** The page to open, with this launch's token. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startBoothWebShell(service: BoothService, rendererDir: string, port = 0): Promise<WebShell> {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`${rendererDir} has no built renderer: run "npm run build"`);
  const token = randomBytes(24).toString('base64url');
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
    if (request.method !== 'GET' || !file.startsWith(rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bridge = new WebSocketServer({
    server,
    path: '/bridge',
    verifyClient: ({ req }: { req: { url?: string; headers: { origin?: string } } }) => {
      const given = Buffer.from(new URL(req.url ?? '', origin).searchParams.get('token') ?? '');
      const expected = Buffer.from(token);
      return req.headers.origin === origin && given.length === expected.length && timingSafeEqual(given, expected);
    },
  });
  bridge.on('connection', (socket) => {
    const onView = (view: unknown) => socket.send(JSON.stringify({ event: 'view', data: view }));
    service.on('view', onView);
    socket.on('close', () => service.off('view', onView));
    socket.on('message', (data) => {
      let request: { id?: unknown; method?: unknown; input?: unknown };
      try {
        request = JSON.parse((data as Buffer).toString('utf8')) as typeof request;
      } catch {
        return;
      }
      if (typeof request.id !== 'number' || !BOOTH_METHODS.includes(request.method as BoothMethod)) return;
      const method = request.method as BoothMethod;
      const result = method === 'castBallots' ? service.castBallots(request.input as Parameters<BoothService['castBallots']>[0]) : method === 'getView' ? service.getView() : service.getElection();
      socket.send(JSON.stringify({ id: request.id, result }));
    });
  });
  return {
    url: `${origin}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of bridge.clients) client.terminate();
        bridge.close();
        server.close(() => resolve());
      }),
  };
}
