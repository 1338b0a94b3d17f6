// seggio-office with no --election (README, docs/design.md §7): a new store prepares the day, the import
// folder waits for the election (a file dropped there before is read once there is one, not refused and
// forgotten), and an office started again on that store with another key is refused, naming the store.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { toBase64, type SigningKeyPair } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { REPO_ROOT } from '../support/index.js';

const MAIN = join(REPO_ROOT, 'apps', 'office', 'dist', 'src', 'service', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'seggio-office-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keyFile(name: string, key: SigningKeyPair): string {
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify({ format: 'seggio/office-key@1', publicKey: toBase64(key.publicKey), secretKey: toBase64(key.secretKey) })}\n`, { mode: 0o600 });
  return path;
}

/** Runs the office until it prints where it is, or until it exits (bounded: 20 s). */
function run(key: string) {
  const child = spawn(process.execPath, [MAIN, '--key', key, '--store', join(dir, 'office.db'), '--import', join(dir, 'importa'), '--drive', join(dir, 'chiavetta')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const started = new Promise<{ staff: string } | { exit: number | null; err: string }>((resolve) => {
    const timer = setTimeout(() => resolve({ exit: null, err: `no address within 20 s: ${err}` }), 20_000);
    child.stdout.once('data', (chunk: Buffer) => (clearTimeout(timer), resolve(JSON.parse(chunk.toString('utf8').split('\n')[0]!) as { staff: string })));
    void exited.then((exit) => (clearTimeout(timer), resolve({ exit, err })));
  });
  return { child, started, exited };
}

it('prepares the day, reads the import folder once its staff signed the package, and refuses its store to another key', async () => {
  const key = keyFile('office.key', nodeCrypto.generateSigningKeyPair());
  mkdirSync(join(dir, 'importa'));
  // Dropped before there is an election: not a section's export, but the office must read it, once it can.
  writeFileSync(join(dir, 'importa', 'sezione-1.tar'), new Uint8Array(1024));
  const office = run(key);
  const started = await office.started;
  if (!('staff' in started)) throw new Error(JSON.stringify(started));
  const url = new URL(started.staff);
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
    (await (await fetch(`${url.origin}/${path}`, { method, headers: { 'x-seggio-token': url.searchParams.get('token')!, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined })).json()) as T;
  try {
    expect(await call('GET', 'api/view')).toMatchObject({ preparing: true });
    const demo = join(REPO_ROOT, 'demo', 'sanvalle-demo');
    await call('POST', 'api/package/build', { files: readdirSync(demo).map((name) => ({ name, data: readFileSync(join(demo, name)).toString('base64') })) });
    expect(await call('POST', 'api/package/sign')).toMatchObject({ ok: true });
    let view = await call<{ submissions?: { origin: string; state: string }[] }>('GET', 'api/view');
    for (let i = 0; i < 100 && view.submissions?.length !== 1; i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = await call('GET', 'api/view');
    }
    expect(view.submissions).toMatchObject([{ origin: 'sezione-1.tar', state: 'refused' }]);
  } finally {
    office.child.kill('SIGTERM');
    await office.exited;
  }

  const other = run(keyFile('other.key', nodeCrypto.generateSigningKeyPair()));
  const refused = await other.started;
  expect('exit' in refused && refused.exit).toBe(2);
  expect('err' in refused && refused.err).toMatch(new RegExp(`${join(dir, 'office.db')}: the store's election [0-9a-f]{64} is not signed by this office's key`));
}, 60_000);
