// The office's one SQLite store (docs/design.md §4, §8): typed accessors over the schema of migrations.ts.
// Every write that settles something is one transaction with synchronous=FULL, so a killed office
// holds either the whole of it or none.
import Database from 'better-sqlite3';
import { IntakeStore, intakeRow, runMigrations, type IntakeRow, type RawIntake, type Refuse } from './intake-store.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { PreparationRecords } from './preparation-store.js';

export interface SubmissionRow extends IntakeRow {
  readonly section: string | null;
  readonly setup: string | null;
  readonly tallyDigest: string | null;
  /** The section tally (tally.json), once accepted or in conflict. */
  readonly tally: string | null;
}

export interface TurnoutRow {
  readonly id: number;
  readonly receivedAt: string;
  readonly section: string;
  readonly checkpoint: string;
  readonly setup: string;
  readonly state: 'accepted' | 'conflict';
  readonly document: Uint8Array;
  readonly signature: Uint8Array;
  readonly setupDocument: Uint8Array;
  readonly setupSignature: Uint8Array;
  readonly figures: string;
}

export type TurnoutFigures = Pick<TurnoutRow, 'id' | 'section' | 'checkpoint' | 'setup' | 'state' | 'figures'>;

const TURNOUT_COLUMNS = 'id, received_at, section, checkpoint, setup, state, document, signature, setup_document, setup_signature, figures';
interface RawTurnout {
  id: number; received_at: string; section: string; checkpoint: string; setup: string; state: TurnoutRow['state'];
  document: Buffer; signature: Buffer; setup_document: Buffer; setup_signature: Buffer; figures: string;
}
const turnoutRow = (r: RawTurnout): TurnoutRow => ({
  id: r.id, receivedAt: r.received_at, section: r.section, checkpoint: r.checkpoint, setup: r.setup, state: r.state,
  document: r.document, signature: r.signature, setupDocument: r.setup_document, setupSignature: r.setup_signature, figures: r.figures,
});

/** What the checks found of an archive, kept beside its state. */
export interface Identified {
  readonly section: string;
  readonly setup: string;
  readonly tallyDigest: string;
  readonly tally: string;
}

export class OfficeStoreError extends Error {
  override name = 'OfficeStoreError';
}

interface RawSubmission extends RawIntake {
  section: string | null; setup: string | null; tally_digest: string | null; tally: string | null;
}

const refuse: Refuse = (message) => new OfficeStoreError(message);

/** Brings a database to SCHEMA_VERSION; refuses one from a newer office. Exported for the migration tests. */
export function migrate(db: Database.Database, upTo = SCHEMA_VERSION): void {
  runMigrations(db, MIGRATIONS, upTo, "this office's", refuse);
}

export class OfficeStore extends IntakeStore<RawSubmission, SubmissionRow, Identified> {
  /** The preparation of the day: the package, what was signed, the certificates issued. */
  readonly preparation: PreparationRecords;

  private constructor(db: Database.Database) {
    // Every section's public export received, with what became of it (one accepted per section).
    super(db, (d) => migrate(d), true, {
      table: 'submissions', noun: 'submission', key: 'section', columns: 'section, setup, tally_digest, tally',
      row: (r: RawSubmission): SubmissionRow => ({ ...intakeRow(r), section: r.section, setup: r.setup, tallyDigest: r.tally_digest, tally: r.tally }),
      found: [['section', 'section'], ['setup', 'setup'], ['tally_digest', 'tallyDigest'], ['tally', 'tally']],
      refuse,
    });
    this.preparation = new PreparationRecords(db);
  }

  static open(path: string): OfficeStore {
    return new OfficeStore(new Database(path));
  }

  static memory(): OfficeStore {
    return new OfficeStore(new Database(':memory:'));
  }

