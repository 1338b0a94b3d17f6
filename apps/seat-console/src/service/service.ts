// The seat console service (docs/design.md §1, §3): set-up, pairing, enabling, turnout. The link to the
// booths is in link-side.ts; close, count and export in closing.ts. Plain Node: the Electron and web
// shells only host it.
import { join, resolve } from 'node:path';
import QRCode from 'qrcode';
import { contestsFor, documentBytes, parseElection, parseSidecar, type Election, type Setup, type ZeroReport } from '@seggio/ballot-core';
import { err, fingerprint, fromBase64, ok, splitUrnaKey, toBase64, toHex, type Result, type SeggioCrypto } from '@seggio/crypto';
import { enableTokenBytes, MachineIdentity, type BoothMessage, type EnableToken, type LinkServer } from '@seggio/link';
import type { ConsolePhase, ConsoleView, EnableInput, Figures, PackageEntry, PackageNames, RollVoter } from '../shared/api.js';
import { refusal } from '../shared/refusals.js';
import { certificateRefusal } from './certificate-refusal.js';
import { freeFolder, listPackages, readPackage, writeInto } from './folders.js';
import { ConsoleLinkSide } from './link-side.js';
import { OfficePush } from './office-push.js';
import type { ConsoleStore, SessionRow } from './store.js';
import { isOpen, sessionCounts, turnoutCsv, votersByContest } from './turnout.js';
import { parseRoll } from './roll.js';
import { sharePdf } from './share-pdf.js';

export interface ConsoleConfig {
  readonly storePath: string | null;
  /** The console's machine key file (mode 0600, outside the store), made if missing; its certificate beside it. */
  readonly machineKeyPath: string;
  /** Where the console says what it did by itself (a machine key made); the terminal by default. */
  readonly say?: (line: string) => void;
  readonly officeKey: Uint8Array;
  /** The file the office key was read from, for the verify command the president is shown. */
  readonly officeKeyFile?: string;
  /** Where booths connect: the section LAN address, or 127.0.0.1 on one machine. */
  readonly host: string;
  readonly port: number;
  /** Where election packages arrive (the removable drive); none, and only files given directly load. */
  readonly packagesDir?: string | null;
  /** Where turnout reports and bundles are written by default; the president may choose another folder. */
  readonly exportDir?: string;
}

/** The one state each of a booth's words about a session may follow (R31). */
const SESSION_MAY_FOLLOW = { 'session-started': 'enabled', cast: 'started', cancelled: 'started' } as const;

/** How many entries of the event log the view carries. */
const LOG_LINES = 40;

export class ConsoleService extends ConsoleLinkSide {
  protected election: Election | null = null;
  /** Turnout and the public export to the office the package names (docs/design.md §7). */
  readonly office: OfficePush;

  protected constructor(crypto: SeggioCrypto, store: ConsoleStore, config: ConsoleConfig, server: LinkServer, identity: MachineIdentity) {
    super(crypto, store, config, server, identity);
    const bytes = store.get('election.bytes');
    if (bytes) this.election = (parseElection(fromBase64(bytes)) as { ok: true; value: Election }).value;
    this.office = new OfficePush(crypto, store, {
      url: () => this.election?.office?.url ?? null,
      signer: () => (this.key && this.store.get('section') ? { key: this.key, election: this.store.get('election.digest')!, section: this.store.get('section')!, setup: documentBytes(this.setupDocument()) } : null),
    });
    // What a console stopped before the office answered is sent again.
    this.office.send();
  }

  override async stop(): Promise<void> {
    await this.office.stop();
    await super.stop();
  }

  get phase(): ConsolePhase {
    const s = this.store;
    if (s.get('signed')) return 'signed';
    if (s.get('counted')) return 'counted';
    if (s.get('closed')) return this.store.booths().every((b) => b.seal) ? 'closed' : 'closing';
    if (s.get('opened')) return 'voting';
    return this.election ? 'setup' : 'no-election';
  }

