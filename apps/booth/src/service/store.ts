// The booth's ballot box (docs/design.md §4; docs/threat-model.md R1, R2, R6, R7, R8).
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ballotsDigest, checkChain, nextEntry, type EventId, type LogEntry } from '@seggio/ballot-core';
import { toHex, type SeggioCrypto } from '@seggio/crypto';

/** The store cannot be used: damaged, or a disk that failed. The reason is for the president. */
export class StoreError extends Error {
  override name = 'StoreError';
}

export interface StoredBallot {
  readonly h: string;
  readonly contest: string;
  readonly ct: Uint8Array;
  readonly sig: Uint8Array;
}

export type TokenOutcome = 'open' | 'cast' | 'cancelled';
export interface StoredToken {
  readonly counter: number;
  readonly session: string;
  readonly contests: readonly string[];
  readonly signature: string;
  readonly outcome: TokenOutcome;
}

function schemaSql(): string {
  // Beside this module in the sources; from dist/, the same file in src/.
  for (const candidate of ['./schema.sql', '../../../src/service/schema.sql']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(url)) return readFileSync(url, 'utf8');
  }
  throw new Error('schema.sql not found beside the booth service');
}

/** SQLite's own codes for a failing disk: these put the booth out of service (R8). */
export function isDiskFailure(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(FULL|IOERR|CORRUPT|NOTADB|CANTOPEN|READONLY|PROTOCOL)/.test(code);
}

/** Transactions between checkpoints: a cast writes a few pages, so the WAL stays well under SQLite's 1,000. */
export const CHECKPOINT_EVERY = 32;

export class BoothStore {
  private constructor(
    private db: Database.Database,
    readonly path: string | null,
  ) {}

  /** A store on disk; refuses, with the reason, to open a damaged one (R7). */
  static open(path: string, crypto: SeggioCrypto): BoothStore {
    let db: Database.Database | undefined;
    try {
      db = new Database(path);
      const store = new BoothStore(db, path);
      store.configure();
      const problem = store.check(crypto);
      if (problem) throw new StoreError(`${path}: ${problem}`);
      return store;
    } catch (error) {
      db?.close();
      if (error instanceof StoreError) throw error;
      throw new StoreError(`${path}: the store cannot be opened (${(error as Error).message})`);
    }
  }

  /** An in-memory store for tests. */
  static memory(): BoothStore {
    const store = new BoothStore(new Database(':memory:'), null);
    store.configure();
    return store;
  }

  /** Statements prepared once per connection: on the cast's path preparing costs more than running. */
  readonly #statements = new Map<string, Database.Statement>();

  private statement(sql: string): Database.Statement {
    let prepared = this.#statements.get(sql);
    if (!prepared) this.#statements.set(sql, (prepared = this.db.prepare(sql)));
    return prepared;
  }

  private configure(): void {
    this.db.pragma('journal_mode = WAL');
    // A vote is acknowledged only once it is on disk (docs/threat-model.md fact 3, R6).
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(schemaSql());
  }

  /** The connection's settings that R2 and R6 rest on, as SQLite reports them (synchronous 2 is FULL). */
  settings(): { journalMode: string; synchronous: number; secureDelete: number } {
    return {
      journalMode: this.db.pragma('journal_mode', { simple: true }) as string,
      synchronous: this.db.pragma('synchronous', { simple: true }) as number,
      secureDelete: this.db.pragma('secure_delete', { simple: true }) as number,
    };
  }

  /** SQLite's integrity check and the application's: what is wrong, or null (R7). */
  check(crypto: SeggioCrypto): string | null {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    if (rows.length !== 1 || rows[0]!.integrity_check !== 'ok') {
      return `the database is damaged (${rows.slice(0, 3).map((r) => r.integrity_check).join('; ')})`;
    }
    for (const b of this.ballots()) {
      if (toHex(crypto.sha256(b.ct)) !== b.h) return `ballot ${b.h.slice(0, 12)}… does not match its hash: the store was altered`;
    }
    const chain = checkChain(this.log());
    if (chain) return `the event log is broken: ${chain}`;
    const cast = this.tokens().filter((t) => t.outcome === 'cast');
    for (const [contest, count] of Object.entries(this.countsByContest())) {
      const expected = cast.filter((t) => t.contests.includes(contest)).length;
      if (count !== expected) return `contest ${contest} holds ${count} ballots but ${expected} sessions cast it`;
    }
    return null;
  }

