#!/usr/bin/env node
// seggio-office --election FILE --key OFFICE.key --store FILE [--host H] [--port P] [--staff-port P]
//               [--import DIR] [--rate-limit N] [--with-parent] [--drive DIR] [--register DIR]
// Runs the electoral office: prints one JSON line with its public and staff addresses, then logs in English.
// --with-parent: stop when standard input closes, that is when the process that started it is gone, even
// killed outright (npm start on a power cut), so that it does not hold the office's port for the next start.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSidecar, verifySidecar } from '@seggio/ballot-core';
import { readOfficeKey } from '@seggio/cli/library';
import { nodeCrypto } from '@seggio/crypto/node';
import { ImportFolder } from './folder.js';
import { Enrolment } from './enrolment.js';
import { Office } from './office.js';
import { Preparation } from './preparation.js';
import { OfficeServer } from './server.js';

const USAGE = 'usage: seggio-office --election FILE --key OFFICE.key --store FILE [--host H] [--port P] [--staff-port P] [--import DIR] [--rate-limit N] [--with-parent] [--drive DIR] [--register DIR]';

function fail(message: string): never {
  process.stderr.write(`seggio-office: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    election: { type: 'string' },
    key: { type: 'string' },
    store: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    'staff-port': { type: 'string', default: '0' },
    import: { type: 'string' },
    'rate-limit': { type: 'string', default: '600' },
    'with-parent': { type: 'boolean', default: false },
    // The removable drive the package and the certificates are written to, the machines' requests read from.
    drive: { type: 'string' },
    // The certificates this office signed (default: beside the store).
    register: { type: 'string' },
  },
});
if (!values.election || !values.key || !values.store) fail('--election, --key and --store are required');
const port = (text: string, what: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`${what} must be a port from 0 to 65535`);
  return n;
};
let key;
try {
  key = readOfficeKey(nodeCrypto, values.key);
} catch (error) {
  fail((error as Error).message);
}
const electionBytes = readFileSync(values.election);
const sidecar = parseSidecar(readFileSync(`${values.election}.sig`));
if (!sidecar.ok || !verifySidecar(nodeCrypto, electionBytes, sidecar.value, key.publicKey).ok) fail(`${values.election}.sig: the election package is not signed by this office's key`);

const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
const office = await Office.start(nodeCrypto, { storePath: values.store, electionBytes, key, log });
const server = await OfficeServer.listen(office, {
  host: values.host, port: port(values.port, '--port'), staffPort: port(values['staff-port'], '--staff-port'),
  rendererDir: fileURLToPath(new URL('../../renderer', import.meta.url)), rateLimit: Number(values['rate-limit']),
  preparation: {
    preparation: new Preparation(nodeCrypto, key, values.drive ?? null, log),
    enrolment: new Enrolment(nodeCrypto, key, office.election.comune.istat, values.drive ?? null, values.register ?? `${values.store}.macchine`, log),
  },
});
const folder = values.import ? new ImportFolder(office, values.import, log) : null;
folder?.start();
process.stdout.write(`${JSON.stringify({ public: server.publicUrl, staff: server.staffUrl, store: values.store, import: values.import ?? null })}\n`);

const stop = async () => {
  await folder?.stop();
  await server.close();
  await office.close();
  process.exit(0);
};
if (values['with-parent']) {
  process.stdin.on('data', () => undefined);
  process.stdin.on('end', () => {
    log('office: standard input closed, the process that started the office is gone: stopping');
    void stop();
  });
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
