// Count and export (docs/design.md §2 step 5): the urna key rebuilt from k shares, every ballot opened
// and counted, the tally signed and the bundle written. The rebuilt key lives only in this part.
import { ballotProblem, decodeBallotPlaintext, tallyDigest, tallySection, type BallotProblem, type Contest, type CountedBallot, type Selection, type TallyOutcome } from '@seggio/ballot-core';
import { combineUrnaShares, err, fromBase64, ok, type BoxKeyPair, type Result } from '@seggio/crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConsoleView, CountOutcome } from '../shared/api.js';
import { refusal, type Refusal } from '../shared/refusals.js';
import { writeBundle } from './bundle.js';
import type { ClosingPart } from './closing.js';
import { advance, setUp, type ConsoleContext } from './context.js';
import type { ConsoleLink } from './link-side.js';
import type { OfficePush } from './office-push.js';
import type { SetupPart } from './setup.js';
import type { VotingPart } from './voting.js';
import { verbalePdf } from './verbale.js';

export class CountPart {
  /** The rebuilt urna key: in memory only, from the count until the bundle is written (R22). */
  #urna: BoxKeyPair | null = null;
  #outcome: TallyOutcome | null = null;
  #exported: ConsoleView['exported'] = null;

  constructor(
    private readonly ctx: ConsoleContext,
    private readonly parts: { readonly link: ConsoleLink; readonly setup: SetupPart; readonly voting: VotingPart; readonly closing: ClosingPart; readonly office: OfficePush },
  ) {}

  view(): Pick<ConsoleView, 'count' | 'exported'> {
    const outcome = this.#outcome;
    return { count: outcome ? { tally: outcome.tally, checks: outcome.checks, ok: outcome.ok } : null, exported: this.#exported };
  }

  /** k seat members' shares rebuild the urna key (checked against its public key); every ballot is opened and counted. */
  async count(input: { shares: readonly string[] }): Promise<Result<CountOutcome, Refusal[]>> {
    const { crypto, store } = this.ctx;
    const phase = store.phase();
    if (phase !== 'closed' && phase !== 'reconciled' && phase !== 'counted') return err([refusal('count-when', { phase })]);
    const reconciled = this.parts.closing.reconcile();
    if (!reconciled.ok) return err(reconciled.error);
    const done = setUp(this.ctx);
    const final = done?.election.turnoutCheckpoints.at(-1);
    if (!done || !final) return err([refusal('count-when', { phase })]);
    store.transaction(() => store.appendLog('count-init', { shares: input.shares.length }));
    const rebuilt = await combineUrnaShares(crypto, input.shares, fromBase64(done.keys.urnaPublicKey));
    if (!rebuilt.ok) return this.#countFailed(rebuilt.error.map((p) => refusal(p.code, p.params)));
    const { election } = done;
    if (!store.turnout().some((t) => t.checkpoint === final.id)) this.parts.voting.recordTurnout({ checkpoint: final.id, early: true });
    const byContest: Record<string, CountedBallot[]> = {};
    const problems: Refusal[] = [];
    const read = plaintextReader(done.stored.digest);
    const ballots = store.ballots();
    for (const b of ballots) {
      const contest = election.contests.find((c) => c.id === b.contest);
      const plaintext = crypto.sealOpen(fromBase64(b.ct), rebuilt.value);
      const decoded = !contest ? err(ballotProblem('unknown-contest', { contest: b.contest })) : plaintext ? read(plaintext, contest) : err(ballotProblem('not-opened', {}));
      // The problem by its code: the president's page says it in words (ballot.problem.<code>).
      if (!decoded.ok) problems.push(refusal('ballot-unreadable', { ballot: `${b.h.slice(0, 12)}…`, booth: b.booth, problem: decoded.error.code }));
      else (byContest[b.contest] ??= []).push({ h: b.h, selection: decoded.value });
    }
    if (problems.length) return this.#countFailed(problems);
    const pollbook = this.parts.closing.pollbook();
    if (!pollbook) return this.#countFailed([refusal('count-when', { phase })]);
    const cast = store.sessions().filter((s) => s.state === 'cast');
    const castSessions = Object.fromEntries(election.scrutinyOrder.map((id) => [id, cast.filter((s) => s.contests.includes(id)).length]));
    const outcome = tallySection({ election, electionDigest: done.stored.digest, section: done.keys.section, pollbook, ballots: byContest, castSessions });
    this.#urna = rebuilt.value;
    this.#outcome = outcome;
    store.transaction(() => advance(store, { type: 'count', ballots: ballots.length, checks: outcome.ok ? 'all hold' : 'some fail' }));
    this.ctx.events.emit('view');
    return ok(outcome);
  }

  /** A count that stopped once begun: its completion logged as a failure, with the code of its first reason. */
  #countFailed(problems: Refusal[]): Result<never, Refusal[]> {
    const { store } = this.ctx;
    store.transaction(() => store.appendLog('count-completed', { disposition: 'failure', code: problems[0]?.code ?? '' }));
    return err(problems);
  }