  get(key: string): string | undefined {
    return (this.statement('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  set(key: string, value: string): void {
    this.statement('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Runs `work` as one transaction; with synchronous=FULL its effects are on disk when it returns. */
  transaction<T>(work: () => T): T {
    const result = this.db.transaction(work).immediate();
    if (++this.#sinceCheckpoint >= CHECKPOINT_EVERY && !this.#checkpointDue) {
      this.#checkpointDue = true;
      setImmediate(() => this.#checkpoint());
    }
    return result;
  }

  /** Transactions since the WAL was last copied into the database (see `#checkpoint`). */
  #sinceCheckpoint = 0;
  #checkpointDue = false;

  /**
   * The WAL copied into the database once the cast that filled it has returned, so that no voter's
   * commit carries SQLite's automatic checkpoint (a thousand pages written and synced) on its path.
   * The WAL then restarts from its beginning, short of the automatic threshold. The ballots are
   * already durable in the WAL: a disk that fails here fails the next transaction, which puts the
   * booth out of service (R8).
   */
  #checkpoint(): void {
    this.#checkpointDue = false;
    if (!this.db.open) return;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
      this.#sinceCheckpoint = 0;
    } catch (error) {
      if (!isDiskFailure(error)) throw error;
    }
  }

  appendLog(event: EventId, detail: LogEntry['detail'] = {}): void {
    const last = this.statement('SELECT seq, event, detail, prev, hash FROM log ORDER BY seq DESC LIMIT 1').get() as RawLog | undefined;
    const entry = nextEntry(last ? parseLog(last) : undefined, event, detail);
    this.statement('INSERT INTO log (seq, event, detail, prev, hash) VALUES (?, ?, ?, ?, ?)').run(entry.seq, entry.event, JSON.stringify(entry.detail), entry.prev, entry.hash);
  }

  log(): LogEntry[] {
    return (this.statement('SELECT seq, event, detail, prev, hash FROM log ORDER BY seq').all() as RawLog[]).map(parseLog);
  }

  insertBallots(ballots: readonly StoredBallot[]): void {
    const insert = this.statement('INSERT INTO ballots (h, contest, ct, sig) VALUES (?, ?, ?, ?)');
    for (const b of ballots) insert.run(b.h, b.contest, b.ct, b.sig);
  }

  /** Every ballot, in ascending order of h: the only order that ever leaves the booth (R2). */
  ballots(): StoredBallot[] {
    return (this.statement('SELECT h, contest, ct, sig FROM ballots ORDER BY h').all() as { h: string; contest: string; ct: Buffer; sig: Buffer }[]).map((r) => ({
      h: r.h,
      contest: r.contest,
      ct: new Uint8Array(r.ct),
      sig: new Uint8Array(r.sig),
    }));
  }

  countsByContest(): Record<string, number> {
    const rows = this.statement('SELECT contest, count(*) AS n FROM ballots GROUP BY contest ORDER BY contest').all() as { contest: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.contest, r.n]));
  }

  /** Per contest: count and ballotsDigest, for the zero report and the seal. */
  sealFigures(contests: readonly string[]): Record<string, { count: number; ballotsDigest: string }> {
    const byContest = new Map<string, string[]>(contests.map((c) => [c, []]));
    for (const b of this.ballots()) byContest.get(b.contest)?.push(b.h);
    return Object.fromEntries(contests.map((c) => [c, { count: byContest.get(c)!.length, ballotsDigest: ballotsDigest(byContest.get(c)!) }]));
  }

  insertToken(token: Omit<StoredToken, 'outcome'>): void {
    this.statement("INSERT INTO tokens (counter, session, contests, signature, outcome) VALUES (?, ?, ?, ?, 'open')").run(token.counter, token.session, JSON.stringify(token.contests), token.signature);
  }

  setOutcome(session: string, outcome: Exclude<TokenOutcome, 'open'>): void {
    const changed = this.statement("UPDATE tokens SET outcome = ? WHERE session = ? AND outcome = 'open'").run(outcome, session).changes;
    if (changed !== 1) throw new StoreError(`session ${session} is not open`);
  }

  tokens(): StoredToken[] {
    return (this.statement('SELECT counter, session, contests, signature, outcome FROM tokens ORDER BY counter').all() as RawToken[]).map(parseToken);
  }

  lastTokenCounter(): number {
    return (this.statement('SELECT coalesce(max(counter), 0) AS n FROM tokens').get() as { n: number }).n;
  }

  openToken(): StoredToken | undefined {
    const raw = this.statement("SELECT counter, session, contests, signature, outcome FROM tokens WHERE outcome = 'open' ORDER BY counter LIMIT 1").get() as RawToken | undefined;
    return raw && parseToken(raw);
  }

  addOutbox(counter: number, frame: string): void {
    this.statement('INSERT INTO outbox (counter, frame) VALUES (?, ?)').run(counter, frame);
  }

  outboxAfter(counter: number): string[] {
    return (this.statement('SELECT frame FROM outbox WHERE counter > ? ORDER BY counter').all(counter) as { frame: string }[]).map((r) => r.frame);
  }


  pruneOutbox(upTo: number): void {
    this.statement('DELETE FROM outbox WHERE counter <= ?').run(upTo);
  }

  /** For tests of disk failure: SQLite refuses to grow the file past its present size, as on a full disk. */
  limitGrowth(): void {
    const pages = (this.db.pragma('page_count') as { page_count: number }[])[0]!.page_count;
    this.db.pragma(`max_page_count = ${pages}`);
  }

  allowGrowth(): void {
    this.db.pragma('max_page_count = 1073741823');
  }

  /**
   * At close (R2): checkpoint and truncate the WAL, then rewrite the whole database into a fresh file
   * with VACUUM INTO, so that nothing on disk keeps the order in which ballots were cast.
   */
  canonicalise(crypto: SeggioCrypto): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    if (this.path === null) {
      this.db.exec('VACUUM');
      return;
    }
    const fresh = `${this.path}.canonical`;
    rmSync(fresh, { force: true });
    this.db.prepare('VACUUM INTO ?').run(fresh);
    this.#statements.clear();
    this.db.close();
    for (const suffix of ['-wal', '-shm']) rmSync(`${this.path}${suffix}`, { force: true });
    renameSync(fresh, this.path);
    this.db = new Database(this.path);
    this.configure();
    const problem = this.check(crypto);
    if (problem) throw new StoreError(`after canonicalisation: ${problem}`);
  }

  close(): void {
    this.db.close();
  }
}

interface RawLog {
  seq: number;
  event: string;
  detail: string;
  prev: string;
  hash: string;
}
interface RawToken {
  counter: number;
  session: string;
  contests: string;
  signature: string;
  outcome: TokenOutcome;
}

const parseToken = (t: RawToken): StoredToken => ({ ...t, contests: JSON.parse(t.contests) as string[] });
const parseLog = (r: RawLog): LogEntry => ({ seq: r.seq, event: r.event as EventId, detail: JSON.parse(r.detail) as LogEntry['detail'], prev: r.prev, hash: r.hash });
