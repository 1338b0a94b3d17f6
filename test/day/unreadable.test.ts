// A ballot in the console's store that cannot be read stops the count with the code of why, never
// English: one that does not open with the urna key, one that opens to a plaintext of another length.
// The console's page words each code in Italian, German and English (renderer/i18n.test.ts).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { until } from '../support/index.js';
import { castBlank, enable, openStation, type Station } from './station.js';

let station: Station;
afterEach(async () => station.end());

describe('a ballot the count cannot read', () => {
  it('stops the count with ballot-unreadable and the code of its problem', async () => {
    station = await openStation(['B1']);
    for (let i = 0; i < 2; i++) await castBlank(station, 'B1', await enable(station, 'B1'));
    expect(station.seat.closeVoting().ok).toBe(true);
    await until(() => station.seat.phase === 'closed');
    // Two ballots' ciphertexts changed in the console's store, as a damaged disk or a tamperer would.
    const urna = fromBase64(station.seat.setupDocument()!.urnaPublicKey);
    const db = new Database(join(station.dir, 'console.db'));
    const rows = db.prepare('SELECT h, ct FROM ballots ORDER BY h').all() as { h: string; ct: string }[];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const length = fromBase64(rows[0]!.ct).length - 48;
    const update = db.prepare('UPDATE ballots SET ct = ? WHERE h = ?');
    update.run(toBase64(nodeCrypto.seal(new Uint8Array(length), nodeCrypto.generateBoxKeyPair().publicKey)), rows[0]!.h);
    update.run(toBase64(nodeCrypto.seal(new Uint8Array(length + 1).fill(0x20), urna)), rows[1]!.h);
    db.close();
    const counted = await station.seat.count({ shares: station.shares.slice(0, 3) });
    expect(counted.ok).toBe(false);
    const problems = counted.ok ? [] : counted.error;
    expect(problems.map((p) => [p.code, p.params.booth, p.params.problem])).toEqual([
      ['ballot-unreadable', 'B1', 'not-opened'],
      ['ballot-unreadable', 'B1', 'length'],
    ]);
  });
});
