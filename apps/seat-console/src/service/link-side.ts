// The console's side of the link (docs/design.md §2): frames from the booths opened, checked for their
// sender and counter and handed on in order; frames to the booths signed, kept in each booth's outbox
// and sent again from where a booth says it stands. What a message means is the service's business
// (the handler console.ts gives it); which booths are connected or waiting to be paired is this part's, and so are the
// bounds on what the LAN may send (docs/threat-model.md R33): refusals counted and logged in aggregate, a
// connection that keeps sending what is refused dropped, and a bounded list of booths waiting. Each
// connection starts with a fresh challenge that the booth's hello must answer, and is then bound to the
// key that answered it (R32); an unpaired booth waits for the president only with a valid certificate (§7).
import { parseCertificate } from '@seggio/ballot-core';
import { fingerprint, fromBase64, toBase64 } from '@seggio/crypto';
import {
  BoothMessage, checkCounter, checkWireCertificate, english, FRAME_REJECTIONS, isCode, openFrame, OUT_OF_SERVICE_CODES, Outbox, rejection, RejectionTally, signFrame,
  type Connection, type ConsoleMessage, type Enrolment, type LinkServer, type Rejection, type WireCertificate,
} from '@seggio/link';
import type { ConsolePhase } from '../shared/api.js';
import { confirmedState } from './booth-state.js';
import type { ConsoleContext } from './context.js';

/** Why a booth was not let wait for pairing (logged as booth-refused, said to the president). */
export type BoothRefusal = 'unenrolled' | 'not-office' | 'bad-signature' | 'unreadable' | 'other-role' | 'other-key' | 'other-comune' | 'machine-paired';

export interface Waiting {
  readonly publicKey: Uint8Array;
  readonly connection: Connection;
  readonly enrolment: Enrolment;
  readonly wire: WireCertificate;
}

/** What the link hands on: what a taken message means is the other parts' business. */
export interface LinkHandler {
  /** The comune of the loaded election, once there is one. */
  comune(): string | null;
  /**
   * Acts on one booth message inside the transaction that records its counter; returns why it is
   * refused, having changed nothing, or nothing when it was taken.
   */
  onMessage(booth: string, body: BoothMessage): Rejection | undefined;
}

/** The phases in which an unpaired booth may wait to be paired: before voting opens. */
const PAIRING_PHASES: ReadonlySet<ConsolePhase> = new Set(['no-election', 'setup']);

/** Refused frames a connection may send before it is dropped; a booth that reconnects starts again. */
export const MAX_REFUSED_PER_CONNECTION = 8;
/** Unpaired booths on the president's list at once (one per connection). */
export const MAX_WAITING_BOOTHS = 16;

export class ConsoleLink {
  readonly #ctx: ConsoleContext;
  readonly #server: LinkServer;
  readonly #handler: LinkHandler;
  readonly #connections = new Map<string, Connection>();
  readonly #outboxes = new Map<string, Outbox<ConsoleMessage>>();
  readonly #pending = new Map<string, Waiting>();
  /** Each connection's challenge, and the key that answered it. */
  readonly #challenges = new Map<Connection, { nonce: string; bound: string | null }>();
  readonly #rejections = new RejectionTally();
  readonly #refusedOn = new WeakMap<Connection, number>();