  /**
   * The command that checks the bundle, as it must be typed: the office key by its absolute path (or
   * where it goes, when the console was given the key itself), --training for a training election.
   */
  #verifyCommand(dir: string, training: boolean): string {
    const quote = (path: string) => (/^[A-Za-z0-9_./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`);
    const key = this.ctx.config.officeKeyFile ? quote(resolve(this.ctx.config.officeKeyFile)) : '<office.pub>';
    return `npx seggio verify ${quote(dir)} --office-key ${key}${training ? ' --training' : ''}`;
  }

  /**
   * Signs the tally and writes the bundle (docs/bundle-format.md) into `dir`, which must not exist. Refused,
   * with the reasons, while any record check fails (R17). `publicOnly` leaves out urna-key.json.
   */
  async exportBundle(input: { dir: string; publicOnly?: boolean }): Promise<Result<{ files: string[] }, Refusal[]>> {
    const { crypto, store, config, identity, key } = this.ctx;
    const outcome = this.#outcome;
    const urna = this.#urna;
    const done = setUp(this.ctx);
    const setup = this.parts.setup.setupDocument();
    const pollbook = this.parts.closing.pollbook();
    const consoleCertificate = identity.wire;
    if (!outcome || !urna || !done || !setup || !pollbook || !consoleCertificate) return err([refusal('count-first')]);
    // The check by its id: its figures are the count's, which the president's page says in words.
    if (!outcome.ok) return err(outcome.checks.filter((c) => !c.ok).map((c) => refusal('check-fails', { check: c.check, contest: c.contest })));
    const verbale = await verbalePdf({ election: done.election, tally: outcome.tally, checks: outcome.checks, setup, officeKey: config.officeKey });
    const dir = resolve(input.dir);
    if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) return err([refusal('folder-not-empty', { dir })]);
    let written: { files: string[] };
    try {
      written = writeBundle(crypto, {
        dir,
        key,
        officeKey: config.officeKey,
        store,
        stored: done.stored,
        election: done.election,
        tally: outcome.tally,
        pollbook,
        setup,
        consoleCertificate,
        verbale,
        urna: input.publicOnly ? null : urna,
        beforeLog: () => store.transaction(() => {
          this.parts.link.logRejections();
          advance(store, { type: 'sign', election: done.stored.digest });
        }),
      });
    } catch (error) {
      return err([refusal('bundle-write', { dir, reason: (error as Error).message })]);
    }
    this.#exported = { dir, files: written.files, tallyDigest: tallyDigest(outcome.tally), verify: this.#verifyCommand(dir, done.election.training ?? false) };
    this.parts.office.bundleWritten(dir);
    this.ctx.events.emit('view');
    return ok(written);
  }
}

/**
 * decodeBallotPlaintext, remembering per contest the selection of each plaintext read, by its exact
 * bytes: reading is a pure function of them, so the ballots of a selection voters repeat share one
 * selection, read once (and the tally's scrutiny then reads it once too).
 */
function plaintextReader(digest: string): (plaintext: Uint8Array, contest: Contest) => Result<Selection, BallotProblem> {
  const read = new Map<string, Map<string, Selection>>();
  return (plaintext, contest) => {
    const seen = Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.length).toString('latin1');
    let known = read.get(contest.id);
    if (!known) read.set(contest.id, (known = new Map<string, Selection>()));
    const selection = known.get(seen);
    if (selection) return ok(selection);
    const decoded = decodeBallotPlaintext(plaintext, digest, contest);
    if (decoded.ok) known.set(seen, decoded.value);
    return decoded;
  };
}
