// The console store's schema (src/service/migrations.ts): a test per migration, the schema it ends
// in, and a store made by the console before stores were versioned (fixtures/console-store-v0.db,
// made by main at 4bb59ef during a day: two booths open, a session cast, one under way with its booth
// calling the president, a checkpoint recorded) opened with nothing lost.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkChain } from '@seggio/ballot-core';
import { ConsoleStore, ConsoleStoreError } from '../src/service/index.js';
import { migrate, MIGRATIONS, SCHEMA_VERSION } from '../src/service/migrations.js';

const FIXTURE = new URL('../../../fixtures/console-store-v0.db', import.meta.url);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seggio-console-migrations-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh database brought to schema `version`. */
function at(version: number): Database.Database {
  const db = new Database(':memory:');
  expect(migrate(db, version)).toBeNull();
  return db;
}

const rows = (db: Database.Database, sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
const meta = (db: Database.Database, entries: Record<string, string>) => {
  for (const [key, value] of Object.entries(entries)) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(key, value);
};
const booth = (db: Database.Database, id: string, fields: { seal?: string; reported_state?: string } = {}) =>
  db.prepare('INSERT INTO booths (id, public_key, machine, certificate, setup, reported_state, seal) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, `key-${id}`, `M-${id}`, '{}', 'setup', fields.reported_state ?? 'unpaired', fields.seal ?? null);

describe('the migrations', () => {
  it('are numbered 1, 2, 3 … in order, the last one the schema version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('1 creates every table on an empty file, and leaves the tables of an unversioned store as they are', () => {
    const db = at(1);
    expect(rows(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").map((r) => r.name)).toEqual(['ballots', 'booths', 'log', 'meta', 'outbox', 'roll', 'sessions', 'turnout']);
    const path = join(dir, 'v0.db');
    copyFileSync(FIXTURE, path);
    const v0 = new Database(path);
    const before = rows(v0, 'SELECT * FROM meta ORDER BY key');
    expect(migrate(v0, 1)).toBeNull();
    expect(v0.pragma('user_version', { simple: true })).toBe(1);
    expect(rows(v0, 'SELECT * FROM meta ORDER BY key')).toEqual(before);
    v0.close();
  });

  it.each([
    [{}, [], 'no-election'],
    [{ 'election.bytes': 'e' }, [], 'setup'],
    [{ 'election.bytes': 'e', opened: '1' }, [], 'voting'],
    [{ 'election.bytes': 'e', opened: '1', closed: '1' }, [{ seal: 's' }, {}], 'closing'],
    [{ 'election.bytes': 'e', opened: '1', closed: '1' }, [{ seal: 's' }], 'closed'],
    [{ 'election.bytes': 'e', opened: '1', closed: '1', reconciled: '1' }, [{ seal: 's' }], 'reconciled'],
    [{ 'election.bytes': 'e', opened: '1', closed: '1', reconciled: '1', counted: '1' }, [{ seal: 's' }], 'counted'],
    [{ 'election.bytes': 'e', opened: '1', closed: '1', reconciled: '1', counted: '1', signed: '1' }, [{ seal: 's' }], 'signed'],
  ] as const)('2 reads the phase from the meta keys %j (booths %j) as %s', (keys, booths, phase) => {
    const db = at(1);
    meta(db, keys);
    booths.forEach((b, i) => booth(db, `B${i + 1}`, b));
    expect(migrate(db, 2)).toBeNull();
    expect(rows(db, 'SELECT phase FROM console')).toEqual([{ phase }]);
  });

  it('2 moves the election, the keys and the bundle queued for the office into the console row', () => {
    const db = at(1);
    meta(db, { 'election.bytes': 'Ynl0ZXM=', 'election.signature': 'c2ln', 'election.digest': 'd1', section: '3', 'urna.publicKey': 'dXJuYQ==', shares: '{"threshold":3,"count":5}', 'office.bundle': '/x/bundle', 'office.bundle.answer': '' });
    expect(migrate(db, 2)).toBeNull();
    expect(rows(db, 'SELECT * FROM console')).toEqual([{ id: 1, phase: 'setup', election_bytes: 'Ynl0ZXM=', election_signature: 'c2ln', election_digest: 'd1', section: '3', urna_public_key: 'dXJuYQ==', shares_threshold: 3, shares_count: 5, office_bundle: '/x/bundle', office_bundle_answer: null }]);
  });

  it("3 keeps each booth's state, moves its devices and its call into its row and the office's answers beside their checkpoints, and drops meta", () => {
    const db = at(1);
    booth(db, 'B1', { reported_state: 'in-session' });
    booth(db, 'B2', { reported_state: 'idle' });
    db.prepare("INSERT INTO sessions VALUES ('s1', 'B1', 1, '[]', 'IT', 'F', 'started')").run();
    db.prepare("INSERT INTO turnout VALUES (1, 'C1', '{}'), (2, 'C2', '{}')").run();
    meta(db, { 'devices.B1': '{"keypad":"connected","voice":false}', 'attention.B1': 's1', 'attention.B2': '', 'office.turnout.C1': '{"ok":true}' });
    expect(migrate(db)).toBeNull();
    expect(rows(db, 'SELECT id, state, keypad, voice, attention FROM booths ORDER BY id')).toEqual([
      { id: 'B1', state: 'in-session', keypad: 'connected', voice: 0, attention: 's1' },
      { id: 'B2', state: 'idle', keypad: null, voice: null, attention: null },
    ]);
    expect(rows(db, 'SELECT checkpoint, office_answer FROM turnout ORDER BY position')).toEqual([{ checkpoint: 'C1', office_answer: '{"ok":true}' }, { checkpoint: 'C2', office_answer: null }]);
    expect(rows(db, "SELECT name FROM sqlite_schema WHERE name = 'meta'")).toEqual([]);
  });

  it('3 refuses a booth state the link has no word for, and the store stays at 2', () => {
    const db = at(2);
    booth(db, 'B1', { reported_state: 'dancing' });
    expect(() => migrate(db)).toThrow(/CHECK constraint failed/);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(rows(db, 'SELECT reported_state FROM booths')).toEqual([{ reported_state: 'dancing' }]);
  });
});

describe('the schema', () => {
  it('ends STRICT in every table, at the schema version, with these tables and columns', () => {
    const db = at(SCHEMA_VERSION);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = rows(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name") as { name: string; sql: string }[];
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT(, WITHOUT ROWID)?$/);
    const columns = Object.fromEntries(tables.map((t) => [t.name, rows(db, `SELECT name FROM pragma_table_info('${t.name}')`).map((c) => c.name)]));
    expect(columns).toEqual({
      ballots: ['h', 'contest', 'booth', 'ct', 'sig'],
      booths: ['id', 'public_key', 'machine', 'certificate', 'setup', 'last_received', 'state', 'zero_report', 'zero_report_signature', 'seal', 'seal_signature', 'log', 'keypad', 'voice', 'attention'],
      console: ['id', 'phase', 'election_bytes', 'election_signature', 'election_digest', 'section', 'urna_public_key', 'shares_threshold', 'shares_count', 'office_bundle', 'office_bundle_answer'],
      log: ['seq', 'event', 'detail', 'prev', 'hash'],
      outbox: ['booth', 'counter', 'frame'],
      roll: ['number', 'surname', 'name', 'sex', 'category', 'session', 'voted'],
      sessions: ['session', 'booth', 'counter', 'contests', 'category', 'sex', 'state'],
      turnout: ['position', 'checkpoint', 'figures', 'office_answer'],
    });
  });

  it('refuses a store from a newer Seggio, naming the file and both versions, and leaves it as it was', () => {
    const path = join(dir, 'newer.db');
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => ConsoleStore.open(path)).toThrow(new ConsoleStoreError(`${path}: the store is of schema version ${SCHEMA_VERSION + 1}, made by a newer Seggio (this one knows up to ${SCHEMA_VERSION})`));
    const again = new Database(path);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    again.close();
  });
});

describe('a store made before versioning', () => {
  it('opens with nothing lost: the election, the keys, the booths, the sessions, the outbox, the turnout and the log', () => {
    const path = join(dir, 'console.db');
    copyFileSync(FIXTURE, path);
    const old = new Database(FIXTURE.pathname, { readonly: true });
    const was = Object.fromEntries((rows(old, 'SELECT key, value FROM meta') as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    const oldBooths = rows(old, 'SELECT * FROM booths ORDER BY id');
    const oldSessions = rows(old, 'SELECT * FROM sessions ORDER BY session');
    const oldOutbox = rows(old, 'SELECT * FROM outbox ORDER BY booth, counter');
    const oldLog = rows(old, 'SELECT * FROM log ORDER BY seq');
    const oldTurnout = rows(old, 'SELECT checkpoint, figures FROM turnout ORDER BY position');
    old.close();

    const store = ConsoleStore.open(path);
    expect(store.phase()).toBe('voting');
    expect(store.election()).toEqual({ bytes: was['election.bytes'], signature: was['election.signature'], digest: was['election.digest'] });
    expect(store.keys()).toEqual({ section: was.section, urnaPublicKey: was['urna.publicKey'], shares: JSON.parse(String(was.shares)) as unknown });
    expect(store.booths()).toEqual(oldBooths.map((b) => ({
      id: b.id, publicKey: b.public_key, machine: b.machine, certificate: b.certificate, setup: b.setup, lastReceived: b.last_received, state: b.reported_state,
      zeroReport: { bytes: b.zero_report, signature: b.zero_report_signature }, seal: null, log: null,
      devices: { keypad: null, voice: null }, attention: was[`attention.${String(b.id)}`] ?? null,
    })));
    expect(store.booth('B2')?.attention).toMatch(/^[0-9a-f]{32}$/);
    expect(store.sessions().map((s) => ({ ...s, contests: JSON.stringify(s.contests) })).sort((a, b) => (a.session < b.session ? -1 : 1))).toEqual(oldSessions);
    expect(['B1', 'B2'].flatMap((id) => store.outbox(id).after(0).map((o) => ({ booth: id, ...o })))).toEqual(oldOutbox);
    expect(store.turnout()).toEqual(oldTurnout.map((t) => ({ ...t, officeAnswer: null })));
    const log = store.log();
    expect(log.map((e) => ({ ...e, detail: JSON.stringify(e.detail) }))).toEqual(oldLog);
    expect(checkChain(log)).toBeNull();
    store.close();
    // Opened again, it is already at the schema version and runs nothing more.
    const reopened = ConsoleStore.open(path);
    expect(reopened.phase()).toBe('voting');
    reopened.close();
  });
});
