// Close, reconcile, count and export (docs/design.md §2 steps 4–5).
import {
  ballotSignatureMessage, ballotsDigest, checkChain, decodeBallotPlaintext, tallyDigest, tallySection,
  type BoothSeal, type CountedBallot, type LogEntry, type PollbookDocument, type TallyOutcome,
} from '@seggio/ballot-core';
import { assertSelfTest, combineUrnaShares, err, fromBase64, ok, toHex, type BoxKeyPair, type Result, type SeggioCrypto } from '@seggio/crypto';
import { LinkServer, MachineIdentity, type BoothMessage } from '@seggio/link';
import type { ConsoleApi, ConsoleView, CountOutcome, ReconciledContest } from '../shared/api.js';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { refusal } from '../shared/refusals.js';
import { writeBundle } from './bundle.js';
import { isOpen, sessionCounts } from './turnout.js';
import { verbalePdf } from './verbale.js';
import { ConsoleService, type ConsoleConfig } from './service.js';
import { ConsoleStore } from './store.js';

/**
 * The most of a booth's log the console keeps: thousands of sessions' worth, and with the console's
 * own log far below the 256 MiB the verifier reads of log.jsonl.
 */
export const MAX_BOOTH_LOG_BYTES = 16 * 1024 * 1024;

export class SeatConsole extends ConsoleService implements ConsoleApi {
  /** The rebuilt urna key: in memory only, from the count until the bundle is written (R22). */
  #urna: BoxKeyPair | null = null;
  #outcome: TallyOutcome | null = null;
  #exported: { dir: string; files: string[]; tallyDigest: string; verify: string } | null = null;

