// The seat console service (docs/design.md §1), composed of its parts over one explicit context:
// the link to the booths (link-side.ts), the set-up (setup.ts), the day (voting.ts), close and
// reconciliation (closing.ts), the count and export (count.ts), the push to the office (office-push.ts).
// Plain Node: the Electron and web shells only host it.
import { EventEmitter } from 'node:events';
import { join, resolve } from 'node:path';
import { parseElection, type Election, type PollbookDocument, type Setup } from '@seggio/ballot-core';
import { assertSelfTest, err, fingerprint, fromBase64, ok, type Result, type SeggioCrypto } from '@seggio/crypto';
import { documentBytes } from '@seggio/ballot-core';
import { LinkServer, MachineIdentity, rejection, type BoothMessage, type Rejection } from '@seggio/link';
import type { ConsoleApi, ConsoleView, CountOutcome, EnableInput, Figures, PackageEntry, PackageNames, ReconciledContest, RollVoter } from '../shared/api.js';
import { refusal, type Refusal } from '../shared/refusals.js';
import { ClosingPart } from './closing.js';
import type { ConsoleConfig, ConsoleContext, ConsoleEvents } from './context.js';
import { CountPart } from './count.js';
import { freeFolder } from './folders.js';
import { ConsoleLink } from './link-side.js';
import { OfficePush } from './office-push.js';
import { SetupPart } from './setup.js';
import { ConsoleStore, type SessionRow } from './store.js';
import { isOpen, sessionCounts, votersByContest } from './turnout.js';
import { VotingPart } from './voting.js';

/** How many entries of the event log the view carries. */
const LOG_LINES = 40;

export class SeatConsole extends EventEmitter<ConsoleEvents> implements ConsoleApi {
  readonly store: ConsoleStore;
  /** Turnout and the public export to the office the package names (docs/design.md §7). */
  readonly office: OfficePush;
  readonly #ctx: ConsoleContext;
  readonly #link: ConsoleLink;
  readonly #setup: SetupPart;
  readonly #voting: VotingPart;
  readonly #closing: ClosingPart;
  readonly #count: CountPart;

