// Opening and the day (docs/design.md §2 step 4): booths enabled voter by voter, sessions followed on
// the booths' word (R31), the roll and the turnout checkpoints.
import { contestsFor, type ZeroReport } from '@seggio/ballot-core';
import { err, fromBase64, ok, toBase64, toHex, type Result } from '@seggio/crypto';
import { enableTokenBytes, english, FRAME_REJECTIONS, isCode, REFUSED_CODES, rejection, type BoothMessage, type EnableToken, type Rejection } from '@seggio/link';
import type { EnableInput, Figures, RollVoter } from '../shared/api.js';
import { refusal, type Refusal } from '../shared/refusals.js';
import { advance, setUp, type ConsoleContext } from './context.js';
import { writeInto } from './folders.js';
import type { ConsoleLink } from './link-side.js';
import type { OfficePush } from './office-push.js';
import { parseRoll } from './roll.js';
import { isOpen, turnoutCsv, votersByContest } from './turnout.js';

/** The one state each of a booth's words about a session may follow (R31). */
const SESSION_MAY_FOLLOW = { 'session-started': 'enabled', cast: 'started', cancelled: 'started' } as const;

/** The messages of the day, before close; the closing part takes the rest. */
export type DayMessage = Exclude<BoothMessage, { type: 'seal' | 'ballots' | 'log' }>;

export class VotingPart {
  constructor(
    private readonly ctx: ConsoleContext,
    private readonly link: ConsoleLink,
    private readonly office: OfficePush,
  ) {}

  /** Voting opens only when every paired booth's zero report has been verified (R14). */
  openVoting(): Result<void, Refusal> {
    const { store } = this.ctx;
    const booths = store.booths();
    if (store.phase() !== 'setup' || booths.length === 0) return err(refusal('open-when'));
    const missing = booths.filter((b) => !b.zeroReport).map((b) => b.id);
    if (missing.length) return err(refusal('open-zero', { booths: missing.join(', ') }));
    store.transaction(() => {
      advance(store, { type: 'open' });
      // Each booth is free only once it says it has opened (booth-state.ts).
      for (const b of booths) this.link.queue(b.id, { type: 'open' });
    });
    for (const b of booths) this.link.flush(b.id);
    this.ctx.events.emit('view');
    return ok(undefined);
  }

  /** Enables a free booth for one voter: the contests their category allows and they accept (docs/election-rules.md). */
  enableBooth(input: EnableInput): Result<{ session: string; contests: string[] }, Refusal> {
    const { crypto, store, key } = this.ctx;
    const done = setUp(this.ctx);
    if (store.phase() !== 'voting' || !done) return err(refusal('not-open'));
    if (input.voter !== undefined) {
      const entry = store.rollEntry(input.voter);
      if (!entry) return err(refusal('not-on-roll', { number: input.voter }));
      if (entry.voted) return err(refusal('already-voted', { who: `${entry.surname} ${entry.name}`, number: entry.number }));
      if (entry.session) return err(refusal('at-booth', { who: `${entry.surname} ${entry.name}`, number: entry.number }));
      if (entry.category !== input.category || entry.sex !== input.sex) return err(refusal('roll-differs', { number: entry.number, category: entry.category, sex: entry.sex }));
    }
    const booth = store.booth(input.booth);
    if (!booth) return err(refusal('no-booth', { booth: input.booth }));
    if (booth.state !== 'idle') return err(refusal('booth-not-free', { booth: input.booth, state: booth.state }));
    if (store.openSession(input.booth)) return err(refusal('booth-busy', { booth: input.booth }));
    const allowed = contestsFor(done.election, input.category);
    const accepts = input.accepts;
    const contests = accepts ? allowed.filter((id) => accepts.includes(id)) : allowed;
    if (contests.length === 0) return err(refusal('no-ballot', { category: input.category, accepts: accepts?.join(', ') ?? 'nothing' }));
    const token: EnableToken = {
      election: done.stored.digest,
      booth: input.booth,
      counter: store.lastCounter(input.booth) + 1,
      session: toHex(crypto.randomBytes(16)),
      contests,
    };
    store.transaction(() => {
      store.addSession({ session: token.session, booth: input.booth, counter: token.counter, contests, category: input.category, sex: input.sex });
      if (input.voter !== undefined) store.setRollSession(input.voter, token.session);
      store.appendLog('booth-enabled', { booth: input.booth, counter: token.counter });
      this.link.queue(input.booth, { type: 'enable', token, signature: toBase64(crypto.sign(enableTokenBytes(token), key)) });
    });
    this.link.flush(input.booth);
    this.ctx.events.emit('view');
    return ok({ session: token.session, contests });
  }

