// The booth service (docs/design.md §1, §3): the ballot box's state machine (machine.ts) over its store,
// talking to the console over the signed link (link-side.ts). It runs in plain Node; the Electron and
// web shells only host it. Every step asks `next` whether it may follow the phase, and commits the
// phase `next` gives, with the log entries `logFor` derives, in the same transaction as its effects.
import { EventEmitter } from 'node:events';
import { parseElection, type Election } from '@seggio/ballot-core';
import { err, fingerprint, fromBase64, ok, toBase64, type Result, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import { MachineIdentity, rejection, type ConsoleMessage, type EnableToken, type OutOfServiceCode } from '@seggio/link';
import type { BoothApi, BoothNotice, BoothState, BoothView, CastFailure, CastInput, OutOfService } from '../shared/api.js';
import { closingFrames, pairingOf, zeroReport } from './documents.js';
import { BoothLink } from './link-side.js';
import { Reports, type BoothDevices } from './reports.js';
import { logFor, next, wireState, type Action, type Phase, type Refusal } from './machine.js';
import { checkSetup, type SetupMessage } from './setup-check.js';
import { BoothStore, isDiskFailure, StoreError, type Pairing, type StoredBallot } from './store.js';
import { sealBallots, tokenProblem } from './voter.js';

export { SOFTWARE } from './documents.js';

export interface BoothConfig {
  /** The SQLite file, or null for an in-memory store (tests). */
  readonly storePath: string | null;
  /** The booth's machine key file (mode 0600, outside the store), made if missing; its certificate beside it. */
  readonly machineKeyPath: string;
  /** The removable drive, where the booth's certificate arrives (its `macchine/` folder). */
  readonly driveDir?: string | null;
  /** Where the booth says what it did by itself (a machine key made); the terminal by default. */
  readonly say?: (line: string) => void;
  /** The electoral office's key, pinned at installation. */
  readonly officeKey: Uint8Array;
  /** The console's address on the section LAN, e.g. ws://192.168.10.1:7300. */
  readonly consoleUrl: string;
}

type Events = { view: [BoothView]; frameSent: [string] };

export class BoothService extends EventEmitter<Events> implements BoothApi {
  readonly #crypto: SeggioCrypto;
  readonly #store: BoothStore;
  readonly #config: BoothConfig;
  readonly #key: SigningKeyPair;
  readonly #identity: MachineIdentity;
  readonly #link: BoothLink;
  /** What the president last needs to read on the booth: a certificate or a console refused, a certificate imported. */
  #notice: BoothNotice | null = null;
  #election: Election | null = null;
  /** Set when the disk failed (R8): the one phase the store does not keep, since it is what failed. */
  #failed: Extract<Phase, { kind: 'out-of-service' }> | null = null;
  #stopped = false;
  readonly #reports: Reports;

  private constructor(crypto: SeggioCrypto, store: BoothStore, config: BoothConfig, identity: MachineIdentity) {
    super();
    this.#crypto = crypto;
    this.#store = store;
    this.#config = config;
    this.#identity = identity;
    this.#key = identity.key;
    const pairing = store.pairing();
    if (pairing) {
      const parsed = parseElection(fromBase64(pairing.election.bytes));
      if (!parsed.ok) throw new StoreError('the stored election no longer parses');
      this.#election = parsed.value;
    }
    store.transaction(() => store.appendLog('store-opened', { state: this.state }));
    this.#link = new BoothLink(crypto, identity, store, config.consoleUrl, {
      standing: () => ({ state: this.state, reason: this.#failed?.reason ?? null }),
      act: (body, from) => this.#act(body, from),
      acted: (body) => this.#acted(body),
      failClosed: (code, error) => this.#failClosed(code, error),
      changed: () => this.#changed(),
      sent: (frame) => this.emit('frameSent', frame),
    });
    this.#reports = new Reports(store, this.#link, () => (this.#stopped ? null : this.#phase));
  }

  /** Opens the store (refusing a damaged one with its reason, R7) and connects to the console. */
  static start(crypto: SeggioCrypto, config: BoothConfig): BoothService {
    // The machine key first: one that others may read stops the booth before anything is opened (R35).
    const identity = MachineIdentity.load(crypto, config.machineKeyPath, config.officeKey, 'booth', config.say ?? ((line) => console.log(line)));
    const store = config.storePath === null ? BoothStore.memory() : BoothStore.open(config.storePath, crypto);
    // A booth stopped between its close and the rewrite of its store (a crash, a pulled plug) would
    // keep the cast order on disk (R2): it is rewritten at this start, before anything else.
    if (store.phase().kind === 'closed') store.canonicalise(crypto);
    return new BoothService(crypto, store, config, identity);
  }

  get publicKey(): Uint8Array {
    return this.#key.publicKey;
  }

  get #phase(): Phase {
    return this.#failed ?? this.#store.phase();
  }

  get state(): BoothState {
    return wireState(this.#phase, this.#identity.enrolment !== null);
  }

  getView(): BoothView {
    const phase = this.#phase;
    const pairing = this.#store.pairing();
    const pending = phase.kind === 'confirming' ? phase.pending : null;
    return {
      state: wireState(phase, this.#identity.enrolment !== null),
      boothId: pairing?.booth ?? null,
      section: pairing?.section ?? null,
      boothFingerprint: fingerprint(this.#key.publicKey),
      machine: this.#identity.enrolment?.certificate.machine ?? null,
      consoleFingerprint: pairing ? fingerprint(pairing.consoleKey) : null,
      consoleMachine: pairing?.consoleMachine ?? null,
      pendingConsole: pending ? { machine: pending.machine, fingerprint: fingerprint(fromBase64(pending.from)) } : null,
      notice: this.#notice,
      session: phase.kind === 'in-session' ? { id: phase.session.session, contests: this.#inScrutinyOrder(phase.session.contests) } : null,
      reason: this.#failed?.reason ?? null,
      connected: this.#link.connected,
    };
  }

  getElection(): Election | null {
    return this.#election;
  }

  /** The store's ballots, sorted by h (for tests and the seal). */
  ballots(): StoredBallot[] {
    return this.#store.ballots();
  }

  get store(): BoothStore {
    return this.#store;
  }

  castBallots(input: CastInput): Result<{ recorded: true }, CastFailure> {
    const phase = this.#phase;
    const action: Action = { type: 'cast', session: input.session, contests: Object.keys(input.selections) };
    const moved = next(phase, action);
    if (!moved.ok || phase.kind !== 'in-session') {
      const message = moved.ok ? 'no voter is enabled at this booth for that session' : moved.error.reason;
      return err(!moved.ok && moved.error.code === 'wrong-contests' ? { code: 'wrong-contests', message } : { code: 'no-session', message });
    }
    const open = phase.session;
    const sealed = sealBallots(this.#crypto, this.#key, this.#paired(), open, input.selections);
    if (!sealed.ok) return err({ code: 'refused', ...sealed.error });
    const ballots = sealed.value;
    try {
      // One transaction casts every ballot and consumes the token; "recorded" only after it commits (R6).
      this.#store.transaction(() => {
        this.#store.insertBallots(ballots);
        this.#store.setOutcome(open.session, 'cast');
        this.#commit(phase, moved.value, action);
        this.#link.queue({ type: 'cast', session: open.session, counter: open.counter });
      });
    } catch (error) {
      if (!isDiskFailure(error) && !(error instanceof StoreError)) throw error;
      const reason = this.#failClosed('vote-not-recorded', error);
      return err({ code: 'not-recorded', reason });
    }
    // "Recorded" goes back to the voter first; the cast frame (in the durable outbox) and the view follow.
    setImmediate(() => this.#stopped || (this.#link.flush(), this.#changed()));
    return ok({ recorded: true });
  }

  /** The screen's inactivity call (R11), for the president to see on this booth's tile. */
  callPresident(input: { calling: boolean }): Result<void, string> {
    return this.#reports.callPresident(input);
  }

  /** The keypad's status from the device layer, and whether the booth has its voice. */
  reportDevices(devices: Partial<BoothDevices>): void {
    this.#reports.reportDevices(devices);
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    // The counts of refusals not logged yet; a closed booth's sealed log is left as it was sent.
    this.#link.stop(this.#phase.kind !== 'closed');
    this.#store.close();
  }

  /** The certificate files on the drive (its `macchine/` folder), for the president to import the booth's. */
  listCertificates(): string[] {
    return MachineIdentity.listDrive(this.#config.driveDir);
  }

  /** Imports the booth's certificate from the drive: refused unless the office signed it for this booth's key. */
  importCertificate(input: { file: string }): Result<{ machine: string }, BoothNotice> {
    // Once a console holds this booth's key and machine id, another certificate would not be the one it checked.
    const allowed = next(this.#phase, { type: 'import-certificate' });
    const imported = allowed.ok ? this.#identity.importFromDrive(this.#crypto, this.#config.driveDir, input.file, this.#config.officeKey) : null;
    if (!imported?.ok) {
      this.#notice = imported ? certificateNotice(imported.error) : { code: 'certificate-after-pairing', params: {} };
      this.#changed();
      return err(this.#notice);
    }
    this.#notice = { code: 'certificate-imported', params: { machine: imported.value.machine } };
    // The console hears the certificate in a new hello on this connection.
    this.#link.hello();
    this.#changed();
    return ok({ machine: imported.value.machine });
  }

  /**
   * The president's answer on the booth to the console's machine id and fingerprint: confirmed, the
   * set-up is pinned and the zero report goes out; refused, the booth stays unpaired.
   */
  confirmConsole(input: { accept: boolean }): Result<void, string> {
    const phase = this.#phase;
    const pending = phase.kind === 'confirming' ? phase.pending : null;
    const pinned = pending && input.accept ? pairingOf(this.#crypto, pending) : null;
    const action: Action = { type: 'confirm', accept: input.accept, election: pinned?.pairing.electionDigest ?? '' };
    const moved = next(phase, action);
    if (!moved.ok || !pending) return err(moved.ok ? 'there is no console to confirm' : moved.error.reason);
    this.#store.transaction(() => {
      this.#commit(phase, moved.value, action);
      if (pinned) return this.#pin(pinned.pairing, pinned.election);
      this.#store.setLastReceived(0);
      this.#notice = { code: 'console-not-confirmed', params: { machine: pending.machine, fingerprint: fingerprint(fromBase64(pending.from)) } };
    });
    if (pinned) {
      this.#election = pinned.election;
      this.#notice = null;
      // Newly paired: greet the console it now knows, which answers with where to resume; then tell it
      // how the keypad and the voice stand.
      this.#link.hello();
      this.#link.flush();
      this.#reports.sendDevices();
    }
    this.#changed();
    return ok(undefined);
  }

  /** Pins the set-up and signs the zero report, computed from the store (R14), inside the confirmation's transaction. */
  #pin(pairing: Pairing, election: Election): void {
    this.#store.setPairing(pairing);
    const made = zeroReport(this.#crypto, this.#key, this.#store, pairing, election);
    const action: Action = { type: 'zero-report', empty: made.empty, digest: made.digest };
    const moved = this.#step(action);
    if (!moved.ok) return this.#refuse(0, moved.error);
    this.#store.setZeroReport(made.report);
    this.#link.queue({ type: 'zero-report', report: made.report });
  }

  #inScrutinyOrder(contests: readonly string[]): string[] {
    return this.#election ? this.#election.scrutinyOrder.filter((id) => contests.includes(id)) : [...contests];
  }

  /** The pairing and its election, which every phase from paired on holds (the store's check says so). */
  #paired(): { pairing: Pairing; election: Election } {
    const pairing = this.#store.pairing();
    if (!pairing || !this.#election) throw new StoreError('the booth holds no pairing');
    return { pairing, election: this.#election };
  }

  /** Asks `next` and commits what it gives; inside the caller's transaction. */
  #step(action: Action): Result<{ previous: Phase; now: Phase }, Refusal> {
    const previous = this.#phase;
    const moved = next(previous, action);
    if (!moved.ok) return moved;
    this.#commit(previous, moved.value, action);
    return ok({ previous, now: moved.value });
  }

  /** Writes a step's log entries and its phase, inside the caller's transaction. */
  #commit(previous: Phase, now: Phase, action: Action): void {
    for (const line of logFor(previous, now, action)) this.#store.appendLog(line.event, line.detail);
    if (now.kind !== 'out-of-service') this.#store.setPhase(now);
  }

  #changed(): void {
    if (this.#stopped) return;
    this.emit('view', this.getView());
  }

  /** Disk full or I/O error: no acknowledgement, out of service, and the president is told (R8). */
  #failClosed(code: OutOfServiceCode, error: unknown): OutOfService {
    const reason = { code, params: { reason: String((error as Error).message).slice(0, 200) } };
    const moved = next(this.#phase, { type: 'fail', reason });
    if (!moved.ok || moved.value.kind !== 'out-of-service') return reason;
    this.#failed = moved.value;
    this.#link.sendUnpersisted({ type: 'out-of-service', ...reason });
    this.#changed();
    return reason;
  }

  /** Acts on one console message, inside the transaction that records its counter (link-side.ts). */
  #act(body: ConsoleMessage, from: Uint8Array): void {
    switch (body.type) {
      case 'setup':
        return this.#setup(body, from);
      case 'open': {
        const moved = next(this.#phase, { type: 'open' });
        if (!moved.ok) return this.#refuse(0, moved.error);
        // Checked again at opening (R7): a store damaged since start does not open.
        const problem = this.#store.check(this.#crypto);
        if (problem) throw new StoreError(problem);
        this.#step({ type: 'open' });
        // The console counts this booth free only once it says so.
        return this.#link.queue({ type: 'opened' });
      }
      case 'enable':
        return this.#enable(body.token, body.signature);
      case 'cancel': {
        const moved = this.#step({ type: 'cancel', session: body.session });
        if (!moved.ok) return this.#refuse(body.counter, moved.error);
        if (moved.value.previous.kind !== 'in-session') return;
        const open = moved.value.previous.session;
        this.#store.setOutcome(open.session, 'cancelled');
        return this.#link.queue({ type: 'cancelled', session: open.session, counter: open.counter });
      }
      case 'close':
        return this.#close();
      case 'welcome':
      case 'challenge':
        return;
    }
  }

  /** After a console message's transaction committed: a close rewrites the store (R2), then the frames go out. */
  #acted(body: ConsoleMessage): void {
    if (body.type === 'close' && this.#phase.kind === 'closed') {
      try {
        this.#store.canonicalise(this.#crypto);
      } catch (error) {
        this.#failClosed('store-not-sealed', error);
        return;
      }
    }
    this.#link.flush();
    this.#changed();
  }

  /** Refused to the console: every refusal of open, enable, cancel, zero report and close is a code of the link's REFUSED_CODES (machine.ts). */
  #refuse(counter: number, refusal: Refusal): void {
    this.#store.appendLog('token-rejected', { counter, code: refusal.code, reason: refusal.reason });
    this.#link.queue({ type: 'refused', counter, code: refusal.code, params: refusal.params ?? {} });
  }

  /**
   * A set-up from a console: checked (the office's package, the set-up signed by this console, this
   * booth listed with its key and machine, the console enrolled by the office for the election's
   * comune), then kept until the president confirms the console's machine id and fingerprint on the
   * booth (docs/design.md §6, R32). Nothing is pinned before that.
   */
  #setup(body: SetupMessage, from: Uint8Array): void {
    const machine = this.#identity.enrolment?.certificate.machine;
    if (!machine) return this.#refuseConsole('booth-unenrolled', { fingerprint: fingerprint(this.#key.publicKey) });
    // A set-up after pairing is refused before its signatures are looked at.
    const unpaired = this.#phase.kind === 'unpaired';
    const verdict = unpaired ? checkSetup(this.#crypto, body, from, { officeKey: this.#config.officeKey, key: this.#key.publicKey, machine }) : ({ kind: 'malformed', reason: 'set-up after pairing' } as const);
    const moved = this.#step({ type: 'set-up', body, from: toBase64(from), verdict });
    if (moved.ok) {
      this.#notice = null;
      return;
    }
    // Before pairing anyone may send a set-up: refused ones are counted, not each logged (R33).
    const { code, reason, params } = moved.error;
    if (code.startsWith('console-')) return this.#refuseConsole(code, params ?? {});
    this.#link.reject(code === 'set-up-malformed' ? rejection('setup-malformed', { problem: reason }) : rejection('setup-after-pairing'));
  }

  /** A console refused: logged, and said to the president on the booth. */
  #refuseConsole(code: string, params: Readonly<Record<string, string>>): void {
    this.#store.appendLog('console-refused', { reason: code, ...params });
    this.#notice = { code, params };
  }

  /** R10: accepted only when idle, for this booth and election, counter = last + 1, signed by the console. */
  #enable(token: EnableToken, signature: string): void {
    const paired = this.#store.pairing() && this.#election ? this.#paired() : null;
    const problem = tokenProblem(this.#crypto, token, signature, paired, this.#store.lastTokenCounter() + 1);
    const moved = next(this.#phase, { type: 'enable', token, problem });
    if (!moved.ok) return this.#refuse(token.counter, moved.error);
    this.#store.insertToken({ counter: token.counter, session: token.session, contests: token.contests, signature });
    this.#step({ type: 'enable', token, problem: null });
    this.#link.queue({ type: 'session-started', session: token.session, counter: token.counter });
  }

  /**
   * Close is final (R13): an open session ends as cancelled, then the ballots and the log go out, in
   * frames the console takes (R33), and the seal last, which tells the console the booth is done.
   */
  #close(): void {
    const moved = this.#step({ type: 'close' });
    if (!moved.ok) return this.#refuse(0, moved.error);
    const { previous } = moved.value;
    if (previous.kind === 'closed') return;
    if (previous.kind === 'in-session') {
      this.#store.setOutcome(previous.session.session, 'cancelled');
      this.#link.queue({ type: 'cancelled', session: previous.session.session, counter: previous.session.counter });
    }
    for (const frame of closingFrames(this.#crypto, this.#key, this.#store, this.#paired())) this.#link.queue(frame);
  }
}

function certificateNotice(problem: { code: string; file: string } & Record<string, unknown>): BoothNotice {
  const { code, file, ...rest } = problem;
  return { code: `certificate-${code}`, params: { file, ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v)])) } };
}