  getView(): ConsoleView {
    const sessions = this.store.sessions();
    const urna = this.store.get('urna.publicKey');
    const electors = this.store.rollSize();
    return {
      phase: this.phase,
      election: this.election ? { id: this.election.id, title: this.election.title, digest: this.store.get('election.digest')!, training: this.election.training ?? false } : null,
      section: this.store.get('section') ?? null,
      officeFingerprint: fingerprint(this.config.officeKey),
      consoleFingerprint: fingerprint(this.key.publicKey),
      consoleMachine: this.identity.enrolment?.certificate.machine ?? null,
      urnaFingerprint: urna ? fingerprint(fromBase64(urna)) : null,
      booths: this.store.booths().map((b) => ({
        ...this.#devices(b.id),
        id: b.id,
        fingerprint: fingerprint(fromBase64(b.publicKey)),
        state: b.reportedState,
        connected: this.isConnected(b.id),
        zeroReport: b.zeroReport !== null,
        sealed: b.seal !== null,
        session: sessions.find((s) => s.booth === b.id && isOpen(s))?.session ?? null,
      })).map((tile) => ({ ...tile, calling: tile.session !== null && this.store.get(`attention.${tile.id}`) === tile.session })),
      pendingBooths: this.waitingBooths(),
      sessions: sessionCounts(sessions),
      shares: this.store.get('shares') ? (JSON.parse(this.store.get('shares')!) as { threshold: number; count: number }) : null,
      turnout: this.election ? this.#turnoutView(sessions) : null,
      roll: electors > 0 ? { electors, voted: this.store.rollVoted() } : null,
      log: this.store.logTail(LOG_LINES).map((e) => ({ seq: e.seq, event: e.event, detail: e.detail })),
      count: null,
      exported: null,
      exportDir: this.exportDir,
      // Looked for on disk only once there is a bundle to write.
      bundleDir: this.store.get('counted') ? freeFolder(join(this.exportDir, 'bundle')) : join(this.exportDir, 'bundle'),
    };
  }

