// The booth store's versions (src/service/migrations.ts): schema.sql is what the migrations make; each
// migration is tested on its own; a store written by the booth of main at 4bb59ef (fixtures/booth-store-4bb59ef)
// opens with its votes, sessions and log, and a booth started on it resumes the voter's session; a
// store of a newer booth, or whose phase disagrees with its tokens, pairing or zero report, is refused.
import { chmodSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { decodeBallotPlaintext, parseElection, type BoothSeal, type Election, type LogEntry } from '@seggio/ballot-core';
import { fromBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { BoothService, BoothStore, MIGRATIONS, SCHEMA_VERSION, StoreError } from '../src/service/index.js';
import { FakeConsole, until } from './fake-console.js';

const FIXTURE = new URL('../../../fixtures/booth-store-4bb59ef/', import.meta.url);
const ELECTION = (parseElection(readFileSync(new URL('../../../fixtures/referendum-2020.election.json', import.meta.url))) as { ok: true; value: Election }).value;
interface Day {
  office: { publicKey: string; secretKey: string };
  console: { publicKey: string; secretKey: string };
  urna: { publicKey: string; secretKey: string };
  consoleCounter: number;
  sessions: { session: string; outcome: 'cast' | 'cancelled' | 'open' }[];
  votes: Record<string, unknown>[];
}
const DAY = JSON.parse(readFileSync(new URL('day.json', FIXTURE), 'utf8')) as Day;
const keys = (k: { publicKey: string; secretKey: string }) => ({ publicKey: fromBase64(k.publicKey), secretKey: fromBase64(k.secretKey) });

/** A copy of the fixture's folder, its machine key at mode 0600 as the booth requires. */
function fixtureCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seggio-4bb59ef-'));
  cpSync(FIXTURE, dir, { recursive: true });
  chmodSync(join(dir, 'booth.key'), 0o600);
  return dir;
}

/** Each table's CREATE statement, without comments and with its spacing made one. */
function schemaOf(db: Database.Database): string[] {
  const rows = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { sql: string }[];
  return rows.map((r) => r.sql.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')'));
}

function schemaSqlFile(): string[] {
  const db = new Database(':memory:');
  db.exec(readFileSync(new URL('../src/service/schema.sql', import.meta.url), 'utf8'));
  const schema = schemaOf(db);
  db.close();
  return schema;
}

/** A store taken to `version` and no further. */
function storeAt(version: number): Database.Database {
  const db = new Database(':memory:');
  for (const m of MIGRATIONS.slice(0, version)) m.up(db);
  db.pragma(`user_version = ${version}`);
  return db;
}

describe('the schema', () => {
  it('is numbered 1, 2, … and what the migrations make is schema.sql, from nothing and from a store of 4bb59ef', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const made = storeAt(SCHEMA_VERSION);
    expect(schemaOf(made)).toEqual(schemaSqlFile());
    const path = join(fixtureCopy(), 'booth.db');
    BoothStore.open(path, nodeCrypto).close();
    const migrated = new Database(path, { readonly: true });
    expect(schemaOf(migrated)).toEqual(schemaSqlFile());
    expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    // Every table STRICT.
    const tables = (migrated.pragma('table_list') as { name: string; schema: string; strict: number }[]).filter((t) => t.schema === 'main' && !t.name.startsWith('sqlite_'));
    expect(tables.map((t) => [t.name, t.strict]).sort()).toEqual(['ballots', 'link_counters', 'log', 'outbox', 'pairing', 'phase', 'tokens', 'zero_report'].map((n) => [n, 1]));
    migrated.close();
  });

  it('of a newer booth is refused, with the versions', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'seggio-newer-')), 'booth.db');
    BoothStore.open(path, nodeCrypto).close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => BoothStore.open(path, nodeCrypto)).toThrow(StoreError);
    expect(() => BoothStore.open(path, nodeCrypto)).toThrow(`the store is of schema version ${SCHEMA_VERSION + 1}, made by a newer booth; this booth knows versions up to ${SCHEMA_VERSION}`);
  });
});