  private constructor(crypto: SeggioCrypto, store: ConsoleStore, config: ConsoleConfig, server: LinkServer, identity: MachineIdentity) {
    super();
    this.store = store;
    const stored = store.election();
    const parsed = stored ? parseElection(fromBase64(stored.bytes)) : null;
    // Checked when it was loaded; bytes in the store that no longer parse are a damaged store.
    if (parsed && !parsed.ok) throw new Error('the election package in the store does not parse');
    const ctx: ConsoleContext = { crypto, store, config, identity, key: identity.key, events: this, election: parsed?.value ?? null };
    this.#ctx = ctx;
    this.#link = new ConsoleLink(ctx, server, {
      comune: () => ctx.election?.comune.istat ?? null,
      onMessage: (booth, body) => this.#onBoothMessage(booth, body),
    });
    this.#setup = new SetupPart(ctx, this.#link);
    this.office = new OfficePush(crypto, store, {
      url: () => ctx.election?.office?.url ?? null,
      signer: () => {
        const election = store.election();
        const keys = store.keys();
        const setup = this.#setup.setupDocument();
        return election && keys && setup ? { key: ctx.key, election: election.digest, section: keys.section, setup: documentBytes(setup) } : null;
      },
      changed: () => this.emit('view'),
    });
    this.#voting = new VotingPart(ctx, this.#link, this.office);
    this.#closing = new ClosingPart(ctx, this.#link);
    this.#count = new CountPart(ctx, { link: this.#link, setup: this.#setup, voting: this.#voting, closing: this.#closing, office: this.office });
    // What a console stopped before the office answered is sent again.
    this.office.send();
  }

  /** Refuses to start if the crypto self-test fails (R21) or the store is damaged. */
  static async start(crypto: SeggioCrypto, config: ConsoleConfig): Promise<SeatConsole> {
    assertSelfTest(crypto);
    // The machine key first: one that others may read stops the console before anything is opened (R35).
    const identity = MachineIdentity.load(crypto, config.machineKeyPath, config.officeKey, 'console', config.say ?? ((line) => console.log(line)));
    const store = config.storePath === null ? ConsoleStore.memory() : ConsoleStore.open(config.storePath);
    const server = await LinkServer.listen(config.host, config.port);
    return new SeatConsole(crypto, store, config, server, identity);
  }

  async stop(): Promise<void> {
    await this.office.stop();
    await this.#link.stop();
    this.store.close();
  }

  get url(): string {
    return this.#link.url;
  }

  get phase(): ConsoleView['phase'] {
    return this.store.phase();
  }

  /** Acts on one booth message inside the transaction that records its counter; says why when it is refused. */
  #onBoothMessage(booth: string, body: BoothMessage): Rejection | undefined {
    // Once a booth has sent its seal it is closed for good: nothing it sends changes the day (R13, R31).
    if (this.store.booth(booth)?.seal && body.type !== 'hello') return rejection('after-seal', { type: body.type });
    switch (body.type) {
      case 'seal':
      case 'ballots':
      case 'log':
        return this.#closing.onClosingMessage(booth, body);
      default:
        return this.#voting.onDayMessage(booth, body);
    }
  }

  getView(): ConsoleView {
    const { store, config, key, identity, election } = this.#ctx;
    const sessions = store.sessions();
    const keys = store.keys();
    const stored = store.election();
    const electors = store.rollSize();
    return {
      phase: store.phase(),
      election: election && stored ? { id: election.id, title: election.title, digest: stored.digest, training: election.training ?? false } : null,
      section: keys?.section ?? null,
      officeFingerprint: fingerprint(config.officeKey),
      consoleFingerprint: fingerprint(key.publicKey),
      consoleMachine: identity.enrolment?.certificate.machine ?? null,
      urnaFingerprint: keys ? fingerprint(fromBase64(keys.urnaPublicKey)) : null,
      booths: store.boothTiles().map((b) => {
        const session = sessions.find((s) => s.booth === b.id && isOpen(s))?.session ?? null;
        return {
          ...b.devices,
          id: b.id,
          fingerprint: fingerprint(fromBase64(b.publicKey)),
          state: b.state,
          connected: this.#link.isConnected(b.id),
          zeroReport: b.zeroReport,
          sealed: b.sealed,
          session,
          calling: session !== null && b.attention === session,
        };
      }),
      pendingBooths: this.#link.waitingBooths(),
      sessions: sessionCounts(sessions),
      shares: keys?.shares ?? null,
      turnout: election ? this.#turnoutView(election, sessions) : null,
      roll: electors > 0 ? { electors, voted: store.rollVoted() } : null,
      log: store.logTail(LOG_LINES).map((e) => ({ seq: e.seq, event: e.event, detail: e.detail })),
      ...this.#count.view(),
      officePush: this.office.status(),
      exportDir: this.exportDir,
      // Looked for on disk only once there is a bundle to write.
      bundleDir: store.phase() === 'counted' || store.phase() === 'signed' ? freeFolder(join(this.exportDir, 'bundle')) : join(this.exportDir, 'bundle'),
    };
  }

  #turnoutView(election: Election, sessions: readonly SessionRow[]): NonNullable<ConsoleView['turnout']> {
    const recorded = new Map(this.store.turnout().map((t) => [t.checkpoint, JSON.parse(t.figures) as Record<string, Figures>]));
    return {
      live: votersByContest(election, sessions),
      checkpoints: election.turnoutCheckpoints.map((c) => ({ id: c.id, at: c.at, bySex: c.bySex, final: c.final ?? false, recorded: recorded.get(c.id) ?? null })),
    };
  }

  /** The folder suggested for this section's exports. */
  get exportDir(): string {
    const root = resolve(this.#ctx.config.exportDir ?? 'seggio-export');
    const section = this.store.keys()?.section;
    return this.#ctx.election && section ? join(root, `${this.#ctx.election.id}-sezione-${section}`) : root;
  }

  getElection(): Election | null {
    return this.#ctx.election;
  }

  loadElection(input: { bytes: Uint8Array; signature: Uint8Array; names?: PackageNames }): Result<{ digest: string }, Refusal[]> {
    return this.#setup.loadElection(input);
  }

  listPackages(): Result<PackageEntry[], Refusal> {
    return this.#setup.listPackages();
  }

  loadPackage(input: { file: string }): Result<{ digest: string }, Refusal[]> {
    return this.#setup.loadPackage(input);
  }

  createKeys(input: { section: string; threshold?: number; count?: number }): Promise<Result<{ shares: string[]; qrCodes: string[]; pdfs: string[]; urnaFingerprint: string }, Refusal>> {
    return this.#setup.createKeys(input);
  }

  setupDocument(): Setup | null {
    return this.#setup.setupDocument();
  }

  listCertificates(): string[] {
    return this.#setup.listCertificates();
  }

  importCertificate(input: { file: string }): Result<{ machine: string }, Refusal> {
    return this.#setup.importCertificate(input);
  }

  pairBooth(input: { fingerprint: string; id?: string }): Result<{ booth: string }, Refusal> {
    return this.#setup.pairBooth(input);
  }

  openVoting(): Result<void, Refusal> {
    return this.#voting.openVoting();
  }

  enableBooth(input: EnableInput): Result<{ session: string; contests: string[] }, Refusal> {
    return this.#voting.enableBooth(input);
  }

  cancelSession(input: { session: string }): Result<void, Refusal> {
    return this.#voting.cancelSession(input);
  }

  importRoll(input: { file: string; text: string }): Result<{ electors: number }, Refusal[]> {
    return this.#voting.importRoll(input);
  }

  lookupVoter(input: { number: number }): Result<RollVoter, Refusal> {
    return this.#voting.lookupVoter(input);
  }

  saveTurnoutReport(input: { checkpoint: string }): Result<{ file: string }, Refusal> {
    return this.#voting.saveTurnoutReport(input, this.exportDir);
  }

  turnoutReport(input: { checkpoint: string }): Result<string, Refusal> {
    return this.#voting.turnoutReport(input);
  }

  votersByContest(): Record<string, Figures> {
    return this.#voting.votersByContest();
  }

  recordTurnout(input: { checkpoint: string; early?: boolean }): Result<Record<string, Figures>, Refusal> {
    return this.#voting.recordTurnout(input);
  }

  closeVoting(input: { early?: boolean } = {}): Result<void, Refusal> {
    return this.#closing.closeVoting(input);
  }

  reconcile(): Result<ReconciledContest[], Refusal[]> {
    return this.#closing.reconcile();
  }

  pollbook(): PollbookDocument | null {
    return this.#closing.pollbook();
  }

  count(input: { shares: readonly string[] }): Promise<Result<CountOutcome, Refusal[]>> {
    return this.#count.count(input);
  }

  exportBundle(input: { dir: string; publicOnly?: boolean }): Promise<Result<{ files: string[] }, Refusal[]>> {
    return this.#count.exportBundle(input);
  }

  retryOfficePush(): Result<void, Refusal> {
    return this.office.retry() ? ok(undefined) : err(refusal('office-nothing-to-send'));
  }
}
