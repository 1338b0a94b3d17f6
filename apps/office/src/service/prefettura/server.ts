// The Prefettura's two HTTP faces, as the comune office's (server.ts): the public page of the province
// with its CSV and JSON and each accepted comune's package, and the staff's interface on 127.0.0.1
// behind a per-launch token, where the comuni's packages are uploaded.
import { randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { problem } from '../../shared/codes.js';
import { Places, STREAM_LIMITS } from '../places.js';
import { events, onError, publicPage, serveRenderer, staffGuard, tarParser } from '../server.js';
import { PACKAGE_LIMITS } from './package.js';
import type { Prefettura } from './prefettura.js';

export interface PrefetturaServerOptions {
  readonly host: string;
  readonly port: number;
  readonly staffPort: number;
  readonly rendererDir: string;
  readonly rateLimit?: number;
}

export class PrefetturaServer {
  readonly token = randomBytes(24).toString('hex');

  private constructor(readonly prefettura: Prefettura, readonly publicApp: FastifyInstance, readonly staffApp: FastifyInstance) {}

  static async listen(prefettura: Prefettura, options: PrefetturaServerOptions): Promise<PrefetturaServer> {
    const publicApp = Fastify({ bodyLimit: 1024, forceCloseConnections: true });
    const staffApp = Fastify({ bodyLimit: 1024, forceCloseConnections: true });
    const server = new PrefetturaServer(prefettura, publicApp, staffApp);

    publicApp.setErrorHandler(onError);
    await publicApp.register(rateLimit, { max: options.rateLimit ?? 600, timeWindow: 60_000, errorResponseBuilder: (_r, c) => ({ statusCode: 429, ok: false, problems: [problem('body-invalid', { field: '/', reason: `more than ${c.max} requests a minute` })] }) });
    publicPage(publicApp, prefettura, () => prefettura.results());
    publicApp.get('/risultati.csv', async (_q, reply) => reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="risultati.csv"').send(prefettura.csv()));
    publicApp.get('/comuni/:file', (request, reply) => {
      const istat = /^(\d{6})\.tar$/.exec((request.params as { file: string }).file)?.[1];
      const bytes = istat === undefined ? undefined : prefettura.packageOf(istat);
      if (!bytes) return reply.code(404).send({ ok: false, problems: [problem('comune-unknown', { comune: istat ?? '' })] });
      return reply.type('application/x-tar').send(Buffer.from(bytes));
    });

    staffApp.setErrorHandler(onError);
    tarParser(staffApp, PACKAGE_LIMITS.bytes);
    staffGuard(staffApp, server.token);
    staffApp.get('/api/view', (_q, reply) => reply.send(prefettura.view()));
    const streams = new Places(STREAM_LIMITS, 'live streams');
    staffApp.get('/api/events', (request, reply) => events(prefettura, streams, request, reply));
    staffApp.post('/api/upload', async (request, reply) => {
      if (!(request.body instanceof Buffer)) return reply.code(415).send({ ok: false, problems: [problem('body-invalid', { field: 'content-type', reason: 'must be application/x-tar' })] });
      return reply.send(await prefettura.submit('upload', String(request.headers['x-file-name'] ?? 'upload').slice(0, 200), request.body));
    });
    serveRenderer(staffApp, options.rendererDir);

    await publicApp.listen({ host: options.host, port: options.port });
    await staffApp.listen({ host: '127.0.0.1', port: options.staffPort });
    prefettura.publicUrl = server.publicUrl;
    return server;
  }

  get publicUrl(): string {
    const a = this.publicApp.server.address() as { address: string; port: number };
    return `http://${a.address}:${a.port}/`;
  }

  get staffUrl(): string {
    const a = this.staffApp.server.address() as { port: number };
    return `http://127.0.0.1:${a.port}/?token=${this.token}`;
  }

  async close(): Promise<void> {
    await Promise.all([this.publicApp.close(), this.staffApp.close()]);
  }
}