  override getView(): ConsoleView {
    const outcome = this.#outcome;
    return { ...super.getView(), count: outcome ? { tally: outcome.tally, checks: outcome.checks, ok: outcome.ok } : null, exported: this.#exported };
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

  /** Close is final (R13): every booth is told, and answers with its seal, its ballots and its log. */
  closeVoting(): Result<void, string> {
    if (this.phase !== 'voting') return err(refusal('not-open'));
    const booths = this.store.booths();
    this.logRejections();
    // A voter still at a booth (the page warned the president, naming it): the booth ends the session
    // as cancelled when it closes, and the log says so here, booth by booth, before the close.
    const inside = this.store.sessions().filter(isOpen);
    this.store.transaction(() => {
      for (const s of inside) this.store.appendLog('closed-with-voter', { booth: s.booth, counter: s.counter, outcome: 'cancelled' });
      this.store.set('closed', '1');
      this.store.appendLog('voting-closed');
      for (const b of booths) this.queue(b.id, { type: 'close' });
    });
    for (const b of booths) this.flush(b.id);
    this.emit('view');
    return ok(undefined);
  }

  /**
   * After close a booth sends its ballots and its log, in as many frames as they need, then its seal.
   * What it may send is bounded by what the console saw (R33): per contest no more ballots than its
   * sessions cast there, and a log of at most MAX_BOOTH_LOG_BYTES, so that no booth can grow the store
   * or the bundle past its limits.
   */
  protected override onClosingMessage(booth: string, body: Extract<BoothMessage, { type: 'seal' | 'ballots' | 'log' }>): string | undefined {
    const row = this.store.booth(booth)!;
    const boothKey = fromBase64(row.publicKey);
    const digest = this.store.get('election.digest')!;
    const section = this.store.get('section')!;
    if (!this.store.get('closed')) return `${body.type} before close`;
    switch (body.type) {
      case 'seal': {
        const bytes = fromBase64(body.seal.bytes);
        const seal = JSON.parse(new TextDecoder().decode(bytes)) as BoothSeal;
        if (!this.crypto.verify(bytes, fromBase64(body.seal.signature), boothKey)) return 'the seal is not signed by the booth';
        if (seal.format !== 'seggio/booth-seal@1' || seal.election !== digest || seal.section !== section || seal.booth !== booth) return 'the seal is for another booth or election';
        this.store.updateBooth(booth, { seal: body.seal.bytes, seal_signature: body.seal.signature, reported_state: 'closed' });
        this.store.appendLog('seal-received', { booth, digest: this.crypto.sha256Hex(bytes) });
        return;
      }
      case 'ballots': {
        const cast = this.store.sessions().filter((s) => s.booth === booth && s.state === 'cast');
        const held = this.store.ballots().filter((b) => b.booth === booth);
        const seen = new Set(held.map((b) => b.h));
        for (const b of body.ballots) {
          const ct = fromBase64(b.ct);
          if (seen.has(b.h)) return `ballot ${b.h.slice(0, 12)}… was sent twice`;
          seen.add(b.h);
          if (toHex(this.crypto.sha256(ct)) !== b.h) return `ballot ${b.h.slice(0, 12)}… does not match its hash`;
          if (!this.election!.contests.some((c) => c.id === b.contest)) return `ballot ${b.h.slice(0, 12)}… is for an unknown contest`;
          if (!this.crypto.verify(ballotSignatureMessage(digest, section, b.contest, ct), fromBase64(b.sig), boothKey)) return `ballot ${b.h.slice(0, 12)}… is not signed by the booth`;
        }
        for (const contest of new Set(body.ballots.map((b) => b.contest))) {
          const count = held.filter((b) => b.contest === contest).length + body.ballots.filter((b) => b.contest === contest).length;
          const castHere = cast.filter((s) => s.contests.includes(contest)).length;
          if (count > castHere) return `${count} ballots for ${contest}, more than the ${castHere} sessions cast it at this booth`;
        }
        this.store.addBallots(body.ballots.map((b) => ({ ...b, booth })));
        return;
      }
      case 'log': {
        const held = JSON.parse(row.log ?? '[]') as LogEntry[];
        const lines = body.lines.map((l) => JSON.parse(l) as LogEntry);
        const log = JSON.stringify([...held, ...lines]);
        if (log.length > MAX_BOOTH_LOG_BYTES) return `the booth's log would pass ${MAX_BOOTH_LOG_BYTES} bytes`;
        const broken = checkChain(lines, held.at(-1));
        if (broken) return `the booth's log is broken: ${broken}`;
        this.store.updateBooth(booth, { log });
        return;
      }
    }
  }

  /**
   * E1 per booth and contest: the ballots received = the booth's seal = the sessions the console saw
   * cast; per contest, also = the voters in the poll book. Every mismatch is named with its figures.
   */
  reconcile(): Result<ReconciledContest[], string[]> {
    const problems: string[] = [];
    const report: ReconciledContest[] = [];
    const sessions = this.store.sessions();
    const ballots = this.store.ballots();
    const voters = this.votersByContest();
    for (const booth of this.store.booths()) {
      if (!booth.seal) {
        problems.push(`booth ${booth.id} has not sent its seal`);
        continue;
      }
      const seal = JSON.parse(new TextDecoder().decode(fromBase64(booth.seal))) as BoothSeal;
      const cast = sessions.filter((s) => s.booth === booth.id && s.state === 'cast');
      const open = sessions.filter((s) => s.booth === booth.id && isOpen(s));
      if (open.length) problems.push(`booth ${booth.id}: ${open.length} session(s) neither cast nor cancelled`);
      if (seal.sessions.cast !== cast.length) problems.push(`booth ${booth.id}: its seal counts ${seal.sessions.cast} sessions cast, the console ${cast.length}`);
      for (const contest of this.election!.scrutinyOrder) {
        const mine = ballots.filter((b) => b.booth === booth.id && b.contest === contest);
        const sealed = seal.contests[contest] ?? { count: 0, ballotsDigest: ballotsDigest([]) };
        const castHere = cast.filter((s) => s.contests.includes(contest)).length;
        if (mine.length !== sealed.count) problems.push(`booth ${booth.id}, ${contest}: ${mine.length} ballots received, the seal says ${sealed.count}`);
        if (ballotsDigest(mine.map((b) => b.h)) !== sealed.ballotsDigest) problems.push(`booth ${booth.id}, ${contest}: the ballots received do not match the seal's digest`);
        if (mine.length !== castHere) problems.push(`booth ${booth.id}, ${contest}: ${mine.length} ballots, ${castHere} sessions cast it`);
      }
    }
    for (const contest of this.election!.scrutinyOrder) {
      const inBox = ballots.filter((b) => b.contest === contest).length;
      const cast = sessions.filter((s) => s.state === 'cast' && s.contests.includes(contest)).length;
      const line = `${contest}: ballots ${inBox}, sessions cast ${cast}, voters ${voters[contest]!.T}`;
      if (inBox !== cast || cast !== voters[contest]!.T) problems.push(`${line}: they must be equal`);
      else report.push({ contest, ballots: inBox, sessions: cast, voters: voters[contest]!.T });
    }
    // Logged once: after close nothing that is reconciled can change.
    if (problems.length === 0 && !this.store.get('reconciled')) {
      this.store.transaction(() => {
        this.store.set('reconciled', '1');
        this.store.appendLog('reconciled');
      });
      this.emit('view');
    }
    return problems.length ? err(problems) : ok(report);
  }

  pollbook(): PollbookDocument {
    const { enabled, cast, cancelled } = sessionCounts(this.store.sessions());
    return {
      format: 'seggio/pollbook@1',
      election: this.store.get('election.digest')!,
      section: this.store.get('section')!,
      contests: Object.fromEntries(Object.entries(this.votersByContest()).map(([id, voters]) => [id, { voters }])),
      sessions: { enabled, cast, cancelled },
      turnout: this.store.turnout().map((t) => ({ checkpoint: t.checkpoint, contests: JSON.parse(t.figures) as PollbookDocument['turnout'][number]['contests'] })),
    };
  }

  /** k seat members' shares rebuild the urna key (checked against its public key); every ballot is opened and counted. */
  async count(input: { shares: readonly string[] }): Promise<Result<CountOutcome, string[]>> {
    if (this.phase !== 'closed' && this.phase !== 'counted') return err([refusal('count-when', { phase: this.phase })]);
    const reconciled = this.reconcile();
    if (!reconciled.ok) return err(reconciled.error);
    const urnaPublic = fromBase64(this.store.get('urna.publicKey')!);
    const rebuilt = await combineUrnaShares(this.crypto, input.shares, urnaPublic);
    if (!rebuilt.ok) return err(rebuilt.error);
    const election = this.election!;
    const digest = this.store.get('election.digest')!;
    const final = election.turnoutCheckpoints.at(-1)!.id;
    if (!this.store.turnout().some((t) => t.checkpoint === final)) this.recordTurnout({ checkpoint: final });
    const byContest: Record<string, CountedBallot[]> = {};
    const problems: string[] = [];
    for (const b of this.store.ballots()) {
      const contest = election.contests.find((c) => c.id === b.contest)!;
      const plaintext = this.crypto.sealOpen(fromBase64(b.ct), rebuilt.value);
      const decoded = plaintext ? decodeBallotPlaintext(plaintext, digest, contest) : err('it does not open with the urna key');
      if (!decoded.ok) problems.push(`ballot ${b.h.slice(0, 12)}… of booth ${b.booth}: ${decoded.error}`);
      else (byContest[b.contest] ??= []).push({ h: b.h, selection: decoded.value });
    }
    if (problems.length) return err(problems);
    const pollbook = this.pollbook();
    const cast = this.store.sessions().filter((s) => s.state === 'cast');
    const castSessions = Object.fromEntries(election.scrutinyOrder.map((id) => [id, cast.filter((s) => s.contests.includes(id)).length]));
    const outcome = tallySection({ election, electionDigest: digest, section: this.store.get('section')!, pollbook, ballots: byContest, castSessions });
    this.#urna = rebuilt.value;
    this.#outcome = outcome;
    this.store.transaction(() => {
      this.store.set('counted', '1');
      this.store.appendLog('count-completed', { ballots: this.store.ballots().length, checks: outcome.ok ? 'all hold' : 'some fail' });
    });
    this.emit('view');
    return ok(outcome);
  }

  /**
   * The command that checks the bundle, as it must be typed: the office key by its absolute path (or
   * where it goes, when the console was given the key itself), --training for a training election.
   */
  #verifyCommand(dir: string): string {
    const quote = (path: string) => (/^[A-Za-z0-9_./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`);
    const key = this.config.officeKeyFile ? quote(resolve(this.config.officeKeyFile)) : '<office.pub>';
    return `npx seggio verify ${quote(dir)} --office-key ${key}${this.election!.training ? ' --training' : ''}`;
  }

  /**
   * Signs the tally and writes the bundle (docs/bundle-format.md) into `dir`, which must not exist. Refused,
   * with the reasons, while any record check fails (R17). `publicOnly` leaves out urna-key.json.
   */
  async exportBundle(input: { dir: string; publicOnly?: boolean }): Promise<Result<{ files: string[] }, string[]>> {
    const outcome = this.#outcome;
    if (!outcome || !this.#urna) return err([refusal('count-first')]);
    if (!outcome.ok) return err(outcome.checks.filter((c) => !c.ok).map((c) => `${c.check} ${c.contest}: ${c.detail}`));
    const setup = this.setupDocument();
    const verbale = await verbalePdf({ election: this.election!, tally: outcome.tally, checks: outcome.checks, setup, officeKey: this.config.officeKey });
    const dir = resolve(input.dir);
    if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) return err([refusal('folder-not-empty', { dir })]);
    let written: { files: string[] };
    try {
      written = writeBundle(this.crypto, {
        dir,
        key: this.key,
        officeKey: this.config.officeKey,
        store: this.store,
        election: this.election!,
        tally: outcome.tally,
        pollbook: this.pollbook(),
        setup,
        consoleCertificate: this.identity.wire!,
        verbale,
        urna: input.publicOnly ? null : this.#urna,
        beforeLog: () => this.store.transaction(() => {
          this.logRejections();
          this.store.set('signed', '1');
          this.store.appendLog('tally-signed', { election: this.store.get('election.digest')! });
        }),
      });
    } catch (error) {
      return err([`${dir}: ${(error as Error).message}`]);
    }
    this.#exported = { dir, files: written.files, tallyDigest: tallyDigest(outcome.tally), verify: this.#verifyCommand(dir) };
    this.office.bundleWritten(dir);
    this.emit('view');
    return ok(written);
  }
}
