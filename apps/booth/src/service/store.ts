// The booth's ballot box (docs/design.md §4; docs/threat-model.md R1, R2, R6, R7, R8).
import { renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ballotsDigest, nextEntry, type EventId, type LogEntry } from '@seggio/ballot-core';
import { fromBase64, toBase64, type SeggioCrypto } from '@seggio/crypto';
import { ConsoleMessage } from '@seggio/link';
import { isDiskFailure, StoreError } from './errors.js';
import type { PendingSetup, StoredPhase } from './machine.js';
import { migrate } from './migrations.js';
import type { LinkCounters, Pairing, SignedDocument, StoredBallot, StoredToken, TokenOutcome } from './records.js';
import { contentProblem } from './store-check.js';

export { isDiskFailure, StoreError } from './errors.js';
export type { LinkCounters, Pairing, SignedDocument, StoredBallot, StoredToken, TokenOutcome } from './records.js';

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
      try {
        store.configure();
      } catch (error) {
        // A migration's refusal, said with the file it is about.
        if (error instanceof StoreError) throw new StoreError(`${path}: ${error.message}`);
        throw error;
      }
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
    migrate(this.db);
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
    if (rows.length !== 1 || rows[0]?.integrity_check !== 'ok') {
      return `the database is damaged (${rows.slice(0, 3).map((r) => r.integrity_check).join('; ')})`;
    }
    return contentProblem(this, crypto);
  }

  /** The booth's phase, the one value its state is read from (machine.ts). */
  phase(): StoredPhase {
    const row = this.statement('SELECT kind, session, pending FROM phase WHERE id = 1').get() as RawPhase | undefined;
    if (!row) throw new StoreError('the store holds no phase');
    switch (row.kind) {
      case 'in-session': {
        const raw = this.statement('SELECT counter, session, contests, signature, outcome FROM tokens WHERE counter = ?').get(row.session) as RawToken | undefined;
        const token = raw && parseToken(raw);
        if (!token) throw new StoreError(`the phase names session ${String(row.session)}, which has no token`);
        return { kind: 'in-session', session: { counter: token.counter, session: token.session, contests: token.contests } };
      }
      case 'confirming':
        return { kind: 'confirming', pending: parsePending(row.pending ?? '') };
      default:
        return { kind: row.kind };
    }
  }

  setPhase(phase: StoredPhase): void {
    const session = phase.kind === 'in-session' ? phase.session.counter : null;
    const pending = phase.kind === 'confirming' ? JSON.stringify(phase.pending) : null;
    this.statement('UPDATE phase SET kind = ?, session = ?, pending = ? WHERE id = 1').run(phase.kind, session, pending);
  }

  /**
   * The pairing as last read, or undefined to read it again: the cast and the link ask for it several
   * times a voter, and each read copies the election's bytes. Written once, at the confirmation, it is
   * forgotten when written and when a transaction fails, so that a pairing rolled back is never given.
   */
  #pairing: Pairing | null | undefined;

  pairing(): Pairing | null {
    if (this.#pairing === undefined) this.#pairing = this.#readPairing();
    return this.#pairing;
  }

  #readPairing(): Pairing | null {
    const r = this.statement('SELECT * FROM pairing WHERE id = 1').get() as RawPairing | undefined;
    return r
      ? {
          booth: r.booth,
          section: r.section,
          election: { bytes: r.election, signature: r.election_signature },
          electionDigest: r.election_digest,
          setup: { bytes: r.setup, signature: r.setup_signature },
          consoleKey: fromBase64(r.console_key),
          consoleMachine: r.console_machine,
          urnaKey: fromBase64(r.urna_key),
        }
      : null;
  }

  setPairing(p: Pairing): void {
    this.statement(
      `INSERT INTO pairing (id, booth, section, election, election_signature, election_digest, setup, setup_signature, console_key, console_machine, urna_key)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(p.booth, p.section, p.election.bytes, p.election.signature, p.electionDigest, p.setup.bytes, p.setup.signature, toBase64(p.consoleKey), p.consoleMachine, toBase64(p.urnaKey));
    this.#pairing = undefined;
  }

  zeroReport(): SignedDocument | null {
    return (this.statement('SELECT bytes, signature FROM zero_report WHERE id = 1').get() as SignedDocument | undefined) ?? null;
  }

  setZeroReport(report: SignedDocument): void {
    this.statement('INSERT INTO zero_report (id, bytes, signature) VALUES (1, ?, ?)').run(report.bytes, report.signature);
  }

  linkCounters(): LinkCounters {
    const row = this.statement('SELECT last_sent AS lastSent, last_received AS lastReceived FROM link_counters WHERE id = 1').get() as LinkCounters | undefined;
    if (!row) throw new StoreError('the store holds no link counters');
    return row;
  }

  setLastSent(counter: number): void {
    this.statement('UPDATE link_counters SET last_sent = ? WHERE id = 1').run(counter);
  }

  setLastReceived(counter: number): void {
    this.statement('UPDATE link_counters SET last_received = ? WHERE id = 1').run(counter);
  }

  /** Runs `work` as one transaction; with synchronous=FULL its effects are on disk when it returns. */
  transaction<T>(work: () => T): T {
    let result: T;
    try {
      result = this.db.transaction(work).immediate();
    } catch (error) {
      this.#pairing = undefined;
      throw error;
    }
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
    return Object.fromEntries(
      contests.map((c) => {
        const hs = byContest.get(c) ?? [];
        return [c, { count: hs.length, ballotsDigest: ballotsDigest(hs) }];
      }),
    );
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

  addOutbox(counter: number, frame: string): void {
    this.statement('INSERT INTO outbox (counter, frame) VALUES (?, ?)').run(counter, frame);
  }

  outboxAfter(counter: number): { counter: number; frame: string }[] {
    return this.statement('SELECT counter, frame FROM outbox WHERE counter > ? ORDER BY counter').all(counter) as { counter: number; frame: string }[];
  }

  pruneOutbox(upTo: number): void {
    this.statement('DELETE FROM outbox WHERE counter <= ?').run(upTo);
  }

  /** For tests of disk failure: SQLite refuses to grow the file past its present size, as on a full disk. */
  limitGrowth(): void {
    const pages = this.db.pragma('page_count', { simple: true }) as number;
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
    this.#pairing = undefined;
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
interface RawPhase {
  kind: StoredPhase['kind'];
  session: number | null;
  pending: string | null;
}
interface RawPairing {
  booth: string;
  section: string;
  election: string;
  election_signature: string;
  election_digest: string;
  setup: string;
  setup_signature: string;
  console_key: string;
  console_machine: string;
  urna_key: string;
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

/** The set-up kept for the president's answer, read back as carefully as it was first taken off the LAN. */
function parsePending(text: string): PendingSetup {
  try {
    const value = JSON.parse(text) as { body?: unknown; from?: unknown; machine?: unknown };
    const body = ConsoleMessage.safeParse(value.body);
    if (body.success && body.data.type === 'setup' && typeof value.from === 'string' && typeof value.machine === 'string') return { body: body.data, from: value.from, machine: value.machine };
  } catch {
    // Said below, as any other pending set-up that does not hold.
  }
  throw new StoreError('the set-up waiting for the president does not hold together');
}
