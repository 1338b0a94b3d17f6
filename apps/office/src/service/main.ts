#!/usr/bin/env node
// seggio-office --key OFFICE.key --store FILE [--election FILE] [--host H] [--port P] [--staff-port P]
//               [--import DIR] [--rate-limit N] [--with-parent] [--drive DIR] [--register DIR]
// Runs the electoral office: prints one JSON line with its public and staff addresses, then logs in English.
// Without --election it takes the election its store holds, or, with none there, prepares the day: intake,
// turnout and results stay closed until its staff sign a package, which becomes its election.
// --with-parent: stop when standard input closes, that is when the process that started it is gone, even
// killed outright (npm start on a power cut), so that it does not hold the office's port for the next start.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSidecar, verifySidecar } from '@seggio/ballot-core';
import { readOfficeKey } from '@seggio/cli/library';
import { nodeCrypto } from '@seggio/crypto/node';
import { ImportFolder } from './folder.js';
import { Office } from './office.js';
import { dayPreparation } from './preparation.js';
import { OfficeServer } from './server.js';

const USAGE = 'usage: seggio-office --key OFFICE.key --store FILE [--election FILE] [--host H] [--port P] [--staff-port P] [--import DIR] [--rate-limit N] [--with-parent] [--drive DIR] [--register DIR]';

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
if (!values.key || !values.store) fail('--key and --store are required');
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
let electionBytes: Uint8Array | null = null;
let electionSignature: Uint8Array | null = null;
if (values.election) {
  electionBytes = readFileSync(values.election);
  electionSignature = readFileSync(`${values.election}.sig`);
  const sidecar = parseSidecar(electionSignature);
  if (!sidecar.ok || !verifySidecar(nodeCrypto, electionBytes, sidecar.value, key.publicKey).ok) fail(`${values.election}.sig: the election package is not signed by this office's key`);
}

const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
let office: Office;
try {
  office = await Office.start(nodeCrypto, { storePath: values.store, electionBytes, electionSignature, key, log });
} catch (error) {
  fail(`${values.store}: ${(error as Error).message}`);
}
const server = await OfficeServer.listen(office, {
  host: values.host, port: port(values.port, '--port'), staffPort: port(values['staff-port'], '--staff-port'),
  rendererDir: fileURLToPath(new URL('../../renderer', import.meta.url)), rateLimit: Number(values['rate-limit']),
  preparation: dayPreparation(office, { drive: values.drive ?? null, register: values.register ?? `${values.store}.macchine`, log }),
});
// The import folder is read once the office has its election: a file dropped there before waits for it.
const folder = values.import ? new ImportFolder(office, values.import, log) : null;
if (office.ready) folder?.start();
else {
  log('office: no election yet; preparing the day until its staff sign the package');
  office.once('ready', () => folder?.start());
}
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
