// The office's one SQLite store (docs/design.md §4, §8): typed accessors over the schema of migrations.ts.
// Every write that settles something is one transaction with synchronous=FULL, so a killed office
// holds either the whole of it or none.
import Database from 'better-sqlite3';
import type { Problem } from '../shared/codes.js';
import type { Channel, SubmissionState } from '../shared/api.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { PreparationRecords } from './preparation-store.js';
import { next, type SubmissionAction } from './submission.js';

export interface SubmissionRow {
  readonly id: number;
  readonly receivedAt: string;
  readonly channel: Channel;
  readonly origin: string;
  readonly digest: string;
  readonly state: SubmissionState;
  readonly problems: readonly Problem[];
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

interface RawSubmission {
  id: number;
  received_at: string;
  channel: Channel;
  origin: string;
  digest: string;
  state: SubmissionState;
  problems: string;
  section: string | null;
  setup: string | null;
  tally_digest: string | null;
  tally: string | null;
}

const SUBMISSION_COLUMNS = 'id, received_at, channel, origin, digest, state, problems, section, setup, tally_digest, tally';

const submission = (r: RawSubmission): SubmissionRow => ({
  id: r.id,
  receivedAt: r.received_at,
  channel: r.channel,
  origin: r.origin,
  digest: r.digest,
  state: r.state,
  problems: JSON.parse(r.problems) as Problem[],
  section: r.section,
  setup: r.setup,
  tallyDigest: r.tally_digest,
  tally: r.tally,
});

/** Brings a database to SCHEMA_VERSION; refuses one from a newer office. Exported for the migration tests. */
export function migrate(db: Database.Database, upTo = SCHEMA_VERSION): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) throw new OfficeStoreError(`the store is at schema version ${version}, newer than this office's ${SCHEMA_VERSION}: use a newer office`);
  db.transaction(() => {
    for (const m of MIGRATIONS) {
      if (m.version <= version || m.version > upTo) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}

export class OfficeStore {
  /** The preparation of the day: the package, what was signed, the certificates issued. */
  readonly preparation: PreparationRecords;

  private constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new OfficeStoreError(`the store failed its integrity check: ${String(check)}`);
    migrate(db);
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

  /** Records a submission as received, or returns the one already received with the same bytes. */
  receive(input: { channel: Channel; origin: string; digest: string; archive: Uint8Array }): { row: SubmissionRow; fresh: boolean } {
    return this.db.transaction(() => {
      const existing = this.submissionByDigest(input.digest);
      if (existing) return { row: existing, fresh: false };
      const info = this.db
        .prepare("INSERT INTO submissions (received_at, channel, origin, digest, archive, state) VALUES (?, ?, ?, ?, ?, 'received')")
        .run(new Date().toISOString(), input.channel, input.origin.slice(0, 200), input.digest, input.archive);
      this.event('submission-received', { id: Number(info.lastInsertRowid), channel: input.channel, origin: input.origin.slice(0, 200) });
      return { row: this.submission(Number(info.lastInsertRowid))!, fresh: true };
    })();
  }

  /** Applies one transition of the submission's state machine, in one transaction. */
  settle(id: number, action: SubmissionAction, identified: Identified | null): SubmissionRow {
    return this.db.transaction(() => {
      const row = this.submission(id);
      if (!row) throw new OfficeStoreError(`no submission ${id}`);
      const t = next(row.state, action);
      if (!t.ok) throw new OfficeStoreError(`submission ${id} is already ${t.from}`);
      this.db
        .prepare('UPDATE submissions SET state = ?, problems = ?, section = ?, setup = ?, tally_digest = ?, tally = ? WHERE id = ?')
        .run(t.state, JSON.stringify(t.problems), identified?.section ?? null, identified?.setup ?? null, identified?.tallyDigest ?? null, identified?.tally ?? null, id);
      // Anyone on the LAN may push: a refused archive's bytes are let go (its digest, reasons and origin
      // stay, so a replay gets the same answer), or pushes of junk would fill the office's disk.
      if (t.state === 'refused') this.db.prepare("UPDATE submissions SET archive = X'' WHERE id = ?").run(id);
      this.event(`submission-${t.state}`, { id, section: identified?.section ?? '', codes: t.problems.map((p) => p.code).join(',') });
      return this.submission(id)!;
    })();
  }

  submission(id: number): SubmissionRow | undefined {
    const r = this.db.prepare(`SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE id = ?`).get(id) as RawSubmission | undefined;
    return r && submission(r);
  }

  submissionByDigest(digest: string): SubmissionRow | undefined {
    const r = this.db.prepare(`SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE digest = ?`).get(digest) as RawSubmission | undefined;
    return r && submission(r);
  }

  /** Every submission, newest first. */
  submissions(): SubmissionRow[] {
    return (this.db.prepare(`SELECT ${SUBMISSION_COLUMNS} FROM submissions ORDER BY id DESC`).all() as RawSubmission[]).map(submission);
  }

  /** Received and not yet judged: what a restarted office checks first. */
  unsettled(): SubmissionRow[] {
    return (this.db.prepare(`SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE state = 'received' ORDER BY id`).all() as RawSubmission[]).map(submission);
  }

  accepted(): SubmissionRow[] {
    return (this.db.prepare(`SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE state = 'accepted' ORDER BY section`).all() as RawSubmission[]).map(submission);
  }

  acceptedFor(section: string): SubmissionRow | undefined {
    const r = this.db.prepare(`SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE state = 'accepted' AND section = ?`).get(section) as RawSubmission | undefined;
    return r && submission(r);
  }

  /** The archive's exact bytes, as received. */
  archive(id: number): Uint8Array | undefined {
    return (this.db.prepare('SELECT archive FROM submissions WHERE id = ?').get(id) as { archive: Buffer } | undefined)?.archive;
  }

  addTurnout(row: Omit<TurnoutRow, 'id' | 'receivedAt'>): TurnoutRow {
    return this.db.transaction(() => {
      const info = this.db
        .prepare('INSERT INTO turnout (received_at, section, checkpoint, setup, state, document, signature, setup_document, setup_signature, figures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(new Date().toISOString(), row.section, row.checkpoint, row.setup, row.state, row.document, row.signature, row.setupDocument, row.setupSignature, row.figures);
      this.event(`turnout-${row.state}`, { section: row.section, checkpoint: row.checkpoint });
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
