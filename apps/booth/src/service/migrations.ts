// The booth store's schema, version by version (`PRAGMA user_version`): each migration takes a store
// of the version before it to its own, in one transaction with the version it sets, so that a store
// stopped mid-migration is left as it was. A store from an older booth opens with nothing lost;
// one from a newer booth is refused. schema.sql is the schema they make, and a test holds them equal.
import type Database from 'better-sqlite3';
import { StoreError } from './errors.js';

export interface Migration {
  readonly version: number;
  /** What it changes, for the people reading a store's history. */
  readonly change: string;
  readonly up: (db: Database.Database) => void;
}

/** The tables of the first booths (up to main at 4bb59ef), which kept no version: those stores say 0. */
const FIRST = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS ballots (h TEXT PRIMARY KEY, contest TEXT NOT NULL, ct BLOB NOT NULL, sig BLOB NOT NULL) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tokens (
  counter INTEGER PRIMARY KEY,
  session TEXT NOT NULL UNIQUE,
  contests TEXT NOT NULL,
  signature TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('open', 'cast', 'cancelled'))
) STRICT;
CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY, event TEXT NOT NULL, detail TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS outbox (counter INTEGER PRIMARY KEY, frame TEXT NOT NULL) STRICT;
`;

/** The phase as one row, and what the meta keys held in typed tables of one row each. */
const TYPED = `
CREATE TABLE phase (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  kind TEXT NOT NULL CHECK (kind IN ('unpaired', 'confirming', 'paired', 'ready', 'idle', 'in-session', 'closed')),
  session INTEGER,
  pending TEXT,
  CHECK ((kind = 'in-session') = (session IS NOT NULL)),
  CHECK ((kind = 'confirming') = (pending IS NOT NULL))
) STRICT;
CREATE TABLE pairing (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  booth TEXT NOT NULL,
  section TEXT NOT NULL,
  election TEXT NOT NULL,
  election_signature TEXT NOT NULL,
  election_digest TEXT NOT NULL,
  setup TEXT NOT NULL,
  setup_signature TEXT NOT NULL,
  console_key TEXT NOT NULL,
  console_machine TEXT NOT NULL,
  urna_key TEXT NOT NULL
) STRICT;
CREATE TABLE zero_report (id INTEGER PRIMARY KEY CHECK (id = 1), bytes TEXT NOT NULL, signature TEXT NOT NULL) STRICT;
CREATE TABLE link_counters (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_sent INTEGER NOT NULL CHECK (last_sent >= 0),
  last_received INTEGER NOT NULL CHECK (last_received >= 0)
) STRICT;
`;

/** The meta keys a paired store of version 1 holds, and the pairing column each goes to. */
const PAIRING_KEYS = {
  'booth.id': 'booth',
  section: 'section',
  'election.bytes': 'election',
  'election.signature': 'election_signature',
  'election.digest': 'election_digest',
  'setup.bytes': 'setup',
  'setup.signature': 'setup_signature',
  'console.publicKey': 'console_key',
  'console.machine': 'console_machine',
  'urna.publicKey': 'urna_key',
} as const;

/**
 * Version 1 kept its phase in which meta keys existed (closed, opened with an open token, a zero
 * report, a set-up, a pending set-up); it becomes one row, as the booth of version 1 read it.
 */
function typed(db: Database.Database): void {
  const meta = new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
  const open = db.prepare("SELECT counter FROM tokens WHERE outcome = 'open' ORDER BY counter LIMIT 1").get() as { counter: number } | undefined;
  db.exec(TYPED);
  const kind = meta.get('closed')
    ? 'closed'
    : meta.get('opened')
      ? open
        ? 'in-session'
        : 'idle'
      : meta.get('zeroReport.bytes')
        ? 'ready'
        : meta.get('setup.bytes')
          ? 'paired'
          : meta.get('setup.pending')
            ? 'confirming'
            : 'unpaired';
  db.prepare('INSERT INTO phase (id, kind, session, pending) VALUES (1, ?, ?, ?)').run(kind, kind === 'in-session' ? (open?.counter ?? null) : null, kind === 'confirming' ? (meta.get('setup.pending') ?? null) : null);
  if (meta.get('setup.bytes')) {
    const values = Object.entries(PAIRING_KEYS).map(([key, column]) => {
      const value = meta.get(key);
      if (value === undefined) throw new StoreError(`the store is paired but its meta table has no ${key}`);
      return [column, value] as const;
    });
    db.prepare(`INSERT INTO pairing (id, ${values.map(([c]) => c).join(', ')}) VALUES (1, ${values.map(() => '?').join(', ')})`).run(...values.map(([, v]) => v));
  }
  const zero = meta.get('zeroReport.bytes');
  if (zero) db.prepare('INSERT INTO zero_report (id, bytes, signature) VALUES (1, ?, ?)').run(zero, meta.get('zeroReport.signature') ?? '');
  db.prepare('INSERT INTO link_counters (id, last_sent, last_received) VALUES (1, ?, ?)').run(Number(meta.get('link.lastSent') ?? 0), Number(meta.get('link.lastReceived') ?? 0));
  db.exec('DROP TABLE meta');
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, change: 'the first tables: meta, ballots, tokens, log, outbox', up: (db) => db.exec(FIRST) },
  { version: 2, change: 'the phase as one row; the pairing, the zero report and the link counters in typed tables; no meta table', up: typed },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Takes the store to the latest version, one migration at a time; the versions it went from and to. */
export function migrate(db: Database.Database): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > SCHEMA_VERSION) throw new StoreError(`the store is of schema version ${from}, made by a newer booth; this booth knows versions up to ${SCHEMA_VERSION}`);
  for (const migration of MIGRATIONS.slice(from)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from, to: SCHEMA_VERSION };
}
