// The seat console's store (docs/design.md §4): one SQLite file per election, its schema the numbered
// migrations of migrations.ts, read and written only through the typed accessors below.
import Database from 'better-sqlite3';
import { checkChain, nextEntry, type EventId, type LogEntry } from '@seggio/ballot-core';
import type { BoothState } from '@seggio/link';
import type { ConsolePhase } from '../shared/api.js';
import { migrate } from './migrations.js';

export class ConsoleStoreError extends Error {
  override name = 'ConsoleStoreError';
}

export type SessionState = 'enabled' | 'started' | 'cast' | 'cancelled' | 'refused';

/** A document kept as its exact bytes (base64) and its detached signature (base64). */
export interface SignedDocument {
  readonly bytes: string;
  readonly signature: string;
}

/** What a booth last said of its keypad and its voice; null: not said. */
export interface Devices {
  readonly keypad: 'connected' | 'absent' | 'error' | null;
  readonly voice: boolean | null;
}

export interface BoothRow {
  readonly id: string;
  readonly publicKey: string;
  /** The booth's machine id and the office's certificate for its key (docs/design.md §6), as the link carried it. */
  readonly machine: string;
  readonly certificate: string;
  readonly setup: string;
  readonly lastReceived: number;
  /** What the booth last confirmed of its state (docs/design.md §1, "The console's service"), never what the console asked of it. */
  readonly state: BoothState;
  readonly zeroReport: SignedDocument | null;
  readonly seal: SignedDocument | null;
  readonly log: string | null;
  readonly devices: Devices;
  /** The session whose voter the booth is calling the president for, if it is. */
  readonly attention: string | null;
}

/** What the console's view shows of a booth: neither its documents nor its log, which the close makes long. */
export type BoothTile = Pick<BoothRow, 'id' | 'publicKey' | 'state' | 'devices' | 'attention'> & { readonly zeroReport: boolean; readonly sealed: boolean };

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

/** The election package as loaded: its bytes and the office's signature (base64), and the digest of the bytes. */
export interface StoredElection {
  readonly bytes: string;
  readonly signature: string;
  readonly digest: string;
}

/** What the set-up fixed: the section, the urna's public key, how its secret was split. */
export interface StoredKeys {
  readonly section: string;
  readonly urnaPublicKey: string;
  readonly shares: { readonly threshold: number; readonly count: number };
}

export interface TurnoutRow {
  readonly checkpoint: string;
  readonly figures: string;
  /** What the office answered when the checkpoint was sent to it; null while it has not. */
  readonly officeAnswer: string | null;
}

function logEntries(rows: unknown[]): LogEntry[] {
  return (rows as { seq: number; event: EventId; detail: string; prev: string; hash: string }[]).map((r) => ({ ...r, detail: JSON.parse(r.detail) as LogEntry['detail'] }));
}

const SESSION_COLUMNS = 'session, booth, counter, contests, category, sex, state';
type RawSession = Omit<SessionRow, 'contests'> & { contests: string };
const parseSession = (r: RawSession): SessionRow => ({ ...r, contests: JSON.parse(r.contests) as string[] });

const BOOTH_COLUMNS = 'id, public_key, machine, certificate, setup, last_received, state, zero_report, zero_report_signature, seal, seal_signature, log, keypad, voice, attention';
interface RawBooth {
  id: string; public_key: string; machine: string; certificate: string; setup: string; last_received: number; state: BoothState;
  zero_report: string | null; zero_report_signature: string | null; seal: string | null; seal_signature: string | null; log: string | null;
  keypad: Devices['keypad']; voice: 0 | 1 | null; attention: string | null;
}
const signed = (bytes: string | null, signature: string | null): SignedDocument | null => (bytes !== null && signature !== null ? { bytes, signature } : null);
const parseBooth = (r: RawBooth): BoothRow => ({
  id: r.id, publicKey: r.public_key, machine: r.machine, certificate: r.certificate, setup: r.setup, lastReceived: r.last_received, state: r.state,
  zeroReport: signed(r.zero_report, r.zero_report_signature), seal: signed(r.seal, r.seal_signature), log: r.log,
  devices: { keypad: r.keypad, voice: r.voice === null ? null : r.voice === 1 }, attention: r.attention,
});

