// The booth service (docs/design.md §1, §3): an explicit state machine over the ballot box, talking to the
// console over the signed link. It runs in plain Node; the Electron and web shells only host it.
import { EventEmitter } from 'node:events';
import {
  ballotSignatureMessage, documentBytes, EMPTY_DIGEST, encodeBallotPlaintext, parseElection, validate,
  type BoothSeal, type Election, type Setup, type ZeroReport,
} from '@seggio/ballot-core';
import { err, fingerprint, fromBase64, fromBase64Length, ok, toBase64, toHex, type Result, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import { chunkByBytes, ConsoleMessage, enableTokenBytes, LinkClient, MachineIdentity, openFrame, RejectionTally, signFrame, type BoothMessage, type EnableToken } from '@seggio/link';
import type { BoothApi, BoothNotice, BoothState, BoothView, CastFailure, CastInput } from '../shared/api.js';
import { checkSetup, type SetupMessage } from './setup-check.js';
import { BoothStore, isDiskFailure, StoreError, type StoredBallot } from './store.js';

export const SOFTWARE = 'seggio-booth/0.1.0';

function decodeSignature(text: string): Uint8Array | null {
  try {
    return fromBase64Length(text, 64, 'signature');
  } catch {
    return null;
  }
}

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
/** What the console is told of the booth's accessible devices: null, not known (yet). */
type BoothDevices = Omit<Extract<BoothMessage, { type: 'devices' }>, 'type'>;

export class BoothService extends EventEmitter<Events> implements BoothApi {
  readonly #crypto: SeggioCrypto;
  readonly #store: BoothStore;
  readonly #config: BoothConfig;
  readonly #key: SigningKeyPair;
  readonly #identity: MachineIdentity;
  readonly #link: LinkClient;
  /** What the president last needs to read on the booth: a certificate or a console refused, a certificate imported. */
  #notice: BoothNotice | null = null;
  #election: Election | null = null;
  #outOfService: string | null = null;

  private constructor(crypto: SeggioCrypto, store: BoothStore, config: BoothConfig, identity: MachineIdentity) {
    super();
    this.#crypto = crypto;
    this.#store = store;
    this.#config = config;
    this.#identity = identity;
    this.#key = identity.key;
    const electionBytes = store.get('election.bytes');
    if (electionBytes) {
      const parsed = parseElection(fromBase64(electionBytes));
      if (!parsed.ok) throw new StoreError('the stored election no longer parses');
      this.#election = parsed.value;
    }
    store.transaction(() => store.appendLog('store-opened', { state: this.state }));
    this.#link = new LinkClient(config.consoleUrl);
    // The hello waits for the console's challenge on each connection (R32).
    this.#link.on('disconnected', () => {
      this.#sentUpTo = null;
      this.#challenge = null;
      this.#changed();
    });
    this.#link.on('frame', (text) => this.#receive(text));
  }

  /** Opens the store (refusing a damaged one with its reason, R7) and connects to the console. */
  static start(crypto: SeggioCrypto, config: BoothConfig): BoothService {
    // The machine key first: one that others may read stops the booth before anything is opened (R35).
    const identity = MachineIdentity.load(crypto, config.machineKeyPath, config.officeKey, 'booth', config.say ?? ((line) => console.log(line)));
    const store = config.storePath === null ? BoothStore.memory() : BoothStore.open(config.storePath, crypto);
    // A booth stopped between its close and the rewrite of its store (a crash, a pulled plug) would
    // keep the cast order on disk (R2): it is rewritten at this start, before anything else.
    if (store.get('closed')) store.canonicalise(crypto);
    return new BoothService(crypto, store, config, identity);
  }

  get publicKey(): Uint8Array {
    return this.#key.publicKey;
  }

  get state(): BoothState {
    if (this.#outOfService) return 'out-of-service';
    const s = this.#store;
    if (s.get('closed')) return 'closed';
    if (s.get('opened')) return s.openToken() ? 'in-session' : 'idle';
    if (s.get('zeroReport.bytes')) return 'ready';
    if (s.get('setup.bytes')) return 'paired';
    if (s.get('setup.pending')) return 'confirming';
    return this.#identity.enrolment ? 'unpaired' : 'unenrolled';
  }

  getView(): BoothView {
    const token = this.#store.openToken();
    const consoleKey = this.#store.get('console.publicKey');
    const pending = this.#pendingSetup();
    return {
      state: this.state,
      boothId: this.#store.get('booth.id') ?? null,
      section: this.#store.get('section') ?? null,
      boothFingerprint: fingerprint(this.#key.publicKey),
      machine: this.#identity.enrolment?.certificate.machine ?? null,
      consoleFingerprint: consoleKey ? fingerprint(fromBase64(consoleKey)) : null,
      consoleMachine: this.#store.get('console.machine') ?? null,
      pendingConsole: pending ? { machine: pending.machine, fingerprint: fingerprint(fromBase64(pending.from)) } : null,
      notice: this.#notice,
      session: token && this.state === 'in-session' ? { id: token.session, contests: this.#inScrutinyOrder(token.contests) } : null,
      reason: this.#outOfService,
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
    const token = this.#store.openToken();
    if (this.state !== 'in-session' || !token || token.session !== input.session) {
      return err({ code: 'no-session', message: 'no voter is enabled at this booth for that session' });
    }
    const given = Object.keys(input.selections).sort();
    if (given.join() !== [...token.contests].sort().join()) {
      return err({ code: 'wrong-contests', message: `the voter was enabled for ${token.contests.join(', ')}; a ballot is needed for each, and no other` });
    }
    const election = this.#election!;
    const digest = this.#store.get('election.digest')!;
    const section = this.#store.get('section')!;
    const urna = fromBase64(this.#store.get('urna.publicKey')!);
    const ballots: StoredBallot[] = [];
    for (const contestId of token.contests) {
      const contest = election.contests.find((c) => c.id === contestId)!;
      const checked = validate(contest, input.selections[contestId]);
      if (!checked.ok) return err({ code: 'refused', contest: contestId, refusals: checked.error });
      const ct = this.#crypto.seal(encodeBallotPlaintext(digest, contest, input.selections[contestId]!), urna);
      const sig = this.#crypto.sign(ballotSignatureMessage(digest, section, contestId, ct), this.#key);
      ballots.push({ h: toHex(this.#crypto.sha256(ct)), contest: contestId, ct, sig });
    }
    try {
      // One transaction casts every ballot and consumes the token; "recorded" only after it commits (R6).
      this.#store.transaction(() => {
        this.#store.insertBallots(ballots);
        this.#store.setOutcome(token.session, 'cast');
        this.#store.appendLog('session-cast', { counter: token.counter });
        this.#queue({ type: 'cast', session: token.session, counter: token.counter });
      });
    } catch (error) {
      if (!isDiskFailure(error) && !(error instanceof StoreError)) throw error;
      this.#failClosed(`the ballot box could not record the vote (${(error as Error).message}): nothing was recorded`);
      return err({ code: 'not-recorded', message: this.#outOfService! });
    }
    this.#flush();
    this.#changed();
    return ok({ recorded: true });
  }

  /**
   * The screen's inactivity call (R11) passed on to the console, for the president to see on this
   * booth's tile: only for the session open here, and only when it changes.
   */
  callPresident(input: { calling: boolean }): Result<void, string> {
    if (typeof input?.calling !== 'boolean') return err('calling must be true or false');
    const open = this.#store.openToken();
    if (this.#stopped || this.#outOfService || this.state !== 'in-session' || !open) return err('no session is open at this booth');
    if (this.#calling === `${open.session}:${input.calling}`) return ok(undefined);
    this.#store.transaction(() => this.#queue({ type: 'attention', session: open.session, calling: input.calling }));
    this.#calling = `${open.session}:${input.calling}`;
    this.#flush();
    return ok(undefined);
  }

  #calling: string | null = null;

  /**
   * The keypad's status from the device layer, and whether the booth has its voice, passed on to the
   * console when they change (once the booth is paired), so that the president knows whether this
   * booth is accessible.
   */
  reportDevices(devices: Partial<BoothDevices>): void {
    this.#devices = { ...this.#devices, ...devices };
    this.#sendDevices();
  }

  #devices: BoothDevices = { keypad: null, voice: null };
  #devicesSent: string | null = null;

  #sendDevices(): void {
    // Not before pairing (no console to tell), nor once closed: the sealed store is left as it is.
    if (this.#stopped || !this.#store.get('console.publicKey') || this.#outOfService || this.state === 'closed') return;
    const devices = this.#devices;
    if ((devices.keypad === null && devices.voice === null) || JSON.stringify(devices) === this.#devicesSent) return;
    this.#store.transaction(() => this.#queue({ type: 'devices', ...devices }));
    this.#devicesSent = JSON.stringify(devices);
    this.#flush();
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#link.removeAllListeners();
    this.#link.close();
    // The counts of refusals not logged yet; a closed booth's sealed log is left as it was sent.
    if (this.state !== 'closed') this.#logRejections(this.#rejections.takeUnlogged().map((r) => ({ reason: r.reason, count: r.count })));
    this.#store.close();
  }

  #stopped = false;

  #inScrutinyOrder(contests: readonly string[]): string[] {
    return this.#election ? this.#election.scrutinyOrder.filter((id) => contests.includes(id)) : [...contests];
  }

  #changed(): void {
    if (this.#stopped) return;
    this.emit('view', this.getView());
  }

  /** Disk full or I/O error: no acknowledgement, out of service, and the president is told (R8). */
  #failClosed(reason: string): void {
    this.#outOfService = reason;
    const consoleKey = this.#store.get('console.publicKey');
    if (consoleKey) {
      // Not from the outbox: the disk may refuse to write it. Counter 0 marks it unpersisted.
      this.#link.send(signFrame(this.#crypto, this.#key, fromBase64(consoleKey), 0, { type: 'out-of-service', reason } satisfies BoothMessage));
    }
    this.#changed();
  }

  /** Adds a frame to the outbox, inside the caller's transaction. */
  #queue(body: BoothMessage): void {
    const consoleKey = fromBase64(this.#store.get('console.publicKey')!);
    // Persisted apart from the outbox, which is pruned: a counter is never used twice.
    const counter = this.#lastSent() + 1;
    this.#store.set('link.lastSent', String(counter));
    this.#store.addOutbox(counter, signFrame(this.#crypto, this.#key, consoleKey, counter, body));
  }

  #lastSent(): number {
    return Number(this.#store.get('link.lastSent') ?? 0);
  }

  /** The outbox counter sent up to on this connection; null until the console's welcome says where it stands. */
  #sentUpTo: number | null = null;

  /** Sends what the outbox holds beyond what was sent on this connection. */
  #flush(): void {
    if (this.#sentUpTo === null) return;
    for (const frame of this.#store.outboxAfter(this.#sentUpTo)) {
      if (!this.#link.send(frame)) return;
      this.#sentUpTo = (JSON.parse(frame) as { counter: number }).counter;
      this.emit('frameSent', frame);
    }
  }

  /** The console's challenge on this connection, and the booth's own nonce that the welcome must carry back (R32). */
  #challenge: { console: string; booth: string } | null = null;

  #hello(): void {
    if (!this.#challenge) return;
    const consoleKey = this.#store.get('console.publicKey');
    const body: BoothMessage = {
      type: 'hello',
      state: this.state,
      lastReceived: Number(this.#store.get('link.lastReceived') ?? 0),
      challenge: this.#challenge.console,
      nonce: this.#challenge.booth,
      certificate: this.#identity.wire,
      ...(this.#outOfService ? { reason: this.#outOfService } : {}),
    };
    this.#link.send(signFrame(this.#crypto, this.#key, consoleKey ? fromBase64(consoleKey) : null, this.#lastSent(), body));
    this.#changed();
  }

  readonly #rejections = new RejectionTally();

  /** Logs a refused frame in aggregate (R33): the first of its kind with its detail, then counts. */
  #reject(reason: string, detail: Record<string, string | number> = {}): void {
    const logged = this.#rejections.note('', reason);
    if (!logged) return;
    this.#logRejections([logged.count === 1 ? { reason: logged.reason, ...detail } : { reason: logged.reason, count: logged.count }]);
  }

  #logRejections(details: Record<string, string | number>[]): void {
    try {
      this.#store.transaction(() => details.forEach((d) => this.#store.appendLog('frame-rejected', d)));
    } catch (error) {
      if (!isDiskFailure(error)) throw error;
    }
  }

  #receive(text: string): void {
    if (this.#outOfService) return;
    const frame = openFrame(this.#crypto, this.#key.publicKey, text, ConsoleMessage, true);
    if (!frame.ok) return this.#reject(frame.error);
    const pinned = this.#store.get('console.publicKey');
    const body = frame.value.body;
    // Only the challenge is unaddressed: it opens each connection, before the booth has said who it is.
    if ((frame.value.to === null) !== (body.type === 'challenge')) return this.#reject('unaddressed', { type: body.type });
    if (pinned ? frame.value.from !== pinned : body.type !== 'setup' && body.type !== 'challenge') return this.#reject('unknown sender', { type: body.type });
    if (body.type === 'challenge') {
      this.#challenge = { console: body.nonce, booth: toBase64(this.#crypto.randomBytes(32)) };
      return this.#hello();
    }
    const last = Number(this.#store.get('link.lastReceived') ?? 0);
    if (body.type === 'welcome') {
      if (frame.value.counter < last) return this.#reject('stale welcome');
      if (body.nonce !== this.#challenge?.booth) return this.#reject("a welcome that does not answer this connection's hello (replayed?)");
      this.#store.transaction(() => this.#store.pruneOutbox(body.lastReceived));
      this.#sentUpTo = body.lastReceived;
      this.#flush();
      return;
    }
    // Before pairing no console is known, so there are no counters to keep: a set-up stands on its own signatures.
    if (pinned && frame.value.counter !== last + 1) {
      this.#reject(frame.value.counter <= last ? 'replayed counter' : 'skipped counter', { counter: frame.value.counter, expected: last + 1 });
      if (frame.value.counter > last + 1) this.#hello();
      return;
    }
    try {
      this.#store.transaction(() => {
        this.#store.set('link.lastReceived', String(frame.value.counter));
        this.#act(body, frame.value.fromKey);
      });
    } catch (error) {
      if (isDiskFailure(error) || error instanceof StoreError) {
        this.#failClosed(`the store failed (${(error as Error).message})`);
      } else {
        // A frame that does not hold together: refused (its effects rolled back), never fatal. From the
        // pinned console it still uses up its counter, so that the frames after it are taken.
        this.#reject('malformed content', { type: body.type, error: String((error as Error).message).slice(0, 200) });
        if (pinned) this.#store.transaction(() => this.#store.set('link.lastReceived', String(frame.value.counter)));
      }
      return;
    }
    if (body.type === 'close' && this.state === 'closed') {
      try {
        this.#store.canonicalise(this.#crypto);
      } catch (error) {
        this.#failClosed(`the store could not be sealed (${(error as Error).message})`);
        return;
      }
    }
    this.#flush();
    this.#changed();
  }

  /** Acts on one console message, inside the transaction that records its counter. */
  #act(body: ConsoleMessage, from: Uint8Array): void {
    switch (body.type) {
      case 'setup':
        return this.#setup(body, from);
      case 'open':
        if (this.state !== 'ready') return this.#refuse(0, `open refused: the booth is ${this.state}`);
        {
          // Checked again at opening (R7): a store damaged since start does not open.
          const problem = this.#store.check(this.#crypto);
          if (problem) throw new StoreError(problem);
        }
        this.#store.set('opened', '1');
        this.#store.appendLog('voting-opened');
        return;
      case 'enable':
        return this.#enable(body.token, body.signature);
      case 'cancel': {
        const token = this.#store.openToken();
        if (!token || token.session !== body.session) return this.#refuse(body.counter, 'no such open session to cancel');
        this.#store.setOutcome(token.session, 'cancelled');
        this.#store.appendLog('session-cancelled', { counter: token.counter });
        return this.#queue({ type: 'cancelled', session: token.session, counter: token.counter });
      }
      case 'close':
        return this.#close();
      case 'welcome':
      case 'challenge':
        return;
    }
  }

  #refuse(counter: number, reason: string): void {
    this.#store.appendLog('token-rejected', { counter, reason });
    this.#queue({ type: 'refused', counter, reason });
  }

  /**
   * A set-up from a console: checked (the office's package, the set-up signed by this console, this
   * booth listed with its key and machine, the console enrolled by the office for the election's
   * comune), then kept until the president confirms the console's machine id and fingerprint on the
   * booth (docs/design.md §6, R32). Nothing is pinned before that.
   */
  #setup(body: SetupMessage, from: Uint8Array): void {
    if (this.state === 'unenrolled') return this.#refuseConsole('booth-unenrolled', { fingerprint: fingerprint(this.#key.publicKey) });
    if (this.state !== 'unpaired') return this.#reject('set-up after pairing');
    const verdict = checkSetup(this.#crypto, body, from, { officeKey: this.#config.officeKey, key: this.#key.publicKey, machine: this.#identity.enrolment!.certificate.machine });
    // Before pairing anyone may send a set-up: refused ones are counted, not each logged (R33).
    if (verdict.kind === 'malformed') return this.#reject(verdict.reason);
    if (verdict.kind === 'console-refused') return this.#refuseConsole(verdict.code, verdict.params);
    this.#store.set('setup.pending', JSON.stringify({ body, from: toBase64(from), machine: verdict.machine }));
    this.#notice = null;
  }

  #pendingSetup(): { body: SetupMessage; from: string; machine: string } | null {
    const pending = this.#store.get('setup.pending');
    return pending ? (JSON.parse(pending) as { body: SetupMessage; from: string; machine: string }) : null;
  }

  /** A console refused: logged, and said to the president on the booth. */
  #refuseConsole(code: string, params: Record<string, string>): void {
    this.#store.appendLog('console-refused', { reason: code, ...params });
    this.#notice = { code, params };
  }

  /** The certificate files on the drive (its `macchine/` folder), for the president to import the booth's. */
  listCertificates(): string[] {
    return MachineIdentity.listDrive(this.#config.driveDir);
  }

  /** Imports the booth's certificate from the drive: refused unless the office signed it for this booth's key. */
  importCertificate(input: { file: string }): Result<{ machine: string }, BoothNotice> {
    // Once a console holds this booth's key and machine id, another certificate would not be the one it checked.
    if (this.state !== 'unenrolled' && this.state !== 'unpaired') {
      this.#notice = { code: 'certificate-after-pairing', params: {} };
      this.#changed();
      return err(this.#notice);
    }
    const imported = this.#identity.importFromDrive(this.#crypto, this.#config.driveDir, input.file, this.#config.officeKey);
    if (!imported.ok) {
      const { code, file, ...rest } = imported.error;
      this.#notice = { code: `certificate-${code}`, params: { file, ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v)])) } };
      this.#changed();
      return err(this.#notice);
    }
    this.#notice = { code: 'certificate-imported', params: { machine: imported.value.machine } };
    // The console hears the certificate in a new hello on this connection.
    this.#hello();
    this.#changed();
    return ok({ machine: imported.value.machine });
  }

  /**
   * The president's answer on the booth to the console's machine id and fingerprint: confirmed, the
   * set-up is pinned and the zero report goes out; refused, the booth stays unpaired.
   */
  confirmConsole(input: { accept: boolean }): Result<void, string> {
    const pending = this.#pendingSetup();
    if (this.state !== 'confirming' || !pending) return err('there is no console to confirm');
    if (!input.accept) {
      this.#store.transaction(() => {
        // Emptied, not deleted: an empty value reads as no set-up waiting.
        this.#store.set('setup.pending', '');
        this.#store.set('link.lastReceived', '0');
        this.#refuseConsole('console-not-confirmed', { machine: pending.machine, fingerprint: fingerprint(fromBase64(pending.from)) });
      });
      this.#changed();
      return ok(undefined);
    }
    this.#store.transaction(() => this.#pin(pending.body, fromBase64(pending.from), pending.machine));
    // Newly paired: greet the console it now knows, which answers with where to resume.
    this.#hello();
    this.#flush();
    this.#changed();
    return ok(undefined);
  }

  #pin(body: SetupMessage, from: Uint8Array, consoleMachine: string): void {
    const electionBytes = fromBase64(body.election.bytes);
    const setupBytes = fromBase64(body.setup.bytes);
    const parsed = parseElection(electionBytes);
    if (!parsed.ok) throw new StoreError('the kept set-up no longer parses');
    const setup = JSON.parse(new TextDecoder().decode(setupBytes)) as Setup;
    const digest = this.#crypto.sha256Hex(electionBytes);
    this.#election = parsed.value;
    const s = this.#store;
    s.set('election.bytes', body.election.bytes);
    s.set('election.signature', body.election.signature);
    s.set('election.digest', digest);
    s.set('setup.bytes', body.setup.bytes);
    s.set('setup.signature', body.setup.signature);
    s.set('console.publicKey', toBase64(from));
    s.set('console.machine', consoleMachine);
    s.set('urna.publicKey', setup.urnaPublicKey);
    s.set('booth.id', body.booth);
    s.set('section', setup.section);
    s.appendLog('setup-received', { console: fingerprint(from), machine: consoleMachine, election: digest });
    this.#notice = null;
    // The zero report is computed from the store, not asserted (R14).
    const contests = parsed.value.scrutinyOrder;
    const figures = s.sealFigures(contests);
    const empty = Object.values(figures).every((f) => f.count === 0 && f.ballotsDigest === EMPTY_DIGEST) && s.lastTokenCounter() === 0;
    if (!empty) return this.#refuse(0, 'the store is not empty: no zero report');
    const report: ZeroReport = {
      format: 'seggio/zero-report@1',
      election: digest,
      section: setup.section,
      booth: body.booth,
      software: SOFTWARE,
      boothKey: toBase64(this.#key.publicKey),
      console: toBase64(from),
      urnaPublicKey: setup.urnaPublicKey,
      contests: figures,
      counter: 0,
    };
    const bytes = documentBytes(report);
    const signature = toBase64(this.#crypto.sign(bytes, this.#key));
    s.set('zeroReport.bytes', toBase64(bytes));
    s.set('zeroReport.signature', signature);
    s.appendLog('zero-report-signed', { digest: this.#crypto.sha256Hex(bytes) });
    this.#queue({ type: 'zero-report', report: { bytes: toBase64(bytes), signature } });
    // Once paired, the console hears how the keypad and the voice stand (after this transaction).
    queueMicrotask(() => this.#sendDevices());
  }

  /** R10: accepted only when idle, for this booth and election, counter = last + 1, signed by the console. */
  #enable(token: EnableToken, signature: string): void {
    const s = this.#store;
    const state = this.state;
    const expected = s.lastTokenCounter() + 1;
    const consoleKey = fromBase64(s.get('console.publicKey')!);
    const sig = decodeSignature(signature);
    const reason =
      state === 'closed'
        ? 'voting is closed'
        : state === 'in-session'
          ? 'a voter is already voting at this booth'
          : state !== 'idle'
            ? `voting is not open (the booth is ${state})`
            : !sig || !this.#crypto.verify(enableTokenBytes(token), sig, consoleKey)
              ? 'the token is not signed by the console'
              : token.booth !== s.get('booth.id')
                ? `the token is for booth ${token.booth}`
                : token.election !== s.get('election.digest')
                  ? 'the token is for another election'
                  : token.counter !== expected
                    ? `the token's counter is ${token.counter}, expected ${expected}`
                    : token.contests.some((c) => !this.#election!.contests.some((k) => k.id === c))
                      ? 'the token names a contest not in the election'
                      : null;
    if (reason) return this.#refuse(token.counter, reason);
    s.insertToken({ counter: token.counter, session: token.session, contests: token.contests, signature });
    s.appendLog('token-accepted', { counter: token.counter });
    this.#queue({ type: 'session-started', session: token.session, counter: token.counter });
  }

  /**
   * Close is final (R13): an open session ends as cancelled, then the ballots and the log go out, in
   * frames the console takes (R33), and the seal last, which tells the console the booth is done.
   */
  #close(): void {
    const s = this.#store;
    if (this.state === 'closed') return;
    const open = s.openToken();
    if (open) {
      s.setOutcome(open.session, 'cancelled');
      s.appendLog('session-cancelled', { counter: open.counter, at: 'close' });
      this.#queue({ type: 'cancelled', session: open.session, counter: open.counter });
    }
    s.set('closed', '1');
    s.appendLog('voting-closed');
    const election = this.#election!;
    const tokens = s.tokens();
    const seal: BoothSeal = {
      format: 'seggio/booth-seal@1',
      election: s.get('election.digest')!,
      section: s.get('section')!,
      booth: s.get('booth.id')!,
      contests: s.sealFigures(election.scrutinyOrder),
      sessions: { cast: tokens.filter((t) => t.outcome === 'cast').length, cancelled: tokens.filter((t) => t.outcome === 'cancelled').length },
      zeroReport: this.#crypto.sha256Hex(fromBase64(s.get('zeroReport.bytes')!)),
    };
    const bytes = documentBytes(seal);
    for (const ballots of chunkByBytes(s.ballots().map((b) => ({ h: b.h, contest: b.contest, ct: toBase64(b.ct), sig: toBase64(b.sig) })))) this.#queue({ type: 'ballots', ballots });
    for (const lines of chunkByBytes(s.log().map((e) => JSON.stringify(e)))) this.#queue({ type: 'log', lines });
    this.#queue({ type: 'seal', seal: { bytes: toBase64(bytes), signature: toBase64(this.#crypto.sign(bytes, this.#key)) } });
  }
}

