// The Prefettura's two HTTP faces, as the comune office's (server.ts): the public page of the province
// with its CSV and JSON and each accepted comune's package, and the staff's interface on 127.0.0.1
// behind a per-launch token, where the comuni's packages are uploaded.
import Fastify, { type FastifyInstance } from 'fastify';
import { problem } from '../../shared/codes.js';
import { Faces, onError, publicPage, publicRateLimit, serveRenderer, staffDesk } from '../server.js';
import { PACKAGE_LIMITS } from './package.js';
import type { Prefettura } from './prefettura.js';

export interface PrefetturaServerOptions {
  readonly host: string;
  readonly port: number;
  readonly staffPort: number;
  readonly rendererDir: string;
  readonly rateLimit?: number;
}

export class PrefetturaServer extends Faces {
  private constructor(readonly prefettura: Prefettura, publicApp: FastifyInstance, staffApp: FastifyInstance) {
    super(publicApp, staffApp);
  }

  static async listen(prefettura: Prefettura, options: PrefetturaServerOptions): Promise<PrefetturaServer> {
    const publicApp = Fastify({ bodyLimit: 1024, forceCloseConnections: true });
    const staffApp = Fastify({ bodyLimit: 1024, forceCloseConnections: true });
    const server = new PrefetturaServer(prefettura, publicApp, staffApp);

    publicApp.setErrorHandler(onError);
    await publicRateLimit(publicApp, options.rateLimit);
    publicPage(publicApp, prefettura, () => prefettura.results());
    publicApp.get('/risultati.csv', async (_q, reply) => reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="risultati.csv"').send(prefettura.csv()));
    publicApp.get('/comuni/:file', (request, reply) => {
      const istat = /^(\d{6})\.tar$/.exec((request.params as { file: string }).file)?.[1];
      const bytes = istat === undefined ? undefined : prefettura.packageOf(istat);
      if (!bytes) return reply.code(404).send({ ok: false, problems: [problem('comune-unknown', { comune: istat ?? '' })] });
      return reply.type('application/x-tar').send(Buffer.from(bytes));
    });

    staffDesk(staffApp, server.token, prefettura, () => prefettura.view(), PACKAGE_LIMITS.bytes);
    serveRenderer(staffApp, options.rendererDir);

    await publicApp.listen({ host: options.host, port: options.port });
    await staffApp.listen({ host: '127.0.0.1', port: options.staffPort });
    prefettura.publicUrl = server.publicUrl;
    return server;
  }
}
