// The office store: its schema, each numbered migration, and the rules the database holds by itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../src/service/migrations.js';
import { migrate, OfficeStore } from '../src/service/store.js';

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'seggio-office-store-'));
  dirs.push(dir);
  return join(dir, 'office.db');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string }[]).map((t) => ({ name: t.name, strict: /\)\s*STRICT$/.test(t.sql.trim()) }));

describe('the office schema', () => {
  it('is every table STRICT, at the last migration’s version', () => {
    const path = temp();
    OfficeStore.open(path).close();
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(['build_attempt', 'certificates', 'draft_files', 'events', 'office', 'package_draft', 'signed_packages', 'submissions', 'turnout'].map((name) => ({ name, strict: true })));
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    db.close();
  });

  it('refuses a store from a newer office', () => {
    const path = temp();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => OfficeStore.open(path)).toThrow(/newer than this office/);
  });
});

describe('migration 1', () => {
  it('makes the election, submission and turnout tables; the database itself holds one accepted result per section', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db).map((t) => t.name)).toEqual(['office', 'submissions', 'turnout']);
    const insert = db.prepare("INSERT INTO submissions (received_at, channel, origin, digest, archive, state, section) VALUES ('t', 'push', 'o', ?, x'00', ?, '1')");
    insert.run('a', 'accepted');
    insert.run('b', 'conflict');
    expect(() => insert.run('c', 'accepted')).toThrow(/UNIQUE/);
    expect(() => insert.run('d', 'counted')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO submissions (received_at, channel, origin, digest, archive, state) VALUES ('t', 'push', 'o', 'e', 'text', 'received')").run()).toThrow(/cannot store TEXT value in BLOB/);
  });
});

describe('migration 2', () => {
  it('adds the event log to a store of version 1, keeping its submissions', () => {
    const path = temp();
    const db = new Database(path);
    migrate(db, 1);
    db.prepare("INSERT INTO office (id, election, election_digest) VALUES (1, x'7b7d', 'd')").run();
    db.prepare("INSERT INTO submissions (received_at, channel, origin, digest, archive, state) VALUES ('t', 'folder', 'a.tar', 'x', x'0102', 'received')").run();
    db.close();
    const store = OfficeStore.open(path);
    expect(store.unsettled().map((s) => [s.digest, s.origin, [...store.archive(s.id)!]])).toEqual([['x', 'a.tar', [1, 2]]]);
    expect(store.events()).toEqual([]);
    store.receive({ channel: 'push', origin: '127.0.0.1', digest: 'y', archive: new Uint8Array([3]) });
    expect(store.events().map((e) => e.event)).toEqual(['submission-received']);
    store.close();
  });
});

describe('migration 3', () => {
  it('adds the preparation of the day to a store of version 2, keeping its election, whose signature it does not have', () => {
    const path = temp();
    const db = new Database(path);
    migrate(db, 2);
    db.prepare("INSERT INTO office (id, election, election_digest) VALUES (1, x'7b7d', 'd')").run();
    db.close();
    const store = OfficeStore.open(path);
    expect(store.election()).toEqual({ bytes: Buffer.from('{}'), digest: 'd', signature: null });
    expect([store.preparation.draft(), store.preparation.attempt(), store.preparation.signedPackages(), store.preparation.certificates()]).toEqual([null, null, [], []]);
    // Given once with its .sig, the election keeps it; another election is still refused.
    store.bindElection(new Uint8Array([0x7b, 0x7d]), 'd', new Uint8Array([1]));
    expect(store.election()?.signature).toEqual(Buffer.from([1]));
    expect(() => store.bindElection(new Uint8Array([1]), 'e')).toThrow(/give each election its own store/);
    store.close();
  });

  it('holds by itself one signed package per draft reference, one key per machine and a draft of one row', () => {
    const db = new Database(':memory:');
    migrate(db, 3);
    db.pragma('foreign_keys = ON');
    const draft = db.prepare("INSERT INTO package_draft (id, built_at, election, digest, rules, signed) VALUES (?, 't', x'00', 'd', '[]', ?)");
    expect(() => draft.run(2, null)).toThrow(/CHECK/);
    expect(() => draft.run(1, 7)).toThrow(/FOREIGN KEY/);
    const certificate = db.prepare("INSERT INTO certificates (machine, issued_at, comune, role, public_key, request, document, signature) VALUES (?, 't', '999001', ?, ?, 'r', x'00', x'00')");
    certificate.run('CABINA-1', 'booth', 'k1');
    expect(() => certificate.run('CABINA-2', 'booth', 'k1')).toThrow(/UNIQUE/);
    expect(() => certificate.run('CABINA-3', 'printer', 'k3')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO draft_files (name, bytes) VALUES ('a.csv', 'text')").run()).toThrow(/cannot store TEXT value in BLOB/);
  });
});
