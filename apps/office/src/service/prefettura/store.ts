// The Prefettura's SQLite store (docs/design.md §7): every comune package kept byte for byte with what
// became of it, one accepted per comune (an index holds it, whatever the code does), and an event log.
// Its own numbered migrations, as the comune office's store has; settling is one transaction.
import Database from 'better-sqlite3';
import type { Channel, SubmissionState } from '../../shared/api.js';
import type { Problem } from '../../shared/codes.js';
import { next, type SubmissionAction } from '../submission.js';

const MIGRATIONS: readonly { readonly version: number; readonly why: string; readonly sql: string }[] = [
  {
    version: 1,
    why: 'the configuration this store belongs to, every comune package and what became of it, the event log',
    sql: `
      CREATE TABLE prefettura (id INTEGER PRIMARY KEY CHECK (id = 1), config BLOB NOT NULL, config_digest TEXT NOT NULL) STRICT;
      CREATE TABLE packages (
        id INTEGER PRIMARY KEY,
        received_at TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('push', 'upload', 'folder')),
        origin TEXT NOT NULL,
        digest TEXT NOT NULL UNIQUE,
        archive BLOB NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('received', 'accepted', 'refused', 'conflict')),
        problems TEXT NOT NULL DEFAULT '[]',
        comune TEXT,
        tally_digest TEXT,
        counted TEXT
      ) STRICT;
      CREATE UNIQUE INDEX one_accepted_per_comune ON packages (comune) WHERE state = 'accepted';
      CREATE TABLE events (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, event TEXT NOT NULL, detail TEXT NOT NULL) STRICT;
    `,
  },
];
const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** What the checks found of a package: the comune, its tally's digest, and what the Prefettura sums (JSON). */
export interface ComuneIdentified {
  readonly comune: string;
  readonly tallyDigest: string;
  readonly counted: string;
}

export interface PackageRow {
  readonly id: number;
  readonly receivedAt: string;
  readonly channel: Channel;
  readonly origin: string;
  readonly digest: string;
  readonly state: SubmissionState;
  readonly problems: readonly Problem[];
  readonly comune: string | null;
  readonly tallyDigest: string | null;
  readonly counted: string | null;
}

interface Raw {
  id: number; received_at: string; channel: Channel; origin: string; digest: string; state: SubmissionState; problems: string; comune: string | null; tally_digest: string | null; counted: string | null;
}
const COLUMNS = 'id, received_at, channel, origin, digest, state, problems, comune, tally_digest, counted';
const row = (r: Raw): PackageRow => ({
  id: r.id, receivedAt: r.received_at, channel: r.channel, origin: r.origin, digest: r.digest, state: r.state, problems: JSON.parse(r.problems) as Problem[], comune: r.comune, tallyDigest: r.tally_digest, counted: r.counted,
});

export class PrefetturaStore {
  private constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the store failed its integrity check: ${String(check)}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Error(`the store is at schema version ${version}, newer than this Prefettura's ${SCHEMA_VERSION}: use a newer office`);
    db.transaction(() => {
      for (const m of MIGRATIONS.filter((x) => x.version > version)) {
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      }
    })();
  }

  static open(path: string | null): PrefetturaStore {
    return new PrefetturaStore(new Database(path ?? ':memory:'));
  }

  /** Binds the store to its configuration on first use; a store of another configuration is refused. */
  bindConfig(bytes: Uint8Array, digest: string): void {
    const r = this.db.prepare('SELECT config_digest AS digest FROM prefettura WHERE id = 1').get() as { digest: string } | undefined;
    if (!r) this.db.prepare('INSERT INTO prefettura (id, config, config_digest) VALUES (1, ?, ?)').run(bytes, digest);
    else if (r.digest !== digest) throw new Error(`this store holds the figures of configuration ${r.digest}, not of ${digest}: give each configuration its own store`);
  }

  receive(input: { channel: Channel; origin: string; digest: string; archive: Uint8Array }): { row: PackageRow; fresh: boolean } {
    return this.db.transaction(() => {
      const existing = this.db.prepare(`SELECT ${COLUMNS} FROM packages WHERE digest = ?`).get(input.digest) as Raw | undefined;
      if (existing) return { row: row(existing), fresh: false };
      const info = this.db.prepare("INSERT INTO packages (received_at, channel, origin, digest, archive, state) VALUES (?, ?, ?, ?, ?, 'received')").run(new Date().toISOString(), input.channel, input.origin.slice(0, 200), input.digest, input.archive);
      this.event('package-received', { id: Number(info.lastInsertRowid), channel: input.channel, origin: input.origin.slice(0, 200) });
      return { row: this.package(Number(info.lastInsertRowid))!, fresh: true };
    })();
  }

  settle(id: number, action: SubmissionAction, identified: ComuneIdentified | null): PackageRow {
    return this.db.transaction(() => {
      const t = next(this.package(id)!.state, action);
      if (!t.ok) throw new Error(`package ${id} is already ${t.from}`);
      this.db.prepare('UPDATE packages SET state = ?, problems = ?, comune = ?, tally_digest = ?, counted = ? WHERE id = ?').run(t.state, JSON.stringify(t.problems), identified?.comune ?? null, identified?.tallyDigest ?? null, identified?.counted ?? null, id);
      // A refused package's bytes are let go; its digest and reasons stay, so a replay gets the same answer.
      if (t.state === 'refused') this.db.prepare("UPDATE packages SET archive = X'' WHERE id = ?").run(id);
      this.event(`package-${t.state}`, { id, comune: identified?.comune ?? '', codes: t.problems.map((p) => p.code).join(',') });
      return this.package(id)!;
    })();
  }

  package(id: number): PackageRow | undefined {
    const r = this.db.prepare(`SELECT ${COLUMNS} FROM packages WHERE id = ?`).get(id) as Raw | undefined;
    return r && row(r);
  }

  /** Every package, newest first. */
  packages(): PackageRow[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM packages ORDER BY id DESC`).all() as Raw[]).map(row);
  }

  unsettled(): PackageRow[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM packages WHERE state = 'received' ORDER BY id`).all() as Raw[]).map(row);
  }

  accepted(): PackageRow[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM packages WHERE state = 'accepted' ORDER BY comune`).all() as Raw[]).map(row);
  }

  acceptedFor(comune: string): PackageRow | undefined {
    const r = this.db.prepare(`SELECT ${COLUMNS} FROM packages WHERE state = 'accepted' AND comune = ?`).get(comune) as Raw | undefined;
    return r && row(r);
  }

  archive(id: number): Uint8Array | undefined {
    return (this.db.prepare('SELECT archive FROM packages WHERE id = ?').get(id) as { archive: Buffer } | undefined)?.archive;
  }

  events(): { seq: number; at: string; event: string; detail: Record<string, string | number> }[] {
    return (this.db.prepare('SELECT * FROM events ORDER BY seq').all() as { seq: number; at: string; event: string; detail: string }[]).map((e) => ({ ...e, detail: JSON.parse(e.detail) as Record<string, string | number> }));
  }

  private event(event: string, detail: Record<string, string | number>): void {
    this.db.prepare('INSERT INTO events (at, event, detail) VALUES (?, ?, ?)').run(new Date().toISOString(), event, JSON.stringify(detail));
  }

  close(): void {
    this.db.close();
  }
}