  constructor(ctx: ConsoleContext, server: LinkServer, handler: LinkHandler) {
    this.#ctx = ctx;
    this.#server = server;
    this.#handler = handler;
    server.on('opened', (connection) => {
      const nonce = toBase64(ctx.crypto.randomBytes(32));
      this.#challenges.set(connection, { nonce, bound: null });
      connection.send(signFrame(ctx.crypto, ctx.key, null, 0, { type: 'challenge', nonce } satisfies ConsoleMessage));
    });
    server.on('frame', (connection, text) => this.#receive(connection, text));
    server.on('refused', (connection, code) => this.#rejected(rejection(code), '', connection));
    server.on('closed', (connection) => {
      this.#challenges.delete(connection);
      for (const [id, c] of this.#connections) {
        if (c !== connection) continue;
        this.#connections.delete(id);
        this.#outbox(id).detach();
      }
      for (const [fp, p] of this.#pending) if (p.connection === connection) this.#pending.delete(fp);
      this.#ctx.events.emit('view');
    });
  }

  get url(): string {
    return this.#server.url;
  }

  isConnected(booth: string): boolean {
    return this.#connections.has(booth);
  }

  /** The booths connected with a valid certificate but not paired: fingerprint and machine id. */
  waitingBooths(): { fingerprint: string; machine: string }[] {
    return [...this.#pending].map(([fp, w]) => ({ fingerprint: fp, machine: w.enrolment.certificate.machine }));
  }

  /** The unpaired booth showing this fingerprint. */
  waitingBooth(fingerprint: string): Waiting | null {
    return this.#pending.get(fingerprint) ?? null;
  }

  /**
   * Whether a booth with this key and certificate may be paired: enrolled by the pinned office, as a
   * booth, for this key and this election's comune, and not a machine already paired.
   */
  admitBooth(publicKey: Uint8Array, wire: WireCertificate | null): { ok: true; enrolment: Enrolment; wire: WireCertificate } | { ok: false; reason: BoothRefusal; machine: string } {
    if (!wire) return { ok: false, reason: 'unenrolled', machine: '' };
    const comune = this.#handler.comune();
    const checked = checkWireCertificate(this.#ctx.crypto, wire, this.#ctx.config.officeKey, { role: 'booth', publicKey: toBase64(publicKey), ...(comune ? { comune } : {}) });
    if (!checked.ok) {
      // The machine id it claims, for the log, when the certificate can be read at all.
      let claimed: ReturnType<typeof parseCertificate> | null;
      try {
        claimed = parseCertificate(fromBase64(wire.bytes));
      } catch {
        claimed = null;
      }
      // No machine id is expected of a booth, so 'other-machine' cannot come back; it reads as another key.
      return { ok: false, reason: checked.error.code === 'other-machine' ? 'other-key' : checked.error.code, machine: claimed?.ok ? claimed.value.machine : '' };
    }
    const machine = checked.value.certificate.machine;
    if (this.#ctx.store.booths().some((b) => b.machine === machine)) return { ok: false, reason: 'machine-paired', machine };
    return { ok: true, enrolment: checked.value, wire };
  }

  /** A booth refused at pairing: logged as refusals are (its 1st, 10th, 100th …), with the machine it claims. */
  refuseBooth(publicKey: Uint8Array, machine: string, reason: BoothRefusal, connection?: Connection): void {
    const print = fingerprint(publicKey);
    const logged = this.#rejections.note(print, `booth-${reason}`);
    if (logged) this.#ctx.store.transaction(() => this.#ctx.store.appendLog('booth-refused', { fingerprint: print, machine, reason, count: logged.count }));
    if (connection) this.#countRefusal(connection);
  }

  /** A waiting booth, now paired as `booth`: its connection is that booth's, and its outbox is sent. */
  adopt(fingerprint: string, booth: string): void {
    const pending = this.#pending.get(fingerprint);
    if (!pending) return;
    this.#pending.delete(fingerprint);
    this.#connections.set(booth, pending.connection);
    this.#outbox(booth).resume((frame) => pending.connection.send(frame), 0);
  }

  async stop(): Promise<void> {
    await this.#server.close();
    this.logRejections();
  }

  /** Writes the refusals counted but not logged yet (at close, before the log is signed, at stop). */
  logRejections(): void {
    const unlogged = this.#rejections.takeUnlogged();
    if (unlogged.length) this.#ctx.store.transaction(() => unlogged.forEach((r) => this.#ctx.store.appendLog('frame-rejected', { code: r.code, reason: r.reason, booth: r.from, count: r.count })));
  }

  /** Adds a signed frame to a booth's outbox, inside the caller's transaction; `flush` sends it. */
  queue(booth: string, body: ConsoleMessage): void {
    this.#outbox(booth).queue(body);
  }

  /** Sends what the booth's outbox holds beyond what its connection was sent. */
  flush(booth: string): void {
    this.#outbox(booth).flush();
  }

  #outbox(booth: string): Outbox<ConsoleMessage> {
    let outbox = this.#outboxes.get(booth);
    if (!outbox) {
      const { store } = this.#ctx;
      const row = store.booth(booth);
      if (!row) throw new Error(`no booth ${booth} is paired`);
      const peer = fromBase64(row.publicKey);
      outbox = new Outbox<ConsoleMessage>(this.#ctx.crypto, this.#ctx.key, () => peer, store.outbox(booth));
      this.#outboxes.set(booth, outbox);
    }
    return outbox;
  }

  #receive(connection: Connection, text: string): void {
    const { crypto, key, store, events } = this.#ctx;
    const frame = openFrame(crypto, key.publicKey, text, BoothMessage, true);
    if (!frame.ok) return this.#rejected(rejection(frame.error), '', connection);
    const { body, counter } = frame.value;
    const booth = store.boothByKey(frame.value.from);
    const challenge = this.#challenges.get(connection);
    if (body.type === 'hello') {
      // R32: a hello counts only as the answer to this connection's own challenge, from one key.
      if (!challenge || body.challenge !== challenge.nonce) return this.#rejected(rejection('hello-not-answering'), booth?.id ?? '', connection);
      if (challenge.bound !== null && challenge.bound !== frame.value.from) return this.#rejected(rejection('second-key'), booth?.id ?? '', connection);
      challenge.bound = frame.value.from;
    } else if (challenge?.bound !== frame.value.from) {
      return this.#rejected(rejection('no-hello'), booth?.id ?? '', connection);
    }
    if (!booth) {
      // An unpaired booth may only say hello, with its certificate, before voting opens; the president pairs it by its fingerprint.
      if (body.type !== 'hello' || !PAIRING_PHASES.has(store.phase())) return this.#rejected(rejection('unknown-sender'), '', connection);
      const admitted = this.admitBooth(frame.value.fromKey, body.certificate);
      if (!admitted.ok) return this.refuseBooth(frame.value.fromKey, admitted.machine, admitted.reason, connection);
      this.#wait(fingerprint(frame.value.fromKey), { publicKey: frame.value.fromKey, connection, enrolment: admitted.enrolment, wire: admitted.wire });
      return;
    }
    if (frame.value.to === null && body.type !== 'hello') return this.#rejected(rejection('unaddressed'), booth.id, connection);
    if (body.type === 'hello') {
      if (counter < booth.lastReceived) return this.#rejected(rejection('stale-hello'), booth.id, connection);
      this.#connections.set(booth.id, connection);
      store.transaction(() => store.setBoothState(booth.id, confirmedState(booth.state, body)));
      const outbox = this.#outbox(booth.id);
      connection.send(signFrame(crypto, key, fromBase64(booth.publicKey), outbox.last, { type: 'welcome', lastReceived: booth.lastReceived, nonce: body.nonce } satisfies ConsoleMessage));
      outbox.resume((f) => connection.send(f), body.lastReceived);
      events.emit('view');
      return;
    }
    if (body.type === 'out-of-service' && counter === 0) {
      // Sent outside the outbox by a booth whose disk failed (R8). Having no counter it can be sent again
      // and again: it counts only when the booth's state changes, and is logged as refusals are.
      if (!isCode(OUT_OF_SERVICE_CODES, body.code, body.params)) return this.#rejected(rejection('unknown-code', { type: body.type, code: body.code }), booth.id, connection);
      if (booth.state === 'out-of-service') return this.#rejected(rejection('out-of-service-again'), booth.id, connection);
      const logged = this.#rejections.note(booth.id, 'out-of-service');
      const reason = english(OUT_OF_SERVICE_CODES, body.code, body.params);
      store.transaction(() => {
        store.setBoothState(booth.id, confirmedState(booth.state, body));
        if (logged) store.appendLog('frame-rejected', { booth: booth.id, code: 'out-of-service', reason: english(FRAME_REJECTIONS, 'out-of-service', { reason }), cause: body.code, count: logged.count });
      });
      events.emit('booth', booth.id, body);
      events.emit('view');
      return;
    }
    const verdict = checkCounter(counter, booth.lastReceived);
    if (verdict !== 'next') return this.#rejected(rejection(verdict === 'replayed' ? 'replayed-counter' : 'skipped-counter'), booth.id, connection);
    let refused: Rejection | undefined;
    try {
      // The counter is used up whether the message is taken or refused, so that the booth's later frames are still taken.
      refused = store.transaction(() => {
        store.setLastReceived(booth.id, counter);
        const why = this.#handler.onMessage(booth.id, body);
        if (why === undefined) store.setBoothState(booth.id, confirmedState(booth.state, body));
        return why;
      });
    } catch (error) {
      // Signed by a paired booth yet not holding together (a damaged or hostile booth): refused, never fatal.
      store.transaction(() => store.setLastReceived(booth.id, counter));
      refused = rejection('malformed-message', { type: body.type, error: String((error as Error).message).slice(0, 200) });
    }
    if (refused !== undefined) return this.#rejected(refused, booth.id, connection);
    events.emit('booth', booth.id, body);
    events.emit('view');
  }

  /** Puts an unpaired booth on the president's list: one entry per connection, and a bounded list. */
  #wait(print: string, waiting: Waiting): void {
    const { connection } = waiting;
    for (const [fp, p] of this.#pending) if (p.connection === connection && fp !== print) this.#pending.delete(fp);
    if (!this.#pending.has(print) && this.#pending.size >= MAX_WAITING_BOOTHS) return this.#rejected(rejection('too-many-waiting'), '', connection, true);
    this.#pending.set(print, waiting);
    this.#ctx.events.emit('view');
  }

  /** Counts a refusal (logged in aggregate), and drops a connection that keeps sending what is refused. */
  #rejected(rejected: Rejection, booth: string, connection: Connection, drop = false): void {
    const logged = this.#rejections.note(booth, rejected.code, english(FRAME_REJECTIONS, rejected.code, rejected.params));
    if (logged) this.#ctx.store.transaction(() => this.#ctx.store.appendLog('frame-rejected', { code: logged.code, reason: logged.reason, booth: logged.from, count: logged.count }));
    this.#countRefusal(connection, drop);
  }

  #countRefusal(connection: Connection, drop = false): void {
    const refused = (this.#refusedOn.get(connection) ?? 0) + 1;
    this.#refusedOn.set(connection, refused);
    if (drop || refused >= MAX_REFUSED_PER_CONNECTION) connection.close();
  }
}
