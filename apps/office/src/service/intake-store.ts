// What the comune office's store (store.ts) and the Prefettura's (prefettura/store.ts) keep alike: the
// opening of a store with its numbered migrations, the event log, and the intake table, whose rows are
// what was pushed or uploaded, kept byte for byte with what became of it. Each store names its table
// and the key that one row is accepted for (a section, a comune), and keeps its schema as released.
import type Database from 'better-sqlite3';
import type { Channel, SubmissionState, SubmissionView } from '../shared/api.js';
import type { Problem } from '../shared/codes.js';
import { next, type SubmissionAction } from './submission.js';

export interface Migration {
  readonly version: number;
  readonly why: string;
  readonly sql: string;
}

/** Each store's refusals are its own errors (the office's OfficeStoreError, the Prefettura's Error). */
export type Refuse = (message: string) => Error;

/**
 * Brings a database to `upTo` with every migration after its version, in one transaction; refuses one
 * from a newer office (`whose` says whose schema: "this office's", "this Prefettura's").
 */
export function runMigrations(db: Database.Database, migrations: readonly Migration[], upTo: number, whose: string, refuse: Refuse): void {
  const latest = migrations.at(-1)!.version;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > latest) throw refuse(`the store is at schema version ${version}, newer than ${whose} ${latest}: use a newer office`);
  db.transaction(() => {
    for (const m of migrations) {
      if (m.version <= version || m.version > upTo) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}

/** Every write that settles something waits for the disk (synchronous=FULL); a damaged file is refused. */
export function openChecked(db: Database.Database, refuse: Refuse, foreignKeys: boolean): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  if (foreignKeys) db.pragma('foreign_keys = ON');
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw refuse(`the store failed its integrity check: ${String(check)}`);
}

export type EventDetail = Record<string, string | number>;

/** The store's own event log: what arrived, from where, and what became of it. */
export class EventLog {
  constructor(private readonly db: Database.Database) {}

  all(): { seq: number; at: string; event: string; detail: EventDetail }[] {
    return (this.db.prepare('SELECT * FROM events ORDER BY seq').all() as { seq: number; at: string; event: string; detail: string }[]).map((e) => ({ ...e, detail: JSON.parse(e.detail) as EventDetail }));
  }

  record(event: string, detail: EventDetail): void {
    this.db.prepare('INSERT INTO events (at, event, detail) VALUES (?, ?, ?)').run(new Date().toISOString(), event, JSON.stringify(detail));
  }
}

/** The columns every intake row has, whatever it is found to be: as the staff's view shows them. */
export type IntakeRow = Pick<SubmissionView, 'id' | 'receivedAt' | 'channel' | 'origin' | 'digest' | 'state' | 'problems'>;

export interface RawIntake {
  id: number; received_at: string; channel: Channel; origin: string; digest: string; state: SubmissionState; problems: string;
}

const INTAKE_COLUMNS = 'id, received_at, channel, origin, digest, state, problems';

export const intakeRow = (r: RawIntake): IntakeRow => ({
  id: r.id, receivedAt: r.received_at, channel: r.channel, origin: r.origin, digest: r.digest, state: r.state, problems: JSON.parse(r.problems) as Problem[],
});

/** The intake table a store keeps (intake.ts has the intake's own spec, what judges and shows its rows). */
export interface IntakeTableSpec<Raw extends RawIntake, Row extends IntakeRow, Identified> {
  readonly table: 'submissions' | 'packages';
  /** What a row is called in the event log and in refusals: `submission-accepted`, `package 3 is already refused`. */
  readonly noun: 'submission' | 'package';
  /** The column one accepted row at most holds each value of (the schema's unique index). */
  readonly key: 'section' | 'comune';
  /** The columns beyond the intake's, as the store reads them. */
  readonly columns: string;
  readonly row: (r: Raw) => Row;
  /** What a settling writes of what the checks found: each column with its field (the key's first). */
  readonly found: readonly (readonly [column: string, field: keyof Identified])[];
  readonly refuse: Refuse;
}

/**
 * A store with an intake table: received, settled by the state machine of submission.ts, read back.
 * Each store adds its own readers by id under its own names (a submission, a package) and its other tables.
 */
export abstract class IntakeStore<Raw extends RawIntake, Row extends IntakeRow, Identified> {
  protected readonly log: EventLog;
  readonly #columns: string;

  protected constructor(protected readonly db: Database.Database, migrate: (db: Database.Database) => void, foreignKeys: boolean, private readonly spec: IntakeTableSpec<Raw, Row, Identified>) {
    openChecked(db, spec.refuse, foreignKeys);
    migrate(db);
    this.log = new EventLog(db);
    this.#columns = `${INTAKE_COLUMNS}, ${spec.columns}`;
  }

  /** Records what arrived as received, or returns the row already received with the same bytes. */
  receive(input: { channel: Channel; origin: string; digest: string; archive: Uint8Array }): { row: Row; fresh: boolean } {
    const { table, noun } = this.spec;
    return this.db.transaction(() => {
      const existing = this.byDigest(input.digest);
      if (existing) return { row: existing, fresh: false };
      const info = this.db
        .prepare(`INSERT INTO ${table} (received_at, channel, origin, digest, archive, state) VALUES (?, ?, ?, ?, ?, 'received')`)
        .run(new Date().toISOString(), input.channel, input.origin.slice(0, 200), input.digest, input.archive);
      this.log.record(`${noun}-received`, { id: Number(info.lastInsertRowid), channel: input.channel, origin: input.origin.slice(0, 200) });
      return { row: this.byId(Number(info.lastInsertRowid))!, fresh: true };
    })();
  }

  /** Applies one transition of the state machine, with what the checks found, in one transaction. */
  settle(id: number, action: SubmissionAction, identified: Identified | null): Row {
    const { table, noun, key, found, refuse } = this.spec;
    return this.db.transaction(() => {
      const row = this.byId(id);
      if (!row) throw refuse(`no ${noun} ${id}`);
      const t = next(row.state, action);
      if (!t.ok) throw refuse(`${noun} ${id} is already ${t.from}`);
      this.db
        .prepare(`UPDATE ${table} SET state = ?, problems = ?, ${found.map(([column]) => `${column} = ?`).join(', ')} WHERE id = ?`)
        .run(t.state, JSON.stringify(t.problems), ...found.map(([, field]) => identified?.[field] ?? null), id);
      // Anyone on the LAN may push: a refused archive's bytes are let go (its digest, reasons and origin
      // stay, so a replay gets the same answer), or pushes of junk would fill the disk.
      if (t.state === 'refused') this.db.prepare(`UPDATE ${table} SET archive = X'' WHERE id = ?`).run(id);
      const keyed = identified?.[found[0]![1]];
      this.log.record(`${noun}-${t.state}`, { id, [key]: typeof keyed === 'string' ? keyed : '', codes: t.problems.map((p) => p.code).join(',') });
      return this.byId(id)!;
    })();
  }

  /** Received and not yet judged: what a restarted office judges first. */
  unsettled(): Row[] {
    return this.#many("WHERE state = 'received' ORDER BY id");
  }

  accepted(): Row[] {
    return this.#many(`WHERE state = 'accepted' ORDER BY ${this.spec.key}`);
  }

  /** The one row accepted for this section or comune, if any. */
  acceptedFor(key: string): Row | undefined {
    return this.#one(`WHERE state = 'accepted' AND ${this.spec.key} = ?`, key);
  }

  /** The archive's exact bytes, as received. */
  archive(id: number): Uint8Array | undefined {
    return (this.db.prepare(`SELECT archive FROM ${this.spec.table} WHERE id = ?`).get(id) as { archive: Buffer } | undefined)?.archive;
  }

  events(): ReturnType<EventLog['all']> {
    return this.log.all();
  }

  close(): void {
    this.db.close();
  }

  protected byId(id: number): Row | undefined {
    return this.#one('WHERE id = ?', id);
  }

  protected byDigest(digest: string): Row | undefined {
    return this.#one('WHERE digest = ?', digest);
  }

  /** Every row, newest first. */
  protected all(): Row[] {
    return this.#many('ORDER BY id DESC');
  }

  #one(where: string, value: string | number): Row | undefined {
    const r = this.db.prepare(`SELECT ${this.#columns} FROM ${this.spec.table} ${where}`).get(value) as Raw | undefined;
    return r && this.spec.row(r);
  }

  #many(where: string): Row[] {
    return (this.db.prepare(`SELECT ${this.#columns} FROM ${this.spec.table} ${where}`).all() as Raw[]).map((r) => this.spec.row(r));
  }
}
