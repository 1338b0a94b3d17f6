// The staff interface's routes for preparing the day: the package (build, preview, sign, write the drive)
// and the machines (requests, enrolment). Behind the staff face's token like every staff route.
import type { FastifyInstance } from 'fastify';
import { FOLDER_LIMITS } from '@seggio/cli/library';
import { fromBase64 } from '@seggio/crypto';
import type { Enrolment } from './enrolment.js';
import type { Preparation } from './preparation.js';

/** The folder travels as base64 in JSON: a third larger than its bytes, with room for the names. */
const FOLDER_BODY_LIMIT = Math.ceil((FOLDER_LIMITS.totalBytes * 4) / 3) + FOLDER_LIMITS.files * 512;
const BUILD_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['files'],
  properties: {
    files: {
      type: 'array',
      maxItems: FOLDER_LIMITS.files,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'data'],
        properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, data: { type: 'string', maxLength: Math.ceil((FOLDER_LIMITS.csvBytes * 4) / 3) + 4, pattern: '^[A-Za-z0-9+/]*={0,2}$' } },
      },
    },
  },
} as const;
const ENROL_SCHEMA = { type: 'object', additionalProperties: false, required: ['file', 'confirm'], properties: { file: { type: 'string', minLength: 1, maxLength: 200 }, confirm: { type: 'string', maxLength: 16 } } } as const;

export function preparationRoutes(app: FastifyInstance, preparation: Preparation, enrolment: Enrolment): void {
  app.get('/api/package', (_q, reply) => reply.send(preparation.view()));
  app.post('/api/package/build', { bodyLimit: FOLDER_BODY_LIMIT, schema: { body: BUILD_SCHEMA } }, (request, reply) => {
    const { files } = request.body as { files: { name: string; data: string }[] };
    const answer = preparation.build(files.map((f) => ({ name: f.name, bytes: fromBase64(f.data) })));
    // A folder that builds, refused because the office's package is final, conflicts with the store; others are bad input.
    return reply.code(answer.ok ? 200 : answer.problems.some((p) => p.code === 'office-other-election') ? 409 : 400).send(answer);
  });
  // The preview's source: exactly the bytes that will be signed.
  app.get('/api/package/election.json', (_q, reply) => {
    const bytes = preparation.electionBytes;
    if (!bytes) return reply.code(404).send({ ok: false, problems: [{ code: 'nothing-built', params: {} }] });
    return reply.type('application/json').header('cache-control', 'no-store').send(Buffer.from(bytes));
  });
  app.post('/api/package/sign', async (_q, reply) => {
    const answer = await preparation.sign();
    return reply.code(answer.ok ? 200 : 409).send(answer);
  });
  app.post('/api/package/drive', (_q, reply) => {
    const answer = preparation.writeDrive();
    return reply.code(answer.ok ? 200 : 409).send(answer);
  });
  app.get('/api/machines', (_q, reply) => reply.send(enrolment.view()));
  app.post('/api/machines/enrol', { schema: { body: ENROL_SCHEMA } }, (request, reply) => {
    const { file, confirm } = request.body as { file: string; confirm: string };
    const answer = enrolment.enrol(file, confirm);
    return reply.code(answer.ok ? 200 : 409).send(answer);
  });
}
