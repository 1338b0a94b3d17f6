// The ballot box's own guarantees, each checked where it is made: the settings a cast's durability
// rests on (docs/threat-model.md fact 3, R6), a ballots table with nothing but h, contest, ct and sig (R1), and
// a cast that fails between writing the ballots and consuming the token leaving nothing behind (R6).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeCrypto } from '@seggio/crypto/node';
import { BoothStore } from '../src/service/index.js';
import { ELECTION, FakeConsole, startBooth, until } from './fake-console.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

const fresh = () => join(mkdtempSync(join(tmpdir(), 'seggio-box-')), 'booth.db');

describe('the ballot box', () => {
  it('writes with synchronous=FULL in WAL mode, and secure_delete on, from a file and in memory', () => {
    for (const store of [BoothStore.open(fresh(), nodeCrypto), BoothStore.memory()]) {
      const { journalMode, synchronous, secureDelete } = store.settings();
      expect(synchronous).toBe(2);
      expect(secureDelete).toBe(1);
      if (store.path) expect(journalMode).toBe('wal');
      store.close();
    }
  });

  it('keeps ballots in a table of exactly h, contest, ct and sig, without a rowid', () => {
    const path = fresh();
    BoothStore.open(path, nodeCrypto).close();
    const db = new Database(path, { readonly: true });
    const columns = db.pragma('table_info(ballots)') as { name: string; type: string; pk: number }[];
    expect(columns.map((c) => [c.name, c.type, c.pk])).toEqual([
      ['h', 'TEXT', 1],
      ['contest', 'TEXT', 0],
      ['ct', 'BLOB', 0],
      ['sig', 'BLOB', 0],
    ]);
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'ballots'").get() as { sql: string }).sql;
    expect(sql).toMatch(/\) STRICT, WITHOUT ROWID$/);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = 'ballots'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('a cast that fails after its ballots are written and before its token is consumed leaves nothing behind', async () => {
    const path = fresh();
    const fake = await FakeConsole.start();
    cleanup.push(() => fake.close());
    const booth = startBooth(fake, path);
    cleanup.push(() => booth.stop());
    await fake.pair(booth);
    const { token, signature } = fake.token();
    fake.send({ type: 'enable', token, signature });
    await until(() => booth.getView().session?.id === token.session, 'the session');

    // A fault planted exactly there: the token's update fails, after the ballots went in.
    const other = new Database(path);
    other.exec(`CREATE TRIGGER planted BEFORE UPDATE OF outcome ON tokens WHEN NEW.session = '${token.session}' BEGIN SELECT RAISE(ABORT, 'planted fault'); END`);
    other.close();
    const sent = fake.received.length;
    const selections = Object.fromEntries(ELECTION.scrutinyOrder.map((c) => [c, { blank: true as const }]));
    expect(() => booth.castBallots({ session: token.session, selections })).toThrow(/planted fault/);

    expect(booth.ballots()).toEqual([]);
    expect(booth.store.tokens().map((t) => [t.session, t.outcome])).toEqual([[token.session, 'open']]);
    expect(booth.store.log().filter((e) => e.event === 'session-cast')).toEqual([]);
    expect(booth.store.outboxAfter(0).filter((e) => e.frame.includes('"type":"cast"'))).toEqual([]);
    expect(fake.received.slice(sent).map((b) => b.type)).not.toContain('cast');
    expect(booth.getView()).toMatchObject({ state: 'in-session', session: { id: token.session } });
  });

  it('stops once: a second stop (a shell and a test both stopping it) does nothing', async () => {
    const fake = await FakeConsole.start();
    cleanup.push(() => fake.close());
    const booth = startBooth(fake, fresh());
    booth.stop();
    expect(() => booth.stop()).not.toThrow();
  });
});