describe('migration 1: the first tables', () => {
  it('makes meta, ballots, tokens, log and outbox from nothing', () => {
    const db = new Database(':memory:');
    MIGRATIONS[0]?.up(db);
    expect(schemaOf(db).map((sql) => /^CREATE TABLE (\w+)/.exec(sql)?.[1])).toEqual(['ballots', 'log', 'meta', 'outbox', 'tokens']);
  });

  it('takes a store of 4bb59ef as it is', () => {
    const db = new Database(join(fixtureCopy(), 'booth.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    const before = { schema: schemaOf(db), meta: db.prepare('SELECT * FROM meta ORDER BY key').all() };
    MIGRATIONS[0]?.up(db);
    expect({ schema: schemaOf(db), meta: db.prepare('SELECT * FROM meta ORDER BY key').all() }).toEqual(before);
    db.close();
  });
});

describe('migration 2: the phase as one row, the meta keys in typed tables', () => {
  const pairingMeta = {
    'booth.id': 'B1',
    section: '1',
    'election.bytes': 'RUxF',
    'election.signature': 'c2ln',
    'election.digest': 'ab'.repeat(32),
    'setup.bytes': 'U0VU',
    'setup.signature': 'c2ln',
    'console.publicKey': 'Q09O',
    'console.machine': 'C1',
    'urna.publicKey': 'VVJO',
  };
  const zero = { 'zeroReport.bytes': 'WkVS', 'zeroReport.signature': 'c2ln' };
  const cases: [string, Record<string, string>, 'open' | 'cast' | null, { kind: string; session: number | null; pending: string | null }][] = [
    ['a new store is unpaired', {}, null, { kind: 'unpaired', session: null, pending: null }],
    ['a set-up waiting for the president is confirming', { 'setup.pending': '{"p":1}' }, null, { kind: 'confirming', session: null, pending: '{"p":1}' }],
    ['a set-up the president refused is unpaired', { 'setup.pending': '', 'link.lastReceived': '0' }, null, { kind: 'unpaired', session: null, pending: null }],
    ['a store paired without a zero report is paired, whatever set-up was left pending', { ...pairingMeta, 'setup.pending': '{"p":1}' }, null, { kind: 'paired', session: null, pending: null }],
    ['a zero report is ready', { ...pairingMeta, ...zero }, null, { kind: 'ready', session: null, pending: null }],
    ['opened, with no open token, is idle', { ...pairingMeta, ...zero, opened: '1' }, 'cast', { kind: 'idle', session: null, pending: null }],
    ['opened, with an open token, is in session on it', { ...pairingMeta, ...zero, opened: '1' }, 'open', { kind: 'in-session', session: 3, pending: null }],
    ['closed is closed', { ...pairingMeta, ...zero, opened: '1', closed: '1' }, 'cast', { kind: 'closed', session: null, pending: null }],
  ];
  it.each(cases)('%s', (_, meta, token, phase) => {
    const db = storeAt(1);
    for (const [key, value] of Object.entries({ ...meta, 'link.lastSent': '7' })) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(key, value);
    if (token) db.prepare("INSERT INTO tokens VALUES (3, 'cd', '[\"REF-2020-1\"]', 'c2ln', ?)").run(token);
    MIGRATIONS[1]?.up(db);
    expect(db.prepare('SELECT kind, session, pending FROM phase').all()).toEqual([phase]);
    const paired = 'setup.bytes' in meta;
    expect(db.prepare('SELECT booth, section, election, election_signature, election_digest, setup, setup_signature, console_key, console_machine, urna_key FROM pairing').all()).toEqual(
      paired ? [{ booth: 'B1', section: '1', election: 'RUxF', election_signature: 'c2ln', election_digest: 'ab'.repeat(32), setup: 'U0VU', setup_signature: 'c2ln', console_key: 'Q09O', console_machine: 'C1', urna_key: 'VVJO' }] : [],
    );
    expect(db.prepare('SELECT bytes, signature FROM zero_report').all()).toEqual('zeroReport.bytes' in meta ? [{ bytes: 'WkVS', signature: 'c2ln' }] : []);
    expect(db.prepare('SELECT last_sent, last_received FROM link_counters').all()).toEqual([{ last_sent: 7, last_received: 0 }]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'meta'").all()).toEqual([]);
  });

  it('refuses a paired store that lacks a key, naming it, and leaves the store at version 1', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'seggio-lacks-')), 'booth.db');
    const db = new Database(path);
    for (const m of MIGRATIONS.slice(0, 1)) m.up(db);
    db.pragma('user_version = 1');
    for (const [key, value] of Object.entries(pairingMeta).filter(([k]) => k !== 'urna.publicKey')) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(key, value);
    db.close();
    expect(() => BoothStore.open(path, nodeCrypto)).toThrow(`${path}: the store is paired but its meta table has no urna.publicKey`);
    const after = new Database(path, { readonly: true });
    expect([after.pragma('user_version', { simple: true }), after.prepare('SELECT count(*) AS n FROM meta').get()]).toEqual([1, { n: 9 }]);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'phase'").all()).toEqual([]);
    after.close();
    // Nothing half-done stands in the way: opened again, it says the same.
    expect(() => BoothStore.open(path, nodeCrypto)).toThrow(`${path}: the store is paired but its meta table has no urna.publicKey`);
  });
});

