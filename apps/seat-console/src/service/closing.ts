// Close and reconcile (docs/design.md §2 step 4): every booth told, its ballots, log and seal taken
// within what the console saw, and E1 checked booth by booth and contest by contest.
import { ballotSignatureMessage, ballotsDigest, checkChain, localInstant, type BoothSeal, type LogEntry, type PollbookDocument } from '@seggio/ballot-core';
import { err, fromBase64, ok, toHex, type Result } from '@seggio/crypto';
import { rejection, type BoothMessage, type Rejection } from '@seggio/link';
import type { ReconciledContest } from '../shared/api.js';
import { refusal, type Refusal } from '../shared/refusals.js';
import { advance, setUp, type ConsoleContext } from './context.js';
import type { ConsoleLink } from './link-side.js';
import { isOpen, sessionCounts, votersByContest } from './turnout.js';

/**
 * The most of a booth's log the console keeps: thousands of sessions' worth, and with the console's
 * own log far below the 256 MiB the verifier reads of log.jsonl.
 */
export const MAX_BOOTH_LOG_BYTES = 16 * 1024 * 1024;

export type ClosingMessage = Extract<BoothMessage, { type: 'seal' | 'ballots' | 'log' }>;

export class ClosingPart {
  constructor(
    private readonly ctx: ConsoleContext,
    private readonly link: ConsoleLink,
  ) {}

  /** Close is final (R13): every booth is told, and answers with its seal, its ballots and its log. */
  /**
   * Closes the voting; before the last day's closing time by the console's clock only when the president
   * confirms it (`early`), which the log keeps: the console's clock may be the one that is wrong.
   */
  closeVoting(input: { early?: boolean } = {}, now: number = Date.now()): Result<void, Refusal> {
    const { store } = this.ctx;
    if (store.phase() !== 'voting') return err(refusal('not-open'));
    const election = this.ctx.election;
    const last = election?.days.at(-1);
    const early = last !== undefined && now < localInstant(last.date, last.close, election!.timezone);
    if (early && input.early !== true) return err(refusal('close-early'));
    const booths = store.booths();
    this.link.logRejections();
    // A voter still at a booth (the page warned the president, naming it): the booth ends the session
    // as cancelled when it closes, and the log says so here, booth by booth, before the close.
    const inside = store.sessions().filter(isOpen);
    store.transaction(() => {
      for (const s of inside) store.appendLog('closed-with-voter', { booth: s.booth, counter: s.counter, outcome: 'cancelled' });
      advance(store, { type: 'close', ...(early ? { early: true as const } : {}) });
      for (const b of booths) this.link.queue(b.id, { type: 'close' });
    });
    for (const b of booths) this.link.flush(b.id);
    this.ctx.events.emit('view');
    return ok(undefined);
  }

  /**
   * After close a booth sends its ballots and its log, in as many frames as they need, then its seal.
   * What it may send is bounded by what the console saw (R33): per contest no more ballots than its
   * sessions cast there, and a log of at most MAX_BOOTH_LOG_BYTES, so that no booth can grow the store
   * or the bundle past its limits.
   */
  onClosingMessage(booth: string, body: ClosingMessage): Rejection | undefined {
    const { crypto, store } = this.ctx;
    const row = store.booth(booth);
    const done = setUp(this.ctx);
    if (store.phase() !== 'closing' || !row || !done) return rejection('before-close', { type: body.type });
    const boothKey = fromBase64(row.publicKey);
    const digest = done.stored.digest;
    const section = done.keys.section;
    switch (body.type) {
      case 'seal': {
        const bytes = fromBase64(body.seal.bytes);
        const seal = JSON.parse(new TextDecoder().decode(bytes)) as BoothSeal;
        if (!crypto.verify(bytes, fromBase64(body.seal.signature), boothKey)) return rejection('seal-unsigned');
        if (seal.format !== 'seggio/booth-seal@1' || seal.election !== digest || seal.section !== section || seal.booth !== booth) return rejection('seal-other');
        store.setSeal(booth, body.seal);
        store.appendLog('seal-received', { booth, digest: crypto.sha256Hex(bytes) });
        if (store.booths().every((b) => b.seal)) advance(store, { type: 'all-sealed' });
        return;
      }
      case 'ballots': {
        const cast = store.castAt(booth);
        const held = store.boothBallots(booth);
        const seen = new Set(held.map((b) => b.h));
        for (const b of body.ballots) {
          const ct = fromBase64(b.ct);
          if (seen.has(b.h)) return rejection('ballot-twice', { ballot: `${b.h.slice(0, 12)}…` });
          seen.add(b.h);
          if (toHex(crypto.sha256(ct)) !== b.h) return rejection('ballot-hash', { ballot: `${b.h.slice(0, 12)}…` });
          if (!done.election.contests.some((c) => c.id === b.contest)) return rejection('ballot-contest', { ballot: `${b.h.slice(0, 12)}…` });
          if (!crypto.verify(ballotSignatureMessage(digest, section, b.contest, ct), fromBase64(b.sig), boothKey)) return rejection('ballot-unsigned', { ballot: `${b.h.slice(0, 12)}…` });
        }
        for (const contest of new Set(body.ballots.map((b) => b.contest))) {
          const count = held.filter((b) => b.contest === contest).length + body.ballots.filter((b) => b.contest === contest).length;
          const castHere = cast.filter((s) => s.contests.includes(contest)).length;
          if (count > castHere) return rejection('ballots-too-many', { count, contest, cast: castHere });
        }
        store.addBallots(body.ballots.map((b) => ({ ...b, booth })));
        return;
      }
      case 'log': {
        const held = JSON.parse(row.log ?? '[]') as LogEntry[];
        const lines = body.lines.map((l) => JSON.parse(l) as LogEntry);
        const log = JSON.stringify([...held, ...lines]);
        if (log.length > MAX_BOOTH_LOG_BYTES) return rejection('log-too-long', { max: MAX_BOOTH_LOG_BYTES });
        const broken = checkChain(lines, held.at(-1), (d) => crypto.sha256Hex(d));
        if (broken) return rejection('log-broken', { problem: broken });
        store.setBoothLog(booth, log);
        return;
      }
      default: {
        const never: never = body;
        return never;
      }
    }
  }

