// The console store's schema, as numbered migrations (Signal Desktop's ts/sql/migrations): a store
// records in PRAGMA user_version the last one it went through, and opening it runs those after. A
// migration is never edited once released; a change of schema is a new one, with its own test
// (apps/seat-console/test/migrations.test.ts). Every table is STRICT.
import type Database from 'better-sqlite3';
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** A value the unversioned store kept in its meta table, read by the migrations that take it out. */
const m = (key: string) => `(SELECT value FROM meta WHERE key = ${key})`;
/** The phases a console may be in (docs/design.md §1, "The console's service"), as the console table checks them. */
const PHASES = "'no-election', 'setup', 'voting', 'closing', 'closed', 'reconciled', 'counted', 'signed'";
/** What a booth may have told the console of itself (the link's BoothState). */
const BOOTH_STATES = "'unenrolled', 'unpaired', 'confirming', 'paired', 'ready', 'idle', 'in-session', 'closed', 'out-of-service'";

export const MIGRATIONS: readonly Migration[] = [
  {
    // The schema the console shipped with before stores were versioned: such a store has every table
    // already and user_version 0, so this one creates only what is missing.
    version: 1,
    name: 'first schema',
    sql: `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS booths (
  id TEXT PRIMARY KEY, public_key TEXT NOT NULL UNIQUE, machine TEXT NOT NULL UNIQUE, certificate TEXT NOT NULL, setup TEXT NOT NULL,
  last_received INTEGER NOT NULL DEFAULT 0, reported_state TEXT NOT NULL DEFAULT 'unpaired',
  zero_report TEXT, zero_report_signature TEXT, seal TEXT, seal_signature TEXT, log TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS sessions (
  session TEXT PRIMARY KEY, booth TEXT NOT NULL REFERENCES booths (id), counter INTEGER NOT NULL, contests TEXT NOT NULL,
  category TEXT NOT NULL, sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  state TEXT NOT NULL CHECK (state IN ('enabled', 'started', 'cast', 'cancelled', 'refused')), UNIQUE (booth, counter)
) STRICT;
CREATE TABLE IF NOT EXISTS turnout (position INTEGER PRIMARY KEY, checkpoint TEXT NOT NULL UNIQUE, figures TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS ballots (h TEXT PRIMARY KEY, contest TEXT NOT NULL, booth TEXT NOT NULL, ct TEXT NOT NULL, sig TEXT NOT NULL) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (booth TEXT NOT NULL, counter INTEGER NOT NULL, frame TEXT NOT NULL, PRIMARY KEY (booth, counter)) STRICT;
CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY, event TEXT NOT NULL, detail TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS roll (
  number INTEGER PRIMARY KEY, surname TEXT NOT NULL, name TEXT NOT NULL, sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  category TEXT NOT NULL, session TEXT, voted INTEGER NOT NULL DEFAULT 0 CHECK (voted IN (0, 1))
) STRICT;`,
  },
  {
    // The console's own facts in one row of typed columns, its phase one value (it was read from which
    // meta keys existed: opened, closed, reconciled, counted, signed).
    version: 2,
    name: 'the console row',
    sql: `
CREATE TABLE console (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  phase TEXT NOT NULL CHECK (phase IN (${PHASES})),
  election_bytes TEXT, election_signature TEXT, election_digest TEXT,
  section TEXT, urna_public_key TEXT, shares_threshold INTEGER, shares_count INTEGER,
  office_bundle TEXT, office_bundle_answer TEXT
) STRICT;
INSERT INTO console (id, phase, election_bytes, election_signature, election_digest, section, urna_public_key, shares_threshold, shares_count, office_bundle, office_bundle_answer)
SELECT 1,
  CASE
    WHEN ${m("'signed'")} IS NOT NULL THEN 'signed'
    WHEN ${m("'counted'")} IS NOT NULL THEN 'counted'
    WHEN ${m("'closed'")} IS NOT NULL AND EXISTS (SELECT 1 FROM booths WHERE seal IS NULL) THEN 'closing'
    WHEN ${m("'reconciled'")} IS NOT NULL THEN 'reconciled'
    WHEN ${m("'closed'")} IS NOT NULL THEN 'closed'
    WHEN ${m("'opened'")} IS NOT NULL THEN 'voting'
    WHEN ${m("'election.bytes'")} IS NOT NULL THEN 'setup'
    ELSE 'no-election'
  END,
  ${m("'election.bytes'")}, ${m("'election.signature'")}, ${m("'election.digest'")}, ${m("'section'")}, ${m("'urna.publicKey'")},
  json_extract(${m("'shares'")}, '$.threshold'), json_extract(${m("'shares'")}, '$.count'),
  nullif(${m("'office.bundle'")}, ''), nullif(${m("'office.bundle.answer'")}, '');`,
  },
  {
    // Each booth's state checked against the link's words for it, what it said of its devices and its
    // call for the president as columns, the office's answer beside each checkpoint; meta goes.
    version: 3,
    name: 'booths and turnout typed, meta gone',
    sql: `
CREATE TABLE booths_new (
  id TEXT PRIMARY KEY, public_key TEXT NOT NULL UNIQUE, machine TEXT NOT NULL UNIQUE, certificate TEXT NOT NULL, setup TEXT NOT NULL,
  last_received INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'unpaired' CHECK (state IN (${BOOTH_STATES})),
  zero_report TEXT, zero_report_signature TEXT, seal TEXT, seal_signature TEXT, log TEXT,
  keypad TEXT CHECK (keypad IN ('connected', 'absent', 'error')),
  voice INTEGER CHECK (voice IN (0, 1)),
  attention TEXT REFERENCES sessions (session)
) STRICT;
INSERT INTO booths_new (id, public_key, machine, certificate, setup, last_received, state, zero_report, zero_report_signature, seal, seal_signature, log, keypad, voice, attention)
SELECT id, public_key, machine, certificate, setup, last_received, reported_state, zero_report, zero_report_signature, seal, seal_signature, log,
  json_extract(${m("'devices.' || id")}, '$.keypad'),
  json_extract(${m("'devices.' || id")}, '$.voice'),
  nullif(${m("'attention.' || id")}, '')
FROM booths;
DROP TABLE booths;
ALTER TABLE booths_new RENAME TO booths;
ALTER TABLE turnout ADD COLUMN office_answer TEXT;
UPDATE turnout SET office_answer = ${m("'office.turnout.' || checkpoint")};
DROP TABLE meta;`,
  },
];

/** The version a store has after every migration: they are numbered 1, 2, 3 … in order. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings a store to `target` (the latest by default), each migration in its own transaction; says why
 * when it cannot (a store from a newer Seggio), having changed nothing.
 */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): string | null {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) return `the store is of schema version ${current}, made by a newer Seggio (this one knows up to ${SCHEMA_VERSION})`;
  // Off while tables are rebuilt (it cannot change inside a transaction), checked before each commit.
  db.pragma('foreign_keys = OFF');
  try {
    for (const migration of MIGRATIONS.slice(current, target)) {
      db.transaction(() => {
        db.exec(migration.sql);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length) throw new Error(`migration ${migration.version} (${migration.name}) leaves ${broken.length} rows pointing nowhere`);
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
  return null;
}