describe('a store made by main at 4bb59ef', () => {
  it('opens with its votes, sessions and log, and its phase in session on the open token', () => {
    const path = join(fixtureCopy(), 'booth.db');
    const raw = new Database(path, { readonly: true });
    const log = (raw.prepare('SELECT seq, event, detail, prev, hash FROM log ORDER BY seq').all() as { seq: number; event: string; detail: string; prev: string; hash: string }[]).map((r) => ({ ...r, detail: JSON.parse(r.detail) as LogEntry['detail'] }));
    const outbox = raw.prepare('SELECT frame FROM outbox ORDER BY counter').all().map((r) => (r as { frame: string }).frame);
    raw.close();

    const store = BoothStore.open(path, nodeCrypto);
    expect(store.tokens().map((t) => ({ session: t.session, outcome: t.outcome }))).toEqual(DAY.sessions);
    const urna = keys(DAY.urna);
    const contest = ELECTION.contests[0]!;
    const votes = store.ballots().map((b) => decodeBallotPlaintext(nodeCrypto.sealOpen(b.ct, urna)!, store.pairing()!.electionDigest, contest));
    expect(votes.map((v) => (v.ok ? v.value : v.error)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(DAY.votes.map((v) => v['REF-2020-1']).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
    expect(store.log()).toEqual(log);
    expect(store.outboxAfter(0).map((e) => e.frame)).toEqual(outbox);
    const open = DAY.sessions.findIndex((s) => s.outcome === 'open') + 1;
    expect(store.phase()).toEqual({ kind: 'in-session', session: { counter: open, session: DAY.sessions[open - 1]!.session, contests: ['REF-2020-1'] } });
    expect(store.pairing()).toMatchObject({ booth: 'B1', section: '1', consoleMachine: 'C1', consoleKey: fromBase64(DAY.console.publicKey), urnaKey: urna.publicKey });
    expect(store.zeroReport()).not.toBeNull();
    expect(store.linkCounters()).toEqual({ lastSent: outbox.length, lastReceived: DAY.consoleCounter });
    store.close();
  });

  it("resumes the voter's session when a booth starts on it, and the day goes on to its seal", async () => {
    const dir = fixtureCopy();
    const fake = await FakeConsole.start(keys(DAY.console), keys(DAY.office), keys(DAY.urna));
    fake.counter = DAY.consoleCounter;
    const booth = BoothService.start(nodeCrypto, { storePath: join(dir, 'booth.db'), machineKeyPath: join(dir, 'booth.key'), officeKey: fake.office.publicKey, consoleUrl: fake.server.url, say: () => undefined });
    try {
      const open = DAY.sessions.find((s) => s.outcome === 'open')!.session;
      expect(booth.getView()).toMatchObject({ state: 'in-session', boothId: 'B1', section: '1', consoleMachine: 'C1', session: { id: open, contests: ['REF-2020-1'] } });
      await until(() => booth.getView().connected && fake.received.some((b) => b.type === 'hello'), 'the hello');
      expect(booth.castBallots({ session: open, selections: { 'REF-2020-1': { answer: 'YES' } } })).toEqual({ ok: true, value: { recorded: true } });
      // The fake console has heard nothing of the day before, so the booth sends its whole outbox again too.
      expect(await until(() => fake.received.find((b) => b.type === 'cast' && b.session === open), 'the cast')).toEqual({ type: 'cast', session: open, counter: DAY.sessions.length });
      fake.send({ type: 'close' });
      const sealed = await fake.next('seal');
      const seal = JSON.parse(new TextDecoder().decode(fromBase64(sealed.seal.bytes))) as BoothSeal;
      expect(seal.sessions).toEqual({ cast: DAY.sessions.filter((s) => s.outcome !== 'cancelled').length, cancelled: 1 });
      expect(seal.contests['REF-2020-1']?.count).toBe(DAY.votes.length + 1);
      expect(booth.getView().state).toBe('closed');
    } finally {
      booth.stop();
      await fake.close();
    }
  });
});

describe("the store's phase", () => {
  const alterations: [string, string, RegExp][] = [
    ['in session on a token that was cast', "UPDATE phase SET session = 1", /the phase is in-session but the open sessions are \[5\]/],
    ['idle with a token still open', "UPDATE phase SET kind = 'idle', session = NULL", /the phase is idle but the open sessions are \[5\]/],
    ['unpaired with a pairing', "UPDATE tokens SET outcome = 'cancelled' WHERE outcome = 'open'; UPDATE phase SET kind = 'unpaired', session = NULL", /the phase is unpaired but the store holds a pairing/],
    ['ready without its zero report', "UPDATE tokens SET outcome = 'cancelled' WHERE outcome = 'open'; UPDATE phase SET kind = 'ready', session = NULL; DELETE FROM zero_report", /the phase is ready but the store holds no zero report/],
    ['in session on a token that does not exist', 'UPDATE phase SET session = 99', /the phase names session 99, which has no token/],
  ];
  it.each(alterations)('is refused at opening when %s', (_, sql, reason) => {
    const path = join(fixtureCopy(), 'booth.db');
    BoothStore.open(path, nodeCrypto).close();
    const db = new Database(path);
    db.exec(sql);
    db.close();
    expect(() => BoothStore.open(path, nodeCrypto)).toThrow(reason);
  });
});
