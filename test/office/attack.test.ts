// The office's HTTP faces under attack from the LAN: what a peer sends must not grow the store past
// what the day needs, nor hold the office's connections, nor reach the staff's side without its token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeCrypto } from '@seggio/crypto/node';
import { Office, OfficeServer, packArchive } from '@seggio/office';
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
});