  /**
   * E1 per booth and contest: the ballots received = the booth's seal = the sessions the console saw
   * cast; per contest, also = the voters in the poll book. Every mismatch is named with its figures.
   */
  reconcile(): Result<ReconciledContest[], Refusal[]> {
    const { store } = this.ctx;
    const election = this.ctx.election;
    if (!election) return err([refusal('count-when', { phase: store.phase() })]);
    const problems: Refusal[] = [];
    const report: ReconciledContest[] = [];
    const sessions = store.sessions();
    const ballots = store.ballots();
    const voters = votersByContest(election, sessions);
    for (const booth of store.booths()) {
      if (!booth.seal) {
        problems.push(refusal('recon-no-seal', { booth: booth.id }));
        continue;
      }
      const seal = JSON.parse(new TextDecoder().decode(fromBase64(booth.seal.bytes))) as BoothSeal;
      const cast = sessions.filter((s) => s.booth === booth.id && s.state === 'cast');
      const open = sessions.filter((s) => s.booth === booth.id && isOpen(s));
      if (open.length) problems.push(refusal('recon-sessions-open', { booth: booth.id, open: open.length }));
      if (seal.sessions.cast !== cast.length) problems.push(refusal('recon-seal-sessions', { booth: booth.id, sealed: seal.sessions.cast, console: cast.length }));
      for (const contest of election.scrutinyOrder) {
        const mine = ballots.filter((b) => b.booth === booth.id && b.contest === contest);
        const sealed = seal.contests[contest] ?? { count: 0, ballotsDigest: ballotsDigest([]) };
        const castHere = cast.filter((s) => s.contests.includes(contest)).length;
        if (mine.length !== sealed.count) problems.push(refusal('recon-seal-count', { booth: booth.id, contest, received: mine.length, sealed: sealed.count }));
        if (ballotsDigest(mine.map((b) => b.h)) !== sealed.ballotsDigest) problems.push(refusal('recon-seal-digest', { booth: booth.id, contest }));
        if (mine.length !== castHere) problems.push(refusal('recon-booth-sessions', { booth: booth.id, contest, ballots: mine.length, sessions: castHere }));
      }
    }
    for (const contest of election.scrutinyOrder) {
      const inBox = ballots.filter((b) => b.contest === contest).length;
      const cast = sessions.filter((s) => s.state === 'cast' && s.contests.includes(contest)).length;
      const T = voters[contest]?.T ?? 0;
      if (inBox !== cast || cast !== T) problems.push(refusal('recon-contest', { contest, ballots: inBox, sessions: cast, voters: T }));
      else report.push({ contest, ballots: inBox, sessions: cast, voters: T });
    }
    // Logged once, by the phase's change: after close nothing that is reconciled can change.
    if (problems.length === 0 && store.phase() === 'closed') {
      store.transaction(() => advance(store, { type: 'reconcile' }));
      this.ctx.events.emit('view');
    }
    return problems.length ? err(problems) : ok(report);
  }

  /** The poll book (docs/bundle-format.md), from the set-up on; null before the keys. */
  pollbook(): PollbookDocument | null {
    const { store } = this.ctx;
    const done = setUp(this.ctx);
    if (!done) return null;
    const { enabled, cast, cancelled } = sessionCounts(store.sessions());
    return {
      format: 'seggio/pollbook@1',
      election: done.stored.digest,
      section: done.keys.section,
      contests: Object.fromEntries(Object.entries(votersByContest(done.election, store.sessions())).map(([id, voters]) => [id, { voters }])),
      sessions: { enabled, cast, cancelled },
      turnout: store.turnout().map((t) => ({ checkpoint: t.checkpoint, contests: JSON.parse(t.figures) as PollbookDocument['turnout'][number]['contests'] })),
    };
  }
}
