// The seat console's store (docs/design.md §4).
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { checkChain, nextEntry, type EventId, type LogEntry } from '@seggio/ballot-core';

export class ConsoleStoreError extends Error {
  override name = 'ConsoleStoreError';
}

export type SessionState = 'enabled' | 'started' | 'cast' | 'cancelled' | 'refused';

export interface BoothRow {
  readonly id: string;
  readonly publicKey: string;
  /** The booth's machine id and the office's certificate for its key (docs/design.md §6), as the link carried it. */
  readonly machine: string;
  readonly certificate: string;
  readonly setup: string;
  readonly lastReceived: number;
  readonly reportedState: string;
  readonly zeroReport: string | null;
  readonly zeroReportSignature: string | null;
  readonly seal: string | null;
  readonly sealSignature: string | null;
  readonly log: string | null;
}

export interface SessionRow {
  readonly session: string;
  readonly booth: string;
  readonly counter: number;
  readonly contests: readonly string[];
  readonly category: string;
  readonly sex: 'M' | 'F';
  readonly state: SessionState;
}

export interface RollEntry {
  readonly number: number;
  readonly surname: string;
  readonly name: string;
  readonly sex: 'M' | 'F';
  readonly category: string;
  readonly session: string | null;
  readonly voted: 0 | 1;
}

export interface BallotRow {
  readonly h: string;
  readonly contest: string;
  readonly booth: string;
  readonly ct: string;
  readonly sig: string;
}

function schemaSql(): string {
  for (const candidate of ['./schema.sql', '../../../src/service/schema.sql']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(url)) return readFileSync(url, 'utf8');
  }
  throw new Error('schema.sql not found beside the console service');
}

function logEntries(rows: unknown[]): LogEntry[] {
  return (rows as { seq: number; event: EventId; detail: string; prev: string; hash: string }[]).map((r) => ({ ...r, detail: JSON.parse(r.detail) as LogEntry['detail'] }));
}

const SESSION_COLUMNS = 'session, booth, counter, contests, category, sex, state';
type RawSession = Omit<SessionRow, 'contests'> & { contests: string };
const parseSession = (r: RawSession): SessionRow => ({ ...r, contests: JSON.parse(r.contests) as string[] });
const BOOTH_COLUMNS = 'id, public_key AS publicKey, machine, certificate, setup, last_received AS lastReceived, reported_state AS reportedState, zero_report AS zeroReport, zero_report_signature AS zeroReportSignature, seal, seal_signature AS sealSignature, log';