  /** The president cancels a walked-away voter's session (R11). */
  cancelSession(input: { session: string }): Result<void, Refusal> {
    const { store } = this.ctx;
    const session = store.session(input.session);
    if (!session || !isOpen(session)) return err(refusal('no-session'));
    store.transaction(() => {
      store.appendLog('cancel-requested', { booth: session.booth, counter: session.counter });
      this.link.queue(session.booth, { type: 'cancel', session: session.session, counter: session.counter });
    });
    this.link.flush(session.booth);
    this.ctx.events.emit('view');
    return ok(undefined);
  }

  /** Imports the section roll (replacing any before voting opens); it stays in the console. */
  importRoll(input: { file: string; text: string }): Result<{ electors: number }, Refusal[]> {
    const { store, election } = this.ctx;
    if (!election) return err([refusal('roll-needs-election')]);
    if (store.phase() !== 'setup') return err([refusal('roll-before-open')]);
    const parsed = parseRoll(input.file, input.text, election);
    if (!parsed.ok) return parsed;
    store.transaction(() => store.replaceRoll(parsed.value));
    this.ctx.events.emit('view');
    return ok({ electors: parsed.value.length });
  }

  /** A roll entry, for the president to confirm who is at the table. */
  lookupVoter(input: { number: number }): Result<RollVoter, Refusal> {
    const { store } = this.ctx;
    const entry = store.rollEntry(input.number);
    if (!entry) return err(store.rollSize() === 0 ? refusal('no-roll') : refusal('not-on-roll', { number: input.number }));
    return ok({ number: entry.number, surname: entry.surname, name: entry.name, sex: entry.sex, category: entry.category as RollVoter['category'], voted: entry.voted === 1, atBooth: entry.voted === 0 && entry.session !== null });
  }

  /** Writes a checkpoint's report into the export folder, for the Prefettura. */
  saveTurnoutReport(input: { checkpoint: string }, exportDir: string): Result<{ file: string }, Refusal> {
    const report = this.turnoutReport(input);
    return report.ok ? writeInto(exportDir, `affluenza-${input.checkpoint}.csv`, report.value) : report;
  }

  /** A checkpoint's figures for the Prefettura, in the vocabulary of the Ministry's open data. */
  turnoutReport(input: { checkpoint: string }): Result<string, Refusal> {
    const recorded = this.ctx.store.turnout().find((t) => t.checkpoint === input.checkpoint);
    const done = setUp(this.ctx);
    if (!recorded || !done) return err(refusal('checkpoint-not-recorded', { checkpoint: input.checkpoint }));
    return ok(turnoutCsv(done.election, done.keys.section, input.checkpoint, JSON.parse(recorded.figures) as Record<string, Figures>));
  }

  /** Voters so far per contest, by sex, from the sessions cast. */
  votersByContest(): Record<string, Figures> {
    return this.ctx.election ? votersByContest(this.ctx.election, this.ctx.store.sessions()) : {};
  }

  /**
   * Records turnout at one of the election's checkpoints, in order, from its time on: before it, only
   * when the president confirms (`early`), which the log keeps (the console's clock may be wrong).
   */
  recordTurnout(input: { checkpoint: string; early?: boolean }, now: number = Date.now()): Result<Record<string, Figures>, Refusal> {
    const { store } = this.ctx;
    const order = this.ctx.election?.turnoutCheckpoints.map((c) => c.id) ?? [];
    const done = store.turnout().map((t) => t.checkpoint);
    const last = done.at(-1);
    if (!order.includes(input.checkpoint)) return err(refusal('checkpoint-unknown', { checkpoint: input.checkpoint, all: order.join(', ') }));
    if (done.includes(input.checkpoint) || (last !== undefined && order.indexOf(input.checkpoint) < order.indexOf(last))) return err(refusal('checkpoint-past', { checkpoint: input.checkpoint }));
    const at = Date.parse(this.ctx.election!.turnoutCheckpoints.find((c) => c.id === input.checkpoint)!.at);
    const early = now < at;
    if (early && input.early !== true) return err(refusal('checkpoint-early', { checkpoint: input.checkpoint }));
    const figures = this.votersByContest();
    store.transaction(() => {
      store.addTurnout(input.checkpoint, JSON.stringify(figures));
      store.appendLog('turnout-recorded', { checkpoint: input.checkpoint, ...(early ? { early: 'before-its-time' } : {}) });
    });
    this.office.send();
    this.ctx.events.emit('view');
    return ok(figures);
  }

