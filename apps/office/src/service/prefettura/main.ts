#!/usr/bin/env node
// seggio-prefettura --config FILE --store FILE [--host H] [--port P] [--staff-port P] [--import DIR] [--rate-limit N]
// The office in its Prefettura mode (docs/design.md §7): prints one JSON line with its public and staff
// addresses, then logs in English, as seggio-office does.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { nodeCrypto } from '@seggio/crypto/node';
import { ImportFolder } from '../folder.js';
import { PACKAGE_LIMITS } from './package.js';
import { Prefettura } from './prefettura.js';
import { PrefetturaServer } from './server.js';

const USAGE = 'usage: seggio-prefettura --config FILE --store FILE [--host H] [--port P] [--staff-port P] [--import DIR] [--rate-limit N]';

function fail(message: string): never {
  process.stderr.write(`seggio-prefettura: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    store: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    'staff-port': { type: 'string', default: '0' },
    import: { type: 'string' },
    'rate-limit': { type: 'string', default: '600' },
  },
});
if (!values.config || !values.store) fail('--config and --store are required');
const port = (text: string, what: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`${what} must be a port from 0 to 65535`);
  return n;
};
const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
let prefettura: Prefettura;
try {
  prefettura = await Prefettura.start(nodeCrypto, { storePath: values.store, configBytes: readFileSync(values.config), configFile: values.config, log });
} catch (error) {
  fail((error as Error).message);
}
const server = await PrefetturaServer.listen(prefettura, {
  host: values.host, port: port(values.port, '--port'), staffPort: port(values['staff-port'], '--staff-port'),
  rendererDir: fileURLToPath(new URL('../../../renderer', import.meta.url)), rateLimit: Number(values['rate-limit']),
});
const folder = values.import ? new ImportFolder(prefettura, values.import, log, PACKAGE_LIMITS.bytes) : null;
folder?.start();
process.stdout.write(`${JSON.stringify({ public: server.publicUrl, staff: server.staffUrl, store: values.store, import: values.import ?? null })}\n`);

const stop = async () => {
  await folder?.stop();
  await server.close();
  await prefettura.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