  /**
   * What a booth last said of its keypad and its voice. Stored, since a booth says it only when it
   * changes, and a console started again must still know; it says nothing of any voter.
   */
  #devices(booth: string): Pick<ConsoleView['booths'][number], 'keypad' | 'voice'> {
    const said = this.store.get(`devices.${booth}`);
    return said ? (JSON.parse(said) as Pick<ConsoleView['booths'][number], 'keypad' | 'voice'>) : { keypad: null, voice: null };
  }

  /** The folder suggested for this section's exports. */
  get exportDir(): string {
    const root = resolve(this.config.exportDir ?? 'seggio-export');
    return this.election && this.store.get('section') ? join(root, `${this.election.id}-sezione-${this.store.get('section')}`) : root;
  }

  #turnoutView(sessions: readonly SessionRow[]): NonNullable<ConsoleView['turnout']> {
    const recorded = new Map(this.store.turnout().map((t) => [t.checkpoint, JSON.parse(t.figures) as Record<string, Figures>]));
    return {
      live: votersByContest(this.election!, sessions),
      checkpoints: this.election!.turnoutCheckpoints.map((c) => ({ id: c.id, at: c.at, bySex: c.bySex, final: c.final ?? false, recorded: recorded.get(c.id) ?? null })),
    };
  }

  getElection(): Election | null {
    return this.election;
  }

  /** Loads the election package, verified against the pinned office key. */
  loadElection(input: { bytes: Uint8Array; signature: Uint8Array; names?: PackageNames }): Result<{ digest: string }, string[]> {
    if (this.phase !== 'no-election') return err([refusal('already-loaded')]);
    const names = input.names ?? { package: 'election.json', signature: 'election.json.sig' };
    const sidecar = parseSidecar(input.signature);
    if (!sidecar.ok) return err([refusal('package-sig-unreadable', { file: names.signature, reason: sidecar.error })]);
    // Another office's key, or the wrong key configured: both fingerprints, for the president to compare.
    if (toBase64(sidecar.value.signer) !== toBase64(this.config.officeKey)) {
      return err([refusal('package-other-key', { file: names.signature, signer: fingerprint(sidecar.value.signer), expected: fingerprint(this.config.officeKey) })]);
    }
    // The office's key over other bytes: the reason is the verifier's own word for it (bad-signature …).
    const rejection = this.crypto.checkSignature(input.bytes, sidecar.value.signature, sidecar.value.signer);
    if (rejection !== null) return err([refusal('package-signature', { file: names.signature, reason: rejection })]);
    const parsed = parseElection(input.bytes);
    if (!parsed.ok) return err(parsed.error.map((p) => refusal('package-invalid', { file: names.package, path: p.path, reason: p.message })));
    const digest = this.crypto.sha256Hex(input.bytes);
    this.store.transaction(() => {
      this.store.set('election.bytes', toBase64(input.bytes));
      this.store.set('election.signature', toBase64(sidecar.value.signature));
      this.store.set('election.digest', digest);
      this.store.appendLog('election-loaded', { digest });
    });
    this.election = parsed.value;
    this.emit('view');
    return ok({ digest });
  }

  /** The election packages in the import folder: each `*.json` with, or without, its `.sig`. */
  listPackages(): Result<PackageEntry[], string> {
    return listPackages(this.config.packagesDir);
  }

  /** Loads a package from the import folder by its file name (never a path). */
  loadPackage(input: { file: string }): Result<{ digest: string }, string[]> {
    const read = readPackage(this.config.packagesDir, input.file);
    return read.ok ? this.loadElection({ ...read.value, names: { package: input.file, signature: `${input.file}.sig` } }) : read;
  }

  /**
   * Picks the section, creates the console key and the urna key, and splits the urna secret among the
   * seat members: the shares are returned once and no copy of the secret is kept (R19).
   */
  async createKeys(input: { section: string; threshold?: number; count?: number }): Promise<Result<{ shares: string[]; qrCodes: string[]; pdfs: string[]; urnaFingerprint: string }, string>> {
    if (this.phase !== 'setup' || this.store.get('urna.publicKey')) return err(refusal('keys-once'));
    if (!this.election!.sections.some((s) => s.id === input.section)) return err(refusal('section-unknown', { section: input.section }));
    const threshold = input.threshold ?? 3;
    const count = input.count ?? 5;
    if (!Number.isInteger(threshold) || !Number.isInteger(count) || threshold < 2 || count < threshold || count > 20) return err(refusal('shares-range', { k: threshold, n: count }));
    const urna = this.crypto.generateBoxKeyPair();
    const shares = await splitUrnaKey(this.crypto, urna, { threshold, count });
    urna.secretKey.fill(0);
    this.store.transaction(() => {
      this.store.set('section', input.section);
      this.store.set('urna.publicKey', toBase64(urna.publicKey));
      this.store.set('shares', JSON.stringify({ threshold, count }));
      this.store.appendLog('keys-created', { console: fingerprint(this.key.publicKey), urna: fingerprint(urna.publicKey), threshold, count });
    });
    this.emit('view');
    const qrCodes = await Promise.all(shares.map(async (share) => `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(share, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })).toString('base64')}`));
    const urnaFingerprint = fingerprint(urna.publicKey);
    // One sheet per seat member, to print: made here with the shares, and like them never kept.
    const paper = { election: this.election!, section: input.section, count, threshold, urnaFingerprint };
    const pdfs = await Promise.all(shares.map(async (share, i) => toBase64(await sharePdf({ ...paper, share, index: i + 1 }))));
    return ok({ shares, qrCodes, pdfs, urnaFingerprint });
  }

  /** The set-up document as it stands (docs/bundle-format.md): the booths paired so far. */
  setupDocument(): Setup {
    const shares = JSON.parse(this.store.get('shares')!) as { threshold: number; count: number };
    return {
      format: 'seggio/setup@1',
      election: this.store.get('election.digest')!,
      section: this.store.get('section')!,
      console: toBase64(this.key.publicKey),
      // Empty until the console is enrolled: no booth pairs before that, and the verifier refuses it.
      consoleMachine: this.identity.enrolment?.certificate.machine ?? '',
      urnaPublicKey: this.store.get('urna.publicKey')!,
      booths: this.store.booths().map((b) => ({ id: b.id, publicKey: b.publicKey, machine: b.machine })),
      shares,
    };
  }

  /** The comune of the loaded election (ISTAT code), against which every certificate is checked. */
  protected override comune(): string | null {
    return this.election?.comune.istat ?? null;
  }

  /** The certificate files on the drive (its `macchine/` folder), for the president to import the console's. */
  listCertificates(): string[] {
    return MachineIdentity.listDrive(this.config.packagesDir);
  }

  /** Imports the console's certificate from the drive: refused unless the office signed it for this console's key. */
  importCertificate(input: { file: string }): Result<{ machine: string }, string> {
    // The booths paired so far hold this console's key and machine id from its certificate.
    if (this.store.booths().length > 0) return err(refusal('certificate-after-pairing'));
    const imported = this.identity.importFromDrive(this.crypto, this.config.packagesDir, input.file, this.config.officeKey);
    if (!imported.ok) return err(certificateRefusal(imported.error));
    this.store.transaction(() => this.store.appendLog('certificate-imported', { machine: imported.value.machine, fingerprint: fingerprint(this.key.publicKey) }));
    this.emit('view');
    return ok({ machine: imported.value.machine });
  }

  /**
   * The president confirms the fingerprint and machine id the booth shows; the booth is pinned and sent
   * the set-up, which carries the console's certificate. Only an enrolled console of this comune pairs.
   */
  pairBooth(input: { fingerprint: string; id?: string }): Result<{ booth: string }, string> {
    if (this.phase !== 'setup' || !this.store.get('urna.publicKey')) return err(refusal('pair-when'));
    const own = this.identity.enrolment;
    if (!own) return err(refusal('console-unenrolled', { fingerprint: fingerprint(this.key.publicKey) }));
    if (own.certificate.comune !== this.comune()) return err(refusal('console-other-comune', { machine: own.certificate.machine, comune: own.certificate.comune, expected: this.comune()! }));
    const waiting = this.waitingBooth(input.fingerprint);
    if (!waiting) return err(refusal('pair-unknown', { fingerprint: input.fingerprint }));
    // Checked again now: the election (its comune) may have come after the booth, another booth may have paired the machine.
    const admitted = this.admitBooth(waiting.publicKey, waiting.wire);
    if (!admitted.ok) {
      this.refuseBooth(waiting.publicKey, admitted.machine, admitted.reason);
      return err(refusal(`booth-${admitted.reason}`, { fingerprint: input.fingerprint, machine: admitted.machine }));
    }
    const id = input.id ?? `B${this.store.booths().length + 1}`;
    if (!/^[A-Za-z0-9._-]{1,32}$/.test(id) || this.store.booth(id)) return err(refusal('pair-id', { id }));
    const publicKey = toBase64(waiting.publicKey);
    const machine = admitted.enrolment.certificate.machine;
    const document = this.setupDocument();
    const setup = documentBytes({ ...document, booths: [...document.booths, { id, publicKey, machine }] });
    this.store.transaction(() => {
      this.store.addBooth(id, publicKey, machine, JSON.stringify(waiting.wire), toBase64(setup));
      this.store.appendLog('booth-paired', { booth: id, fingerprint: input.fingerprint, machine });
      this.queue(id, {
        type: 'setup',
        booth: id,
        election: { bytes: this.store.get('election.bytes')!, signature: this.store.get('election.signature')! },
        setup: { bytes: toBase64(setup), signature: toBase64(this.crypto.sign(setup, this.key)) },
        consoleCertificate: this.identity.wire!,
      });
    });
    // Only the set-up goes now: the booth pins this console from it, then says hello again for the rest.
    this.adopt(input.fingerprint, id);
    this.emit('view');
    return ok({ booth: id });
  }

  /** Voting opens only when every paired booth's zero report has been verified (R14). */
  openVoting(): Result<void, string> {
    const booths = this.store.booths();
    if (this.phase !== 'setup' || booths.length === 0) return err(refusal('open-when'));
    const missing = booths.filter((b) => !b.zeroReport).map((b) => b.id);
    if (missing.length) return err(refusal('open-zero', { booths: missing.join(', ') }));
    this.store.transaction(() => {
      this.store.set('opened', '1');
      this.store.appendLog('voting-opened');
      for (const b of booths) {
        this.queue(b.id, { type: 'open' });
        // A booth that did not open refuses its first token, and says so.
        this.store.updateBooth(b.id, { reported_state: 'idle' });
      }
    });
    for (const b of booths) this.flush(b.id);
    this.emit('view');
    return ok(undefined);
  }

  /** Enables a free booth for one voter: the contests their category allows and they accept (docs/election-rules.md). */
  enableBooth(input: EnableInput): Result<{ session: string; contests: string[] }, string> {
    if (this.phase !== 'voting') return err(refusal('not-open'));
    if (input.voter !== undefined) {
      const entry = this.store.rollEntry(input.voter);
      if (!entry) return err(refusal('not-on-roll', { number: input.voter }));
      if (entry.voted) return err(refusal('already-voted', { who: `${entry.surname} ${entry.name}`, number: entry.number }));
      if (entry.session) return err(refusal('at-booth', { who: `${entry.surname} ${entry.name}`, number: entry.number }));
      if (entry.category !== input.category || entry.sex !== input.sex) return err(refusal('roll-differs', { number: entry.number, category: entry.category, sex: entry.sex }));
    }
    const booth = this.store.booth(input.booth);
    if (!booth) return err(refusal('no-booth', { booth: input.booth }));
    if (booth.reportedState !== 'idle') return err(refusal('booth-not-free', { booth: input.booth, state: booth.reportedState }));
    if (this.store.openSession(input.booth)) return err(refusal('booth-busy', { booth: input.booth }));
    const allowed = contestsFor(this.election!, input.category);
    const contests = input.accepts ? allowed.filter((id) => input.accepts!.includes(id)) : allowed;
    if (contests.length === 0) return err(refusal('no-ballot', { category: input.category, accepts: input.accepts?.join(', ') ?? 'nothing' }));
    const token: EnableToken = {
      election: this.store.get('election.digest')!,
      booth: input.booth,
      counter: this.store.lastCounter(input.booth) + 1,
      session: toHex(this.crypto.randomBytes(16)),
      contests,
    };
    this.store.transaction(() => {
      this.store.addSession({ session: token.session, booth: input.booth, counter: token.counter, contests, category: input.category, sex: input.sex });
      if (input.voter !== undefined) this.store.setRollSession(input.voter, token.session);
      this.store.appendLog('booth-enabled', { booth: input.booth, counter: token.counter });
      this.queue(input.booth, { type: 'enable', token, signature: toBase64(this.crypto.sign(enableTokenBytes(token), this.key)) });
    });
    this.flush(input.booth);
    this.emit('view');
    return ok({ session: token.session, contests });
  }

  /** The president cancels a walked-away voter's session (R11). */
  cancelSession(input: { session: string }): Result<void, string> {
    const session = this.store.session(input.session);
    if (!session || (session.state !== 'enabled' && session.state !== 'started')) return err(refusal('no-session'));
    this.store.transaction(() => {
      this.store.appendLog('cancel-requested', { booth: session.booth, counter: session.counter });
      this.queue(session.booth, { type: 'cancel', session: session.session, counter: session.counter });
    });
    this.flush(session.booth);
    this.emit('view');
    return ok(undefined);
  }

  /** Imports the section roll (replacing any before voting opens); it stays in the console. */
  importRoll(input: { file: string; text: string }): Result<{ electors: number }, string[]> {
    if (!this.election) return err([refusal('roll-needs-election')]);
    if (this.store.get('opened')) return err([refusal('roll-before-open')]);
    const parsed = parseRoll(input.file, input.text, this.election);
    if (!parsed.ok) return parsed;
    this.store.transaction(() => this.store.replaceRoll(parsed.value));
    this.emit('view');
    return ok({ electors: parsed.value.length });
  }

  /** A roll entry, for the president to confirm who is at the table. */
  lookupVoter(input: { number: number }): Result<RollVoter, string> {
    const entry = this.store.rollEntry(input.number);
    if (!entry) return err(this.store.rollSize() === 0 ? refusal('no-roll') : refusal('not-on-roll', { number: input.number }));
    return ok({ number: entry.number, surname: entry.surname, name: entry.name, sex: entry.sex, category: entry.category as RollVoter['category'], voted: entry.voted === 1, atBooth: entry.voted === 0 && entry.session !== null });
  }

  /** Writes a checkpoint's report into the export folder, for the Prefettura. */
  saveTurnoutReport(input: { checkpoint: string }): Result<{ file: string }, string> {
    const report = this.turnoutReport(input);
    return report.ok ? writeInto(this.exportDir, `affluenza-${input.checkpoint}.csv`, report.value) : report;
  }

  /** A checkpoint's figures for the Prefettura, in the vocabulary of the Ministry's open data. */
  turnoutReport(input: { checkpoint: string }): Result<string, string> {
    const recorded = this.store.turnout().find((t) => t.checkpoint === input.checkpoint);
    if (!recorded || !this.election) return err(refusal('checkpoint-not-recorded', { checkpoint: input.checkpoint }));
    return ok(turnoutCsv(this.election, this.store.get('section')!, input.checkpoint, JSON.parse(recorded.figures) as Record<string, Figures>));
  }

  /** Voters so far per contest, by sex, from the sessions cast. */
  votersByContest(): Record<string, Figures> {
    return votersByContest(this.election!, this.store.sessions());
  }

  /** Records turnout at one of the election's checkpoints, in order. */
  recordTurnout(input: { checkpoint: string }): Result<Record<string, { M: number; F: number; T: number }>, string> {
    const order = this.election?.turnoutCheckpoints.map((c) => c.id) ?? [];
    const done = this.store.turnout().map((t) => t.checkpoint);
    if (!order.includes(input.checkpoint)) return err(refusal('checkpoint-unknown', { checkpoint: input.checkpoint, all: order.join(', ') }));
    if (done.includes(input.checkpoint) || (done.length > 0 && order.indexOf(input.checkpoint) < order.indexOf(done.at(-1)!))) return err(refusal('checkpoint-past', { checkpoint: input.checkpoint }));
    const figures = this.votersByContest();
    this.store.transaction(() => {
      this.store.addTurnout(input.checkpoint, JSON.stringify(figures));
      this.store.appendLog('turnout-recorded', { checkpoint: input.checkpoint });
    });
    this.office.send();
    this.emit('view');
    return ok(figures);
  }

  /** Acts on one booth message inside the transaction that records its counter; says why when it is refused. */
  protected override onBoothMessage(booth: string, body: BoothMessage): string | undefined {
    const s = this.store;
    // Once a booth has sent its seal it is closed for good: nothing it sends changes the day (R13, R31).
    if (s.booth(booth)!.seal && body.type !== 'hello') return `${body.type} after the booth's seal`;
    switch (body.type) {
      case 'zero-report':
        return this.#zeroReport(booth, body.report);
      case 'session-started':
      case 'cast':
      case 'cancelled':
        return this.#sessionMoved(booth, body);
      case 'refused': {
        const session = s.sessionAt(booth, body.counter);
        // Logged in full only when it ends a session the console enabled, so at most once per session.
        if (session?.state !== 'enabled') return `refused by the booth, for no session waiting: ${body.reason.slice(0, 200)}`;
        s.setSessionState(session.session, 'refused');
        s.appendLog('frame-rejected', { booth, reason: `refused by the booth: ${body.reason.slice(0, 200)}` });
        return;
      }
      case 'out-of-service':
        s.updateBooth(booth, { reported_state: 'out-of-service' });
        return;
      case 'hello':
        return;
      case 'devices':
        s.set(`devices.${booth}`, JSON.stringify({ keypad: body.keypad, voice: body.voice }));
        return;
      case 'attention':
        return this.#attention(booth, body.session, body.calling);
      default:
        return this.onClosingMessage(booth, body);
    }
  }

  /**
   * R31: a session moves only on word from the booth it was enabled on, with its counter, from the
   * state this word may follow (started after enabled; cast or cancelled after started), and never once
   * cast or cancelled: a booth holding its key cannot make a cancelled session cast, nor touch another's.
   */
  #sessionMoved(booth: string, body: Extract<BoothMessage, { type: 'session-started' | 'cast' | 'cancelled' }>): string | undefined {
    const s = this.store;
    const session = s.session(body.session);
    if (!session || session.booth !== booth) return `${body.type} for a session not enabled on this booth`;
    if (session.counter !== body.counter) return `${body.type} with counter ${body.counter} for the session of counter ${session.counter}`;
    if (session.state !== SESSION_MAY_FOLLOW[body.type]) return `${body.type} for a session ${session.state}`;
    if (body.type === 'session-started') {
      s.setSessionState(body.session, 'started');
      s.updateBooth(booth, { reported_state: 'in-session' });
      return;
    }
    s.setSessionState(body.session, body.type);
    s.settleRollSession(body.session, body.type === 'cast');
    if (s.booth(booth)!.reportedState !== 'closed') s.updateBooth(booth, { reported_state: 'idle' });
    return;
  }

  /** Seal, ballots and log: handled by the closing part. */
  protected onClosingMessage(_booth: string, _body: Extract<BoothMessage, { type: 'seal' | 'ballots' | 'log' }>): string | undefined {
    throw new Error('closing messages need the closing service');
  }

  /**
   * A booth calls the president for its voter (or no longer does): kept against that session, so that
   * the call ends with it. Only for the session open at that very booth; anything else is refused.
   */
  #attention(booth: string, session: string, calling: boolean): string | undefined {
    const row = this.store.session(session);
    if (!row || row.booth !== booth || !isOpen(row)) return 'a call for the president outside an open session of this booth';
    this.store.set(`attention.${booth}`, calling ? session : '');
    return undefined;
  }

  #zeroReport(booth: string, report: { bytes: string; signature: string }): string | undefined {
    const row = this.store.booth(booth)!;
    // One zero report per booth, before voting opens: a repeated one would only grow the log.
    if (row.zeroReport || this.store.get('opened')) return 'zero report once more';
    const bytes = fromBase64(report.bytes);
    const doc = JSON.parse(new TextDecoder().decode(bytes)) as ZeroReport;
    const valid =
      this.crypto.verify(bytes, fromBase64(report.signature), fromBase64(row.publicKey)) &&
      doc.format === 'seggio/zero-report@1' &&
      doc.election === this.store.get('election.digest') &&
      doc.booth === booth &&
      doc.boothKey === row.publicKey &&
      doc.console === toBase64(this.key.publicKey) &&
      doc.urnaPublicKey === this.store.get('urna.publicKey') &&
      doc.counter === 0 &&
      Object.values(doc.contests).every((c) => c.count === 0);
    if (!valid) return 'zero report does not hold';
    this.store.updateBooth(booth, { zero_report: report.bytes, zero_report_signature: report.signature, reported_state: 'ready' });
    this.store.appendLog('zero-report-received', { booth, digest: this.crypto.sha256Hex(bytes) });
    return;
  }
}
