// The office's two HTTP faces (docs/design.md §7), on Fastify with schema validation, body limits and rate
// limiting: the public one (the results page, its feeds, and the consoles' intake) on the LAN address,
// and the staff's interface on 127.0.0.1 behind a per-launch token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { fromBase64 } from '@seggio/crypto';
import { problem, type Problem } from '../shared/codes.js';
import { ARCHIVE_LIMITS } from './archive.js';
import type { Channel, ResultsView } from '../shared/api.js';
import type { Enrolment } from './enrolment.js';
import type { IntakeAnswer } from './intake.js';
import type { Office } from './office.js';
import { preparationRoutes } from './preparation-routes.js';
import type { Preparation } from './preparation.js';
import { comunePackage } from './prefettura/package.js';
import { INTAKE_LIMITS, Places, STREAM_LIMITS } from './places.js';
import { LIVE_JS, PAGE_CSS, pageLang, renderPage, renderPreparing, type Lang } from './page.js';
import { resultsCsv } from './results.js';

export interface ServerOptions {
  /** Where consoles and the public reach the office: the LAN address (127.0.0.1 on one machine). */
  readonly host: string;
  readonly port: number;
  readonly staffPort: number;
  /** The built staff interface (dist/renderer). */
  readonly rendererDir: string;
  /** Requests a minute from one address to the public face. */
  readonly rateLimit?: number;
  /** The preparation of the day (the package, the machines), on the staff face. */
  readonly preparation?: { readonly preparation: Preparation; readonly enrolment: Enrolment };
}

const TURNOUT_LIMIT = 256 * 1024;
/** The staff interface's built files: the only staff route open without the token. */
const STATIC_ROUTE = '/*';
/** The preview of a ballot, drawn by the booth's components in a frame of the staff's screen. */
const PREVIEW_PAGE = '/anteprima.html';
const b64 = { type: 'string', maxLength: 128 * 1024, pattern: '^[A-Za-z0-9+/]*={0,2}$' } as const;
const TURNOUT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['turnout', 'turnoutSignature', 'setup', 'setupSignature'],
  properties: { turnout: b64, turnoutSignature: b64, setup: b64, setupSignature: b64 },
} as const;

/** Fastify's own refusals (a body too large, a schema failure, too many requests) as the office's codes. */
export function onError(error: FastifyError, _request: unknown, reply: FastifyReply): void {
  const problems: Problem[] =
    error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? [problem('body-too-large', { limit: ARCHIVE_LIMITS.bytes })]
      : error.validation
        ? error.validation.map((v) => problem('body-invalid', { field: v.instancePath || '/', reason: v.message ?? 'is not valid' }))
        : [problem('body-invalid', { field: '/', reason: error.message.slice(0, 200) })];
  void reply.code(error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500).send({ ok: false, problems });
}

export function tarParser(app: FastifyInstance, bodyLimit: number = ARCHIVE_LIMITS.bytes): void {
  app.addContentTypeParser('application/x-tar', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
}

/** What a live stream follows: a comune's office, or the Prefettura. */
export interface Live {
  readonly version: number;
  on(event: 'change', listener: () => void): unknown;
  off(event: 'change', listener: () => void): unknown;
}

/** Server-sent events: `update` each time the office's figures change. */
export function events(office: Live, streams: Places, request: FastifyRequest, reply: FastifyReply): void {
  const refusal = streams.take(request.ip, reply);
  if (refusal) return void reply.code(429).send({ ok: false, problems: [refusal] });
  reply.hijack();
  reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  reply.raw.write(`retry: 1000\nevent: hello\ndata: ${office.version}\n\n`);
  const send = () => reply.raw.write(`event: update\ndata: ${office.version}\n\n`);
  office.on('change', send);
  reply.raw.on('close', () => office.off('change', send));
}

/** The public page, its style, script, live stream and JSON feed, with the headers every public answer carries. */
export function publicPage(app: FastifyInstance, live: Live, results: () => ResultsView): void {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    reply.header('x-content-type-options', 'nosniff');
  });
  // Drawn once a change and a language: each reader follows /events and asks for the page on each update.
  const pages = new Map<Lang, { version: number; html: string }>();
  const page = (l: Lang): string => {
    const view = results();
    let drawn = pages.get(l);
    if (drawn?.version !== view.version) pages.set(l, (drawn = { version: view.version, html: renderPage(view, l) }));
    return drawn.html;
  };
  app.get('/', async (request, reply) => reply.type('text/html; charset=utf-8').send(page(pageLang(request.query))));
  app.get('/page.css', async (_q, reply) => reply.type('text/css').send(PAGE_CSS));
  app.get('/live.js', async (_q, reply) => reply.type('text/javascript').send(LIVE_JS));
  const streams = new Places(STREAM_LIMITS, 'live streams');
  app.get('/events', { config: { rateLimit: false } }, (request, reply) => events(live, streams, request, reply));
  app.get('/risultati.json', (_q, reply) => reply.send(results()));
}

