// The console's push to the office the package names: what it recorded while the office could not be
// reached stays queued, and reaches the office once it is there; the office's answer is kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('Invia al Comune', () => {
  it('queues turnout and the public export while the office is away, and sends them when it is back', async () => {
    const port = await freePort();
    const officeKey = nodeCrypto.generateSigningKeyPair();
    const electionBytes = officeElection({ sections: ['1'], url: `http://127.0.0.1:${port}/` });
    const { day } = await simulateSection(dir, { electionBytes, section: '1', officeKey, voters: 12, seed: 5, keep: true });
    const recorded = day.console.store.turnout().length;
    expect(recorded).toBeGreaterThan(0);
    expect(day.console.office.bundleAnswer).toBeNull();

    const office = await Office.start(nodeCrypto, { storePath: join(dir, 'office.db'), electionBytes, key: officeKey });
    const server = await OfficeServer.listen(office, { host: '127.0.0.1', port, staffPort: 0, rendererDir: join(dir, 'none') });
    try {
      day.console.office.send();
      await until(() => office.store.acceptedFor('1'));
      await until(() => office.store.turnout().length === recorded);
      expect(office.store.turnout().map((t) => t.state)).toEqual(Array<string>(recorded).fill('accepted'));
      await until(() => day.console.office.bundleAnswer);
      expect(JSON.parse(day.console.office.bundleAnswer!)).toMatchObject({ ok: true, submission: { state: 'accepted', section: '1', problems: [] } });
      // Sent once: asking again sends nothing new.
      day.console.office.send();
      expect(office.store.submissions()).toHaveLength(1);
    } finally {
      await endDay(day);
      await server.close();
      await office.close();
    }
  });
});