  /** Acts on one message of the day inside the transaction that records its counter; says why when it is refused. */
  onDayMessage(booth: string, body: DayMessage): Rejection | undefined {
    const { store } = this.ctx;
    switch (body.type) {
      case 'zero-report':
        return this.#zeroReport(booth, body.report);
      case 'opened':
        return store.phase() === 'voting' ? undefined : rejection('opened-unasked');
      case 'session-started':
      case 'cast':
      case 'cancelled':
        return this.#sessionMoved(booth, body);
      case 'refused': {
        if (!isCode(REFUSED_CODES, body.code, body.params)) return rejection('unknown-code', { type: body.type, code: body.code });
        const reason = english(REFUSED_CODES, body.code, body.params);
        const session = store.sessionAt(booth, body.counter);
        // Logged in full only when it ends a session the console enabled, so at most once per session.
        if (session?.state !== 'enabled') return rejection('refused-no-session', { reason });
        store.setSessionState(session.session, 'refused');
        store.appendLog('frame-rejected', { booth, code: 'refused-by-booth', reason: english(FRAME_REJECTIONS, 'refused-by-booth', { reason }), cause: body.code });
        return;
      }
      case 'out-of-service':
      case 'hello':
        return;
      case 'devices':
        store.setDevices(booth, { keypad: body.keypad, voice: body.voice });
        return;
      case 'attention':
        return this.#attention(booth, body.session, body.calling);
      default: {
        const never: never = body;
        return never;
      }
    }
  }

  /**
   * R31: a session moves only on word from the booth it was enabled on, with its counter, from the
   * state this word may follow (started after enabled; cast or cancelled after started), and never once
   * cast or cancelled: a booth holding its key cannot make a cancelled session cast, nor touch another's.
   */
  #sessionMoved(booth: string, body: Extract<BoothMessage, { type: 'session-started' | 'cast' | 'cancelled' }>): Rejection | undefined {
    const { store } = this.ctx;
    const session = store.session(body.session);
    if (!session || session.booth !== booth) return rejection('session-other-booth', { type: body.type });
    if (session.counter !== body.counter) return rejection('session-counter', { type: body.type, counter: body.counter, expected: session.counter });
    if (session.state !== SESSION_MAY_FOLLOW[body.type]) return rejection('session-state', { type: body.type, state: session.state });
    store.setSessionState(body.session, body.type === 'session-started' ? 'started' : body.type);
    if (body.type !== 'session-started') store.settleRollSession(body.session, body.type === 'cast');
    return;
  }

  /**
   * A booth calls the president for its voter (or no longer does): kept against that session, so that
   * the call ends with it. Only for the session open at that very booth; anything else is refused.
   */
  #attention(booth: string, session: string, calling: boolean): Rejection | undefined {
    const row = this.ctx.store.session(session);
    if (!row || row.booth !== booth || !isOpen(row)) return rejection('attention-no-session');
    this.ctx.store.setAttention(booth, calling ? session : null);
    return undefined;
  }

  #zeroReport(booth: string, report: { bytes: string; signature: string }): Rejection | undefined {
    const { crypto, store, key } = this.ctx;
    const row = store.booth(booth);
    const done = setUp(this.ctx);
    // One zero report per booth, before voting opens: a repeated one would only grow the log.
    if (!row || !done || row.zeroReport || store.phase() !== 'setup') return rejection('zero-report-again');
    const bytes = fromBase64(report.bytes);
    const doc = JSON.parse(new TextDecoder().decode(bytes)) as ZeroReport;
    const valid =
      crypto.verify(bytes, fromBase64(report.signature), fromBase64(row.publicKey)) &&
      doc.format === 'seggio/zero-report@1' &&
      doc.election === done.stored.digest &&
      doc.booth === booth &&
      doc.boothKey === row.publicKey &&
      doc.console === toBase64(key.publicKey) &&
      doc.urnaPublicKey === done.keys.urnaPublicKey &&
      doc.counter === 0 &&
      Object.values(doc.contests).every((c) => c.count === 0);
    if (!valid) return rejection('zero-report-invalid');
    store.setZeroReport(booth, report);
    store.appendLog('zero-report-received', { booth, digest: crypto.sha256Hex(bytes) });
    return;
  }
}