/** Every staff route but the interface's own files wants this launch's token. */
export function staffGuard(app: FastifyInstance, token: string): void {
  const expected = Buffer.from(token);
  const authorised = (given: unknown) => typeof given === 'string' && given.length === expected.length && timingSafeEqual(Buffer.from(given), expected);
  // Judged on the route matched, not on the URL as written: the router decodes `/%61pi/view` to
  // `/api/view`, so only the interface's own files (the catch-all route) go without the token.
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url === STATIC_ROUTE) return;
    const given = request.headers['x-seggio-token'] ?? (request.query as { token?: string }).token;
    if (!authorised(given)) return reply.code(401).send({ ok: false, problems: [problem('not-authorised', {})] });
  });
}

/** The built staff interface: its few files, read once. */
export function serveRenderer(app: FastifyInstance, rendererDir: string): void {
  const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  const files = new Map<string, Buffer>();
  const walk = (dir: string, prefix: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`);
      else files.set(`/${prefix}${e.name}`, readFileSync(join(dir, e.name)));
    }
  };
  walk(rendererDir, '');
  app.get(STATIC_ROUTE, async (request, reply) => {
    const path = request.url.split('?')[0] === '/' ? '/index.html' : request.url.split('?')[0]!;
    const file = files.get(path);
    if (!file) return reply.code(404).send('not found');
    // Only the ballot preview may be framed, and only by the staff's own screen.
    const ancestors = path === PREVIEW_PAGE ? "'self'" : "'none'";
    return reply.type(TYPES[extname(path)] ?? 'application/octet-stream').header('content-security-policy', `default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors ${ancestors}`).send(file);
  });
}

/** What the public face serves before the office has its election: its page's style and live stream. */
const OPEN_BEFORE_ELECTION = new Set(['/page.css', '/live.js', '/events']);

/**
 * Until its staff sign the day's package the office has no election: the public face says so, on its page
 * and to a console's push (503: the console keeps it queued and sends it again), and judges nothing.
 */
function closedUntilElection(app: FastifyInstance, office: Office): void {
  app.addHook('onRequest', async (request, reply) => {
    if (office.ready || OPEN_BEFORE_ELECTION.has(request.routeOptions.url ?? '')) return;
    if (request.routeOptions.url === '/') {
      return reply.code(503).type('text/html; charset=utf-8').send(renderPreparing(pageLang(request.query)));
    }
    return reply.code(503).header('retry-after', '60').send({ ok: false, problems: [problem('no-election', {})] });
  });
}

/** A push or upload whose body is not a tar. */
const NOT_TAR = { ok: false, problems: [problem('body-invalid', { field: 'content-type', reason: 'must be application/x-tar' })] };

/** Requests a minute from one address to the public face, each one more refused with the office's code. */
export async function publicRateLimit(app: FastifyInstance, max = 600): Promise<void> {
  await app.register(rateLimit, { max, timeWindow: 60_000, errorResponseBuilder: (_r, c) => ({ statusCode: 429, ok: false, problems: [problem('body-invalid', { field: '/', reason: `more than ${c.max} requests a minute` })] }) });
}

/** What the staff face takes uploads into and follows: the comune's office, or the Prefettura. */
export interface Desk extends Live {
  submit(channel: Channel, origin: string, archive: Uint8Array): Promise<IntakeAnswer>;
}

/**
 * The staff face's own routes, alike in the office and the Prefettura: the office's refusals, the launch's
 * token, the view, its live stream and the upload of an archive (up to `bodyLimit` bytes).
 */
export function staffDesk(app: FastifyInstance, token: string, desk: Desk, view: () => unknown, bodyLimit?: number): void {
  app.setErrorHandler(onError);
  tarParser(app, bodyLimit);
  staffGuard(app, token);
  app.get('/api/view', (_q, reply) => reply.send(view()));
  const streams = new Places(STREAM_LIMITS, 'live streams');
  app.get('/api/events', (request, reply) => events(desk, streams, request, reply));
  app.post('/api/upload', async (request, reply) => {
    if (!(request.body instanceof Buffer)) return reply.code(415).send(NOT_TAR);
    const name = String(request.headers['x-file-name'] ?? 'upload').slice(0, 200);
    return reply.send(await desk.submit('upload', name, request.body));
  });
}

/** The two faces of an office or of the Prefettura: the public one, and the staff's behind this launch's token. */
export abstract class Faces {
  readonly token = randomBytes(24).toString('hex');

  protected constructor(readonly publicApp: FastifyInstance, readonly staffApp: FastifyInstance) {}

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

export class OfficeServer extends Faces {
  private constructor(readonly office: Office, publicApp: FastifyInstance, staffApp: FastifyInstance) {
    super(publicApp, staffApp);
  }

  static async listen(office: Office, options: ServerOptions): Promise<OfficeServer> {
    const publicApp = Fastify({ bodyLimit: TURNOUT_LIMIT, forceCloseConnections: true });
    const staffApp = Fastify({ bodyLimit: TURNOUT_LIMIT, forceCloseConnections: true });
    const server = new OfficeServer(office, publicApp, staffApp);
    await server.#public(options);
    server.#staff(options);
    await publicApp.listen({ host: options.host, port: options.port });
    await staffApp.listen({ host: '127.0.0.1', port: options.staffPort });
    office.publicUrl = server.publicUrl;
    return server;
  }

  async #public(options: ServerOptions): Promise<void> {
    const app = this.publicApp;
    const office = this.office;
    app.setErrorHandler(onError);
    closedUntilElection(app, office);
    await publicRateLimit(app, options.rateLimit);
    tarParser(app);
    publicPage(app, office, () => office.results());
    app.get('/risultati.csv', async (_q, reply) => reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="risultati.csv"').send(resultsCsv(office.election, office.store)));
    app.get('/comune-tally.json', async (_q, reply) => reply.type('application/json').send(Buffer.from(office.comuneTally().bytes)));
    app.get('/sezioni/:file', (request, reply) => {
      const section = /^([A-Za-z0-9._-]{1,64})\.tar$/.exec((request.params as { file: string }).file)?.[1];
      const row = section === undefined ? undefined : office.store.acceptedFor(section);
      if (!row) return reply.code(404).send({ ok: false, problems: [problem('section-unknown', { section: section ?? '' })] });
      return reply.type('application/x-tar').send(Buffer.from(office.store.archive(row.id)!));
    });
    app.get('/comune-tally.json.sig', async (_q, reply) => reply.type('application/json').send(office.comuneTally().signature));
    // What the Prefettura imports: the signed comune tally with the exports it lists.
    app.get('/comune.tar', async (_q, reply) => reply.type('application/x-tar').header('content-disposition', `attachment; filename="comune-${office.election.comune.istat}.tar"`).send(Buffer.from(await comunePackage(office))));

    // The consoles' intake: a section's public export, and a checkpoint's turnout.
    // Each push's body is held in memory until judged: a few at a time, two per address, so a peer's slow
    // or many uploads cannot exhaust the office; a console answered 503 sends again later.
    const intake = new Places(INTAKE_LIMITS, 'pushes under way');
    const onRequest = async (request: FastifyRequest, reply: FastifyReply) => {
      const refusal = intake.take(request.ip, reply);
      if (refusal) return reply.code(503).header('retry-after', '5').send({ ok: false, problems: [refusal] });
    };
    app.post('/api/v1/sections', { onRequest }, async (request, reply) => {
      if (!(request.body instanceof Buffer)) return reply.code(415).send(NOT_TAR);
      const answer = await office.submit('push', request.ip, request.body);
      return reply.code(answer.ok ? 200 : 400).send(answer);
    });
    app.post('/api/v1/turnout', { schema: { body: TURNOUT_SCHEMA } }, async (request, reply) => {
      const body = request.body as Record<keyof typeof TURNOUT_SCHEMA.properties, string>;
      const answer = office.turnout({ turnout: fromBase64(body.turnout), turnoutSignature: fromBase64(body.turnoutSignature), setup: fromBase64(body.setup), setupSignature: fromBase64(body.setupSignature) });
      return reply.code(answer.ok ? 200 : 400).send(answer);
    });
  }

  #staff(options: ServerOptions): void {
    const app = this.staffApp;
    const office = this.office;
    staffDesk(app, this.token, office, () => (office.ready ? office.view() : office.preparingView()));

    if (options.preparation) preparationRoutes(app, options.preparation.preparation, options.preparation.enrolment);

    serveRenderer(app, options.rendererDir);
  }
}
