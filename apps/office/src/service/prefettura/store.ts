// The Prefettura's SQLite store (docs/design.md §7): every comune package kept byte for byte with what
// became of it, one accepted per comune (an index holds it, whatever the code does), and an event log.
// Its own numbered migrations, as the comune office's store has; settling is one transaction.
import Database from 'better-sqlite3';
import { IntakeStore, intakeRow, runMigrations, type IntakeRow, type Migration, type RawIntake, type Refuse } from '../intake-store.js';

const MIGRATIONS: readonly Migration[] = [
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

export interface PackageRow extends IntakeRow {
  readonly comune: string | null;
  readonly tallyDigest: string | null;
  readonly counted: string | null;
}

interface Raw extends RawIntake {
  comune: string | null; tally_digest: string | null; counted: string | null;
}

const refuse: Refuse = (message) => new Error(message);

export class PrefetturaStore extends IntakeStore<Raw, PackageRow, ComuneIdentified> {
  private constructor(db: Database.Database) {
    super(db, (d) => runMigrations(d, MIGRATIONS, SCHEMA_VERSION, "this Prefettura's", refuse), false, {
      table: 'packages', noun: 'package', key: 'comune', columns: 'comune, tally_digest, counted',
      row: (r: Raw): PackageRow => ({ ...intakeRow(r), comune: r.comune, tallyDigest: r.tally_digest, counted: r.counted }),
      found: [['comune', 'comune'], ['tally_digest', 'tallyDigest'], ['counted', 'counted']],
      refuse,
    });
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

  package(id: number): PackageRow | undefined {
    return this.byId(id);
  }

  /** Every package, newest first. */
  packages(): PackageRow[] {
    return this.all();
  }
}