export class ConsoleStore {
  private constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.exec(schemaSql());
  }

  static open(path: string): ConsoleStore {
    let db: Database.Database | undefined;
    try {
      db = new Database(path);
      const store = new ConsoleStore(db);
      const rows = db.pragma('integrity_check') as { integrity_check: string }[];
      if (rows[0]?.integrity_check !== 'ok') throw new ConsoleStoreError(`${path}: the database is damaged (${rows[0]?.integrity_check ?? 'no answer'})`);
      const chain = checkChain(store.log());
      if (chain) throw new ConsoleStoreError(`${path}: the event log is broken: ${chain}`);
      return store;
    } catch (error) {
      db?.close();
      if (error instanceof ConsoleStoreError) throw error;
      throw new ConsoleStoreError(`${path}: the store cannot be opened (${(error as Error).message})`);
    }
  }

  static memory(): ConsoleStore {
    return new ConsoleStore(new Database(':memory:'));
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  get(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  set(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  appendLog(event: EventId, detail: LogEntry['detail'] = {}): void {
    const entry = nextEntry(this.logTail(1)[0], event, detail);
    this.db.prepare('INSERT INTO log (seq, event, detail, prev, hash) VALUES (?, ?, ?, ?, ?)').run(entry.seq, entry.event, JSON.stringify(entry.detail), entry.prev, entry.hash);
  }

  log(): LogEntry[] {
    return logEntries(this.db.prepare('SELECT seq, event, detail, prev, hash FROM log ORDER BY seq').all());
  }

  /** The last `n` entries, oldest first. */
  logTail(n: number): LogEntry[] {
    return logEntries(this.db.prepare('SELECT seq, event, detail, prev, hash FROM log ORDER BY seq DESC LIMIT ?').all(n)).reverse();
  }

  addBooth(id: string, publicKey: string, machine: string, certificate: string, setup: string): void {
    this.db.prepare('INSERT INTO booths (id, public_key, machine, certificate, setup) VALUES (?, ?, ?, ?, ?)').run(id, publicKey, machine, certificate, setup);
  }

  booths(): BoothRow[] {
    return this.db.prepare(`SELECT ${BOOTH_COLUMNS} FROM booths ORDER BY id`).all() as BoothRow[];
  }

  booth(id: string): BoothRow | undefined {
    return this.db.prepare(`SELECT ${BOOTH_COLUMNS} FROM booths WHERE id = ?`).get(id) as BoothRow | undefined;
  }

  boothByKey(publicKey: string): BoothRow | undefined {
    return this.db.prepare(`SELECT ${BOOTH_COLUMNS} FROM booths WHERE public_key = ?`).get(publicKey) as BoothRow | undefined;
  }

  updateBooth(id: string, fields: Partial<Record<'last_received' | 'reported_state' | 'zero_report' | 'zero_report_signature' | 'seal' | 'seal_signature' | 'log', string | number>>): void {
    const keys = Object.keys(fields);
    this.db.prepare(`UPDATE booths SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...fields, id });
  }

  addSession(s: Omit<SessionRow, 'state'>): void {
    this.db.prepare("INSERT INTO sessions (session, booth, counter, contests, category, sex, state) VALUES (?, ?, ?, ?, ?, ?, 'enabled')").run(s.session, s.booth, s.counter, JSON.stringify(s.contests), s.category, s.sex);
  }

  setSessionState(session: string, state: SessionState): void {
    this.db.prepare('UPDATE sessions SET state = ? WHERE session = ?').run(state, session);
  }

  sessions(): SessionRow[] {
    return (this.db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions ORDER BY booth, counter`).all() as RawSession[]).map(parseSession);
  }

  session(id: string): SessionRow | undefined {
    const raw = this.db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE session = ?`).get(id) as RawSession | undefined;
    return raw && parseSession(raw);
  }

  /** The booth's session that is enabled or under way, if any. */
  openSession(booth: string): SessionRow | undefined {
    const raw = this.db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE booth = ? AND state IN ('enabled', 'started') ORDER BY counter LIMIT 1`).get(booth) as RawSession | undefined;
    return raw && parseSession(raw);
  }

  sessionAt(booth: string, counter: number): SessionRow | undefined {
    const raw = this.db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE booth = ? AND counter = ?`).get(booth, counter) as RawSession | undefined;
    return raw && parseSession(raw);
  }

  lastCounter(booth: string): number {
    return (this.db.prepare('SELECT coalesce(max(counter), 0) AS n FROM sessions WHERE booth = ?').get(booth) as { n: number }).n;
  }

  addTurnout(checkpoint: string, figures: string): void {
    this.db.prepare('INSERT INTO turnout (position, checkpoint, figures) VALUES ((SELECT coalesce(max(position), 0) + 1 FROM turnout), ?, ?)').run(checkpoint, figures);
  }

  turnout(): { checkpoint: string; figures: string }[] {
    return this.db.prepare('SELECT checkpoint, figures FROM turnout ORDER BY position').all() as { checkpoint: string; figures: string }[];
  }

  addBallots(ballots: readonly BallotRow[]): void {
    const insert = this.db.prepare('INSERT INTO ballots (h, contest, booth, ct, sig) VALUES (@h, @contest, @booth, @ct, @sig)');
    for (const b of ballots) insert.run(b);
  }

  ballots(): BallotRow[] {
    return this.db.prepare('SELECT h, contest, booth, ct, sig FROM ballots ORDER BY h').all() as BallotRow[];
  }

  replaceRoll(entries: readonly Omit<RollEntry, 'session' | 'voted'>[]): void {
    this.db.prepare('DELETE FROM roll').run();
    const insert = this.db.prepare('INSERT INTO roll (number, surname, name, sex, category) VALUES (@number, @surname, @name, @sex, @category)');
    for (const e of entries) insert.run(e);
  }

  rollEntry(number: number): RollEntry | undefined {
    return this.db.prepare('SELECT number, surname, name, sex, category, session, voted FROM roll WHERE number = ?').get(number) as RollEntry | undefined;
  }

  rollSize(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM roll').get() as { n: number }).n;
  }

  rollVoted(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM roll WHERE voted = 1').get() as { n: number }).n;
  }

  /** Ties a roll entry to the session it was enabled for; on cast it is marked voted, on cancel freed. */
  setRollSession(number: number, session: string | null): void {
    this.db.prepare('UPDATE roll SET session = ? WHERE number = ?').run(session, number);
  }

  settleRollSession(session: string, cast: boolean): void {
    this.db.prepare(cast ? 'UPDATE roll SET voted = 1 WHERE session = ?' : 'UPDATE roll SET session = NULL WHERE session = ? AND voted = 0').run(session);
  }

  addOutbox(booth: string, counter: number, frame: string): void {
    this.db.prepare('INSERT INTO outbox (booth, counter, frame) VALUES (?, ?, ?)').run(booth, counter, frame);
  }

  outboxAfter(booth: string, counter: number): { counter: number; frame: string }[] {
    return this.db.prepare('SELECT counter, frame FROM outbox WHERE booth = ? AND counter > ? ORDER BY counter').all(booth, counter) as { counter: number; frame: string }[];
  }

  lastOutboxCounter(booth: string): number {
    return (this.db.prepare('SELECT coalesce(max(counter), 0) AS n FROM outbox WHERE booth = ?').get(booth) as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