  /**
   * Binds the store to its election on first use, with the signature it came with; afterwards refuses any
   * other, so an office started again with another package never mixes two elections' results.
   */
  bindElection(bytes: Uint8Array, digest: string, signature: Uint8Array | null = null): void {
    const row = this.db.prepare('SELECT election_digest AS digest FROM office WHERE id = 1').get() as { digest: string } | undefined;
    if (!row) this.db.prepare('INSERT INTO office (id, election, election_digest, signature) VALUES (1, ?, ?, ?)').run(bytes, digest, signature);
    else if (row.digest !== digest) throw new OfficeStoreError(`this store holds the results of election ${row.digest}, not of ${digest}: give each election its own store`);
    else if (signature) this.db.prepare('UPDATE office SET signature = ? WHERE id = 1 AND signature IS NULL').run(signature);
  }

  /** The election the store is bound to, as signed; null before the office has one. */
  election(): { bytes: Uint8Array; digest: string; signature: Uint8Array | null } | null {
    const row = this.db.prepare('SELECT election, election_digest, signature FROM office WHERE id = 1').get() as { election: Buffer; election_digest: string; signature: Buffer | null } | undefined;
    return row ? { bytes: row.election, digest: row.election_digest, signature: row.signature } : null;
  }

  submission(id: number): SubmissionRow | undefined {
    return this.byId(id);
  }

  submissionByDigest(digest: string): SubmissionRow | undefined {
    return this.byDigest(digest);
  }

  /** Every submission, newest first. */
  submissions(): SubmissionRow[] {
    return this.all();
  }

  addTurnout(row: Omit<TurnoutRow, 'id' | 'receivedAt'>): TurnoutRow {
    return this.db.transaction(() => {
      const info = this.db
        .prepare('INSERT INTO turnout (received_at, section, checkpoint, setup, state, document, signature, setup_document, setup_signature, figures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(new Date().toISOString(), row.section, row.checkpoint, row.setup, row.state, row.document, row.signature, row.setupDocument, row.setupSignature, row.figures);
      this.log.record(`turnout-${row.state}`, { section: row.section, checkpoint: row.checkpoint });
      return turnoutRow(this.db.prepare(`SELECT ${TURNOUT_COLUMNS} FROM turnout WHERE id = ?`).get(info.lastInsertRowid) as RawTurnout);
    })();
  }

  /** Every turnout document kept, with its bytes. */
  turnout(): TurnoutRow[] {
    return (this.db.prepare(`SELECT ${TURNOUT_COLUMNS} FROM turnout ORDER BY id`).all() as RawTurnout[]).map(turnoutRow);
  }

  /**
   * What the figures and the staff's view read of each turnout kept: not the documents' bytes, which
   * only a replay's answer and the archive need (read on each page and each push: the bytes of every
   * checkpoint of every section were most of what these reads carried).
   */
  turnoutFigures(): TurnoutFigures[] {
    return this.db.prepare('SELECT id, section, checkpoint, setup, state, figures FROM turnout ORDER BY id').all() as TurnoutFigures[];
  }

  /** The turnout kept for this checkpoint of this set-up of the section, if any (one at most: the schema's UNIQUE). */
  turnoutHeld(section: string, checkpoint: string, setup: string): TurnoutRow | undefined {
    const r = this.db.prepare(`SELECT ${TURNOUT_COLUMNS} FROM turnout WHERE section = ? AND checkpoint = ? AND setup = ?`).get(section, checkpoint, setup) as RawTurnout | undefined;
    return r && turnoutRow(r);
  }

  /** The set-up that first reported turnout for the section: the one whose result the office counts. */
  turnoutSetup(section: string): string | undefined {
    return (this.db.prepare("SELECT setup FROM turnout WHERE section = ? AND state = 'accepted' ORDER BY id LIMIT 1").get(section) as { setup: string } | undefined)?.setup;
  }

  /**
   * The set-up the section's turnout is held against: the one that first reported turnout, or else the
   * one of its accepted result; none before either.
   */
  reportedSetup(section: string): string | undefined {
    return this.turnoutSetup(section) ?? this.acceptedFor(section)?.setup ?? undefined;
  }
}
