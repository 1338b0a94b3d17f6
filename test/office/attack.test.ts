// The office's HTTP faces under attack from the LAN: what a peer sends must not grow the store past
// what the day needs, nor hold the office's connections, nor reach the staff's side without its token.
import { mkdtempSync, rmSync } from 'node:fs';
import { get, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeCrypto } from '@seggio/crypto/node';
import { INTAKE_LIMITS, Office, OfficeServer, packArchive, STREAM_LIMITS } from '@seggio/office';
import tar from 'tar-stream';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { officeElection } from './sections.js';

const dir = mkdtempSync(join(tmpdir(), 'seggio-office-attack-'));
const electionBytes = officeElection({ sections: ['1', '2'] });
const officeKey = nodeCrypto.generateSigningKeyPair();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the office attacked from the LAN', () => {
  let office: Office;
  let server: OfficeServer;
  beforeEach(async () => {
    office = await Office.start(nodeCrypto, { storePath: null, electionBytes, key: officeKey });
    server = await OfficeServer.listen(office, { host: '127.0.0.1', port: 0, staffPort: 0, rendererDir: join(dir, 'no-renderer') });
  });
  afterEach(async () => {
    await server.close();
    await office.close();
  });

  it('answers no staff request without the token, however its path is spelled', async () => {
    const base = server.staffUrl.split('?')[0]!;
    for (const path of ['api/view', '%61pi/view', 'API/view', 'api/view/', './api/view', 'api//view', '%2Fapi/view']) {
      const res = await fetch(`${base}${path}`);
      expect([401, 404], path).toContain(res.status);
    }
  });

  it('keeps no bytes of what it refuses, so pushes of junk from the LAN do not fill its store', async () => {
    const url = new URL('api/v1/sections', server.publicUrl);
    const junk = (i: number) => new Uint8Array(4 * 1024 * 1024).fill(i + 1);
    const tarred = (i: number) => packArchive(new Map([['tally.json', junk(i)]]));
    const bodies = [junk(0), junk(1), await tarred(2), await tarred(3)];
    for (const body of bodies) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-tar' }, body: Buffer.from(body) });
      expect(await res.json()).toMatchObject({ ok: true, submission: { state: 'refused' } });
    }
    const refused = office.store.submissions();
    expect(refused).toHaveLength(bodies.length);
    expect(refused.map((r) => office.store.archive(r.id)!.length)).toEqual(bodies.map(() => 0));
    // The same bytes again get the first answer, not a new row.
    const again = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-tar' }, body: Buffer.from(bodies[0]!) });
    expect(await again.json()).toMatchObject({ ok: true, submission: { id: refused.at(-1)!.id, state: 'refused' } });
    expect(office.store.submissions()).toHaveLength(bodies.length);
  });

  it('holds a bounded number of live streams from one address, and gives each place back when its stream closes', async () => {
    const open = () =>
      new Promise<{ status: number; close: () => void }>((resolve, reject) => {
        const request = get(new URL('events', server.publicUrl), (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, close: () => request.destroy() });
        });
        request.on('error', reject);
      });
    const held = [];
    for (let i = 0; i < STREAM_LIMITS.perAddress; i++) held.push(await open());
    expect(held.map((s) => s.status)).toEqual(held.map(() => 200));
    const over = await open();
    expect(over.status).toBe(429);
    over.close();
    held.pop()!.close();
    await expect.poll(() => office.listenerCount('change')).toBe(STREAM_LIMITS.perAddress - 1);
    const again = await open();
    expect(again.status).toBe(200);
    for (const s of [...held, again]) s.close();
    await expect.poll(() => office.listenerCount('change')).toBe(0);
  });

  it('reads a few pushes at a time from an address: one more is answered 503 while they are under way, then taken', async () => {
    const url = new URL('api/v1/sections', server.publicUrl);
    // Each slow push's body is announced whole, sent in part, and held there.
    const slow = Array.from({ length: INTAKE_LIMITS.perAddress }, () => {
      const r = request(url, { method: 'POST', headers: { 'content-type': 'application/x-tar', 'content-length': String(8 * 1024 * 1024) } });
      r.on('error', () => {});
      r.write(new Uint8Array(64 * 1024));
      return r;
    });
    await expect.poll(async () => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-tar' }, body: new Uint8Array(512).fill(7) })).status).toBe(503);
    const before = office.store.submissions().length;
    const busy = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-tar' }, body: new Uint8Array(512).fill(8) });
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(await busy.json()).toMatchObject({ ok: false, problems: [{ code: 'body-invalid', params: { reason: `more than ${INTAKE_LIMITS.perAddress} pushes under way from one address` } }] });
    expect(office.store.submissions()).toHaveLength(before);
    for (const r of slow) r.destroy();
    await expect.poll(async () => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-tar' }, body: new Uint8Array(512).fill(9) })).status).toBe(200);
    expect(office.store.submissions()).toHaveLength(before + 1);
  });
});

describe('an archive whose names collide when written out', () => {
  it.each([
    [['tally.json', 'tally.json/x']],
    [['booths/B1.json/x', 'booths/B1.json']],
    [['./', 'tally.json']],
  ])('is refused with the entry named, and the office still starts: %j', async (names) => {
    const store = join(dir, `collide-${names.join('+').replace(/[^a-z0-9]/gi, '_')}.db`);
    const start = () => Office.start(nodeCrypto, { storePath: store, electionBytes, key: officeKey });
    const office = await start();
    const pack = tar.pack();
    for (const name of names) pack.entry({ name, size: 1 }, Buffer.from('x'));
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack) chunks.push(c);
    const answer = await office.submit('push', '192.0.2.1', Buffer.concat(chunks));
    expect(answer.ok && answer.submission.state).toBe('refused');
    expect(answer.ok && answer.submission.problems.map((p) => p.code)).toEqual([names[0] === './' ? 'archive-entry-path' : 'archive-entry-twice']);
    await office.close();
    const again = await start();
    expect(again.store.submissions().map((r) => r.state)).toEqual(['refused']);
    await again.close();
  });
});
