// The console's push to the office the package names: what it recorded while the office could not be
// reached stays queued, and reaches the office once it is there; the office's answer is kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OFFICE_ANSWER_WORDS, officeAnswerText } from '@seggio/ballot-core';
import { nodeCrypto } from '@seggio/crypto/node';
import { Office, OfficeServer } from '@seggio/office';
import { afterAll, describe, expect, it } from 'vitest';
import { endDay } from '../simulate/day.js';
import { until } from '../support/index.js';
import { officeElection, simulateSection } from './sections.js';

const dir = mkdtempSync(join(tmpdir(), 'seggio-office-push-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('Inviare al Comune', () => {
  it('queues turnout and the public export while the office is away, and sends them when it is back', async () => {
    const port = await freePort();
    const officeKey = nodeCrypto.generateSigningKeyPair();
    const electionBytes = officeElection({ sections: ['1'], url: `http://127.0.0.1:${port}/` });
    const { day } = await simulateSection(dir, { electionBytes, section: '1', officeKey, voters: 12, seed: 5, keep: true });
    const recorded = day.console.store.turnout().length;
    expect(recorded).toBeGreaterThan(0);
    expect(day.console.office.bundleAnswer).toBeNull();
    // The president sees it queued: why the office was not reached, and when it is tried again.
    await until(() => day.console.getView().officePush?.state === 'queued');
    const queued = day.console.getView().officePush as { reason: string; retryAt: string };
    expect(queued.reason).toBe('ECONNREFUSED');
    expect(Date.parse(queued.retryAt)).toBeGreaterThan(Date.now() - 60_000);

    const office = await Office.start(nodeCrypto, { storePath: join(dir, 'office.db'), electionBytes, key: officeKey });
    const server = await OfficeServer.listen(office, { host: '127.0.0.1', port, staffPort: 0, rendererDir: join(dir, 'none') });
    try {
      // "Inviare al Comune": sent now, not at the next try.
      expect(day.console.retryOfficePush()).toEqual({ ok: true, value: undefined });
      await until(() => office.store.acceptedFor('1'));
      await until(() => office.store.turnout().length === recorded);
      expect(office.store.turnout().map((t) => t.state)).toEqual(Array<string>(recorded).fill('accepted'));
      await until(() => day.console.office.bundleAnswer);
      expect(JSON.parse(day.console.office.bundleAnswer!)).toMatchObject({ ok: true, submission: { state: 'accepted', section: '1', problems: [] } });
      // Accepted, with the time the office received it.
      const receivedAt = office.store.submissions()[0]!.receivedAt;
      await until(() => day.console.getView().officePush?.state === 'accepted');
      expect(day.console.getView().officePush).toEqual({ state: 'accepted', at: receivedAt, problems: [] });
      // Sent once: asking again sends nothing new, and the button says why.
      day.console.office.send();
      expect(day.console.retryOfficePush()).toEqual({ ok: false, error: { code: 'office-nothing-to-send', params: {} } });
      expect(office.store.submissions()).toHaveLength(1);
    } finally {
      await endDay(day);
      await server.close();
      await office.close();
    }
  });

  it("shows the office's refusal with its reasons, and sends again when the president asks", async () => {
    const port = await freePort();
    const officeKey = nodeCrypto.generateSigningKeyPair();
    const electionBytes = officeElection({ sections: ['1'], url: `http://127.0.0.1:${port}/` });
    // An office for another election: it refuses this section's export, saying why.
    const other = officeElection({ sections: ['1'], url: `http://127.0.0.1:${port}/`, id: 'ALTRA-ELEZIONE' });
    const wrong = await Office.start(nodeCrypto, { storePath: join(dir, 'other.db'), electionBytes: other, key: officeKey });
    const wrongServer = await OfficeServer.listen(wrong, { host: '127.0.0.1', port, staffPort: 0, rendererDir: join(dir, 'none') });
    const { day } = await simulateSection(dir, { electionBytes, section: '1', officeKey, voters: 6, seed: 7, keep: true });
    let office: Office | null = null;
    let server: OfficeServer | null = null;
    try {
      await until(() => day.console.getView().officePush?.state === 'refused');
      const refused = day.console.getView().officePush as { at: string | null; problems: readonly { code: string; params: Record<string, string> }[] };
      expect(refused.problems.length, JSON.stringify(refused)).toBeGreaterThan(0);
      // Each reason the real office gives is one the president reads in words.
      for (const p of refused.problems) expect(officeAnswerText((key, params = {}) => OFFICE_ANSWER_WORDS.it[key].replace(/\{(\w+)\}/g, (_, n: string) => params[n] ?? '<missing>'), p), p.code).toMatch(/^[^{}<>]+$/);
      expect(refused.problems.map((p) => p.code)).toContain('other-election');
      expect(refused.at).toBe(wrong.store.submissions()[0]!.receivedAt);
      // The office put right (its own election at the same address): the president sends the export again.
      await wrongServer.close();
      await wrong.close();
      office = await Office.start(nodeCrypto, { storePath: join(dir, 'right.db'), electionBytes, key: officeKey });
      server = await OfficeServer.listen(office, { host: '127.0.0.1', port, staffPort: 0, rendererDir: join(dir, 'none') });
      expect(office.store.submissions()).toHaveLength(0);
      expect(day.console.retryOfficePush()).toEqual({ ok: true, value: undefined });
      await until(() => day.console.getView().officePush?.state === 'accepted');
      expect(office.store.acceptedFor('1')).toBeTruthy();
      // Its turnout was answered by the other office, so this one counts the result with a note, which the president reads.
      expect(day.console.getView().officePush).toMatchObject({ state: 'accepted', problems: [{ code: 'no-turnout-reported', params: { section: '1' } }] });
    } finally {
      await endDay(day);
      await server?.close();
      await office?.close();
    }
  });

  it("keeps the export queued while the office is still preparing the day, with the office's reason", async () => {
    const port = await freePort();
    const officeKey = nodeCrypto.generateSigningKeyPair();
    const electionBytes = officeElection({ sections: ['1'], url: `http://127.0.0.1:${port}/` });
    // An office started with no election yet: it answers 503, saying why.
    const preparing = await Office.start(nodeCrypto, { storePath: join(dir, 'preparing.db'), key: officeKey });
    const server = await OfficeServer.listen(preparing, { host: '127.0.0.1', port, staffPort: 0, rendererDir: join(dir, 'none') });
    const { day } = await simulateSection(dir, { electionBytes, section: '1', officeKey, voters: 4, seed: 3, keep: true });
    try {
      await until(() => day.console.getView().officePush?.state === 'queued');
      expect(day.console.getView().officePush).toMatchObject({ state: 'queued', reason: 'HTTP 503', problems: [{ code: 'no-election', params: {} }] });
      expect(day.console.office.bundleAnswer).toBeNull();
    } finally {
      await endDay(day);
      await server.close();
      await preparing.close();
    }
  });

  it('sends the public export only once the office has answered every turnout, so that it never overtakes one', async () => {
    // An office stand-in that answers the section's export at once, but not its turnout (HTTP 503, "come
    // back later") until told to: the export must wait for the turnout, else it is counted unmatched.
    let turnoutAnswered = false;
    const seen: { path: string; turnoutsAnsweredBefore: number }[] = [];
    let answeredTurnouts = 0;
    const stand = createHttpServer((request, response) => {
      request.resume();
      request.on('end', () => {
        seen.push({ path: request.url ?? '', turnoutsAnsweredBefore: answeredTurnouts });
        if (request.url === '/api/v1/turnout' && !turnoutAnswered) return void response.writeHead(503).end();
        if (request.url === '/api/v1/turnout') answeredTurnouts++;
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, state: 'accepted', problems: [] }));
      });
    });
    await new Promise<void>((resolve) => stand.listen(0, '127.0.0.1', resolve));
    const { port } = stand.address() as { port: number };
    const officeKey = nodeCrypto.generateSigningKeyPair();
    const electionBytes = officeElection({ sections: ['1'], url: `http://127.0.0.1:${port}/` });
    const { day } = await simulateSection(dir, { electionBytes, section: '1', officeKey, voters: 6, seed: 9, keep: true });
    try {
      const recorded = day.console.store.turnout().length;
      expect(recorded).toBeGreaterThan(0);
      await until(() => day.console.getView().officePush?.state === 'queued');
      expect((day.console.getView().officePush as { reason: string }).reason).toBe('HTTP 503');
      expect(seen.some((r) => r.path === '/api/v1/turnout')).toBe(true);
      // The turnout had no answer: the export was not sent.
      expect(seen.filter((r) => r.path === '/api/v1/sections')).toEqual([]);

      turnoutAnswered = true;
      expect(day.console.retryOfficePush()).toEqual({ ok: true, value: undefined });
      await until(() => seen.some((r) => r.path === '/api/v1/sections'));
      // Sent once, after every recorded turnout had its answer.
      expect(seen.filter((r) => r.path === '/api/v1/sections')).toEqual([{ path: '/api/v1/sections', turnoutsAnsweredBefore: recorded }]);
    } finally {
      await endDay(day);
      await new Promise((resolve) => stand.close(resolve));
    }
  });
});