interface RawConsole {
  phase: ConsolePhase; election_bytes: string | null; election_signature: string | null; election_digest: string | null;
  section: string | null; urna_public_key: string | null; shares_threshold: number | null; shares_count: number | null;
  office_bundle: string | null; office_bundle_answer: string | null;
}

export class ConsoleStore {
  private constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const problem = migrate(db);
    if (problem) throw new ConsoleStoreError(problem);
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
      if (error instanceof ConsoleStoreError) throw new ConsoleStoreError(error.message.startsWith(path) ? error.message : `${path}: ${error.message}`);
      throw new ConsoleStoreError(`${path}: the store cannot be opened (${(error as Error).message})`);
    }
  }

  static memory(): ConsoleStore {
    return new ConsoleStore(new Database(':memory:'));
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /** Statements prepared once per connection: a booth's frame or a view asks for several, and preparing costs more than running. */
  readonly #statements = new Map<string, Database.Statement>();

  #statement(sql: string): Database.Statement {
    let prepared = this.#statements.get(sql);
    if (!prepared) this.#statements.set(sql, (prepared = this.db.prepare(sql)));
    return prepared;
  }

  #console(): RawConsole {
    return this.#statement('SELECT * FROM console WHERE id = 1').get() as RawConsole;
  }

  /** The console's phase: one value, changed only through phase.ts's next(). */
  phase(): ConsolePhase {
    // Its own column: the whole row holds the election's bytes.
    return (this.#statement('SELECT phase FROM console WHERE id = 1').get() as Pick<RawConsole, 'phase'>).phase;
  }

  setPhase(phase: ConsolePhase): void {
    this.#statement('UPDATE console SET phase = ? WHERE id = 1').run(phase);
  }

  election(): StoredElection | null {
    const c = this.#console();
    return c.election_bytes !== null && c.election_signature !== null && c.election_digest !== null ? { bytes: c.election_bytes, signature: c.election_signature, digest: c.election_digest } : null;
  }

  setElection(election: StoredElection): void {
    this.#statement('UPDATE console SET election_bytes = ?, election_signature = ?, election_digest = ? WHERE id = 1').run(election.bytes, election.signature, election.digest);
  }

  keys(): StoredKeys | null {
    const c = this.#statement('SELECT section, urna_public_key, shares_threshold, shares_count FROM console WHERE id = 1').get() as Pick<RawConsole, 'section' | 'urna_public_key' | 'shares_threshold' | 'shares_count'>;
    return c.section !== null && c.urna_public_key !== null && c.shares_threshold !== null && c.shares_count !== null
      ? { section: c.section, urnaPublicKey: c.urna_public_key, shares: { threshold: c.shares_threshold, count: c.shares_count } }
      : null;
  }

  setKeys(keys: StoredKeys): void {
    this.#statement('UPDATE console SET section = ?, urna_public_key = ?, shares_threshold = ?, shares_count = ? WHERE id = 1').run(keys.section, keys.urnaPublicKey, keys.shares.threshold, keys.shares.count);
  }

  /** The bundle folder queued for the office, and what the office answered (null: not yet). */
  officeBundle(): { dir: string; answer: string | null } | null {
    const c = this.#console();
    return c.office_bundle === null ? null : { dir: c.office_bundle, answer: c.office_bundle_answer };
  }

  setOfficeBundle(dir: string, answer: string | null): void {
    this.#statement('UPDATE console SET office_bundle = ?, office_bundle_answer = ? WHERE id = 1').run(dir, answer);
  }

  appendLog(event: EventId, detail: LogEntry['detail'] = {}): void {
    const entry = nextEntry(this.logTail(1)[0], event, detail);
    this.#statement('INSERT INTO log (seq, event, detail, prev, hash) VALUES (?, ?, ?, ?, ?)').run(entry.seq, entry.event, JSON.stringify(entry.detail), entry.prev, entry.hash);
  }

  log(): LogEntry[] {
    return logEntries(this.#statement('SELECT seq, event, detail, prev, hash FROM log ORDER BY seq').all());
  }

  /** The last `n` entries, oldest first. */
  logTail(n: number): LogEntry[] {
    return logEntries(this.#statement('SELECT seq, event, detail, prev, hash FROM log ORDER BY seq DESC LIMIT ?').all(n)).reverse();
  }

  addBooth(booth: { id: string; publicKey: string; machine: string; certificate: string; setup: string }): void {
    this.#statement('INSERT INTO booths (id, public_key, machine, certificate, setup) VALUES (@id, @publicKey, @machine, @certificate, @setup)').run(booth);
  }

  booths(): BoothRow[] {
    return (this.#statement(`SELECT ${BOOTH_COLUMNS} FROM booths ORDER BY id`).all() as RawBooth[]).map(parseBooth);
  }

  boothTiles(): BoothTile[] {
    const rows = this.#statement('SELECT id, public_key, state, (zero_report IS NOT NULL AND zero_report_signature IS NOT NULL) AS zero_report, (seal IS NOT NULL AND seal_signature IS NOT NULL) AS sealed, keypad, voice, attention FROM booths ORDER BY id').all() as (Pick<RawBooth, 'id' | 'public_key' | 'state' | 'keypad' | 'voice' | 'attention'> & { zero_report: 0 | 1; sealed: 0 | 1 })[];
    return rows.map((r) => ({ id: r.id, publicKey: r.public_key, state: r.state, zeroReport: r.zero_report === 1, sealed: r.sealed === 1, devices: { keypad: r.keypad, voice: r.voice === null ? null : r.voice === 1 }, attention: r.attention }));
  }

  booth(id: string): BoothRow | undefined {
    const raw = this.#statement(`SELECT ${BOOTH_COLUMNS} FROM booths WHERE id = ?`).get(id) as RawBooth | undefined;
    return raw && parseBooth(raw);
  }

  boothByKey(publicKey: string): BoothRow | undefined {
    const raw = this.#statement(`SELECT ${BOOTH_COLUMNS} FROM booths WHERE public_key = ?`).get(publicKey) as RawBooth | undefined;
    return raw && parseBooth(raw);
  }

  setBoothState(id: string, state: BoothState): void {
    this.#statement('UPDATE booths SET state = ? WHERE id = ?').run(state, id);
  }

  /** The counter of the last frame taken from the booth. */
  setLastReceived(id: string, counter: number): void {
    this.#statement('UPDATE booths SET last_received = ? WHERE id = ?').run(counter, id);
  }

  setZeroReport(id: string, report: SignedDocument): void {
    this.#statement('UPDATE booths SET zero_report = ?, zero_report_signature = ? WHERE id = ?').run(report.bytes, report.signature, id);
  }

  setSeal(id: string, seal: SignedDocument): void {
    this.#statement('UPDATE booths SET seal = ?, seal_signature = ? WHERE id = ?').run(seal.bytes, seal.signature, id);
  }

  /** The booth's log as received so far: a JSON array of its entries. */
  setBoothLog(id: string, log: string): void {
    this.#statement('UPDATE booths SET log = ? WHERE id = ?').run(log, id);
  }

  setDevices(id: string, devices: Devices): void {
    this.#statement('UPDATE booths SET keypad = ?, voice = ? WHERE id = ?').run(devices.keypad, devices.voice === null ? null : Number(devices.voice), id);
  }

  setAttention(id: string, session: string | null): void {
    this.#statement('UPDATE booths SET attention = ? WHERE id = ?').run(session, id);
  }

  addSession(s: Omit<SessionRow, 'state'>): void {
    this.#statement("INSERT INTO sessions (session, booth, counter, contests, category, sex, state) VALUES (?, ?, ?, ?, ?, ?, 'enabled')").run(s.session, s.booth, s.counter, JSON.stringify(s.contests), s.category, s.sex);
  }

  setSessionState(session: string, state: SessionState): void {
    this.#statement('UPDATE sessions SET state = ? WHERE session = ?').run(state, session);
  }

  sessions(): SessionRow[] {
    return (this.#statement(`SELECT ${SESSION_COLUMNS} FROM sessions ORDER BY booth, counter`).all() as RawSession[]).map(parseSession);
  }

  /** The sessions cast at one booth: what each of its ballots frames is bounded by, read without the day's other sessions. */
  castAt(booth: string): SessionRow[] {
    return (this.#statement(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE booth = ? AND state = 'cast' ORDER BY counter`).all(booth) as RawSession[]).map(parseSession);
  }

  session(id: string): SessionRow | undefined {
    const raw = this.#statement(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE session = ?`).get(id) as RawSession | undefined;
    return raw && parseSession(raw);
  }

  /** The booth's session that is enabled or under way, if any. */
  openSession(booth: string): SessionRow | undefined {
    const raw = this.#statement(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE booth = ? AND state IN ('enabled', 'started') ORDER BY counter LIMIT 1`).get(booth) as RawSession | undefined;
    return raw && parseSession(raw);
  }

  sessionAt(booth: string, counter: number): SessionRow | undefined {
    const raw = this.#statement(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE booth = ? AND counter = ?`).get(booth, counter) as RawSession | undefined;
    return raw && parseSession(raw);
  }

  lastCounter(booth: string): number {
    return (this.#statement('SELECT coalesce(max(counter), 0) AS n FROM sessions WHERE booth = ?').get(booth) as { n: number }).n;
  }

  addTurnout(checkpoint: string, figures: string): void {
    this.#statement('INSERT INTO turnout (position, checkpoint, figures) VALUES ((SELECT coalesce(max(position), 0) + 1 FROM turnout), ?, ?)').run(checkpoint, figures);
  }

  turnout(): TurnoutRow[] {
    return this.#statement('SELECT checkpoint, figures, office_answer AS officeAnswer FROM turnout ORDER BY position').all() as TurnoutRow[];
  }

  setTurnoutAnswer(checkpoint: string, answer: string): void {
    this.#statement('UPDATE turnout SET office_answer = ? WHERE checkpoint = ?').run(answer, checkpoint);
  }

  addBallots(ballots: readonly BallotRow[]): void {
    const insert = this.#statement('INSERT INTO ballots (h, contest, booth, ct, sig) VALUES (@h, @contest, @booth, @ct, @sig)');
    for (const b of ballots) insert.run(b);
  }

  /** What a booth's ballots received so far are, without their ciphertexts: read on each frame it sends at close. */
  boothBallots(booth: string): { readonly h: string; readonly contest: string }[] {
    return this.#statement('SELECT h, contest FROM ballots WHERE booth = ?').all(booth) as { h: string; contest: string }[];
  }

  ballots(): BallotRow[] {
    return this.#statement('SELECT h, contest, booth, ct, sig FROM ballots ORDER BY h').all() as BallotRow[];
  }

  replaceRoll(entries: readonly Omit<RollEntry, 'session' | 'voted'>[]): void {
    this.#statement('DELETE FROM roll').run();
    const insert = this.#statement('INSERT INTO roll (number, surname, name, sex, category) VALUES (@number, @surname, @name, @sex, @category)');
    for (const e of entries) insert.run(e);
  }

  rollEntry(number: number): RollEntry | undefined {
    return this.#statement('SELECT number, surname, name, sex, category, session, voted FROM roll WHERE number = ?').get(number) as RollEntry | undefined;
  }

  rollSize(): number {
    return (this.#statement('SELECT count(*) AS n FROM roll').get() as { n: number }).n;
  }

  rollVoted(): number {
    return (this.#statement('SELECT count(*) AS n FROM roll WHERE voted = 1').get() as { n: number }).n;
  }

  /** Ties a roll entry to the session it was enabled for; on cast it is marked voted, on cancel freed. */
  setRollSession(number: number, session: string | null): void {
    this.#statement('UPDATE roll SET session = ? WHERE number = ?').run(session, number);
  }

  settleRollSession(session: string, cast: boolean): void {
    this.#statement(cast ? 'UPDATE roll SET voted = 1 WHERE session = ?' : 'UPDATE roll SET session = NULL WHERE session = ? AND voted = 0').run(session);
  }

  /** One booth's outbox, as packages/link's Outbox keeps it (its counters are never pruned here). */
  outbox(booth: string): { last(): number; add(counter: number, frame: string): void; after(counter: number): { counter: number; frame: string }[] } {
    return {
      last: () => (this.#statement('SELECT coalesce(max(counter), 0) AS n FROM outbox WHERE booth = ?').get(booth) as { n: number }).n,
      add: (counter, frame) => void this.#statement('INSERT INTO outbox (booth, counter, frame) VALUES (?, ?, ?)').run(booth, counter, frame),
      after: (counter) => this.#statement('SELECT counter, frame FROM outbox WHERE booth = ? AND counter > ? ORDER BY counter').all(booth, counter) as { counter: number; frame: string }[],
    };
  }

  close(): void {
    this.db.close();
  }
}
