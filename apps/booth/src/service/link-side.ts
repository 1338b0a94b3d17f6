// The booth's end of the link's outbox, counters and resumption (docs/design.md §2): each frame to the
// console is signed with the next counter and kept in the outbox until the console's welcome says it
// has it; frames from the console are taken in counter order, each once; every connection opens with
// the console's challenge and the booth's hello (R32). What a frame means is the service's (`LinkHost`).
import { toBase64, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import { checkCounter, ConsoleMessage, english, FRAME_REJECTIONS, LinkClient, openFrame, Outbox, rejection, RejectionTally, signFrame, type BoothMessage, type BoothState, type MachineIdentity, type OutOfServiceCode, type Rejection } from '@seggio/link';
import type { OutOfService } from '../shared/api.js';
import { isDiskFailure, StoreError, type BoothStore } from './store.js';

export interface LinkHost {
  /** What the hello says of the booth: its state, and why it is out of service. */
  standing(): { state: BoothState; reason: OutOfService | null };
  /** Acts on one console message, inside the transaction that records its counter. */
  act(body: ConsoleMessage, from: Uint8Array): void;
  /** After that transaction committed. */
  acted(body: ConsoleMessage): void;
  /** The store failed: out of service (R8). */
  failClosed(code: OutOfServiceCode, error: unknown): void;
  /** Something the screens show changed (the connection, a hello). */
  changed(): void;
  /** A frame went out (tests watch them). */
  sent(frame: string): void;
}

export class BoothLink {
  readonly #crypto: SeggioCrypto;
  readonly #key: SigningKeyPair;
  readonly #identity: MachineIdentity;
  readonly #store: BoothStore;
  readonly #host: LinkHost;
  readonly #client: LinkClient;
  readonly #rejections = new RejectionTally();
  /** Frames to the console, kept until its welcome says it has them (packages/link's outbox, as the console's). */
  readonly #outbox: Outbox<BoothMessage>;
  /** The console's challenge on this connection, and the booth's own nonce that the welcome must carry back (R32). */
  #challenge: { console: string; booth: string } | null = null;

  constructor(crypto: SeggioCrypto, identity: MachineIdentity, store: BoothStore, url: string, host: LinkHost) {
    this.#crypto = crypto;
    this.#key = identity.key;
    this.#identity = identity;
    this.#store = store;
    this.#host = host;
    this.#client = new LinkClient(url);
    // The last counter is kept apart from the outbox, which is pruned: a counter is never used twice.
    this.#outbox = new Outbox<BoothMessage>(crypto, identity.key, () => store.pairing()?.consoleKey ?? null, {
      last: () => store.linkCounters().lastSent,
      add: (counter, frame) => {
        store.setLastSent(counter);
        store.addOutbox(counter, frame);
      },
      after: (counter) => store.outboxAfter(counter),
    });
    // The hello waits for the console's challenge on each connection (R32).
    this.#client.on('disconnected', () => {
      this.#outbox.detach();
      this.#challenge = null;
      host.changed();
    });
    this.#client.on('frame', (text) => this.#receive(text));
  }

  get connected(): boolean {
    return this.#client.connected;
  }

  /** Adds a frame to the outbox, inside the caller's transaction. */
  queue(body: BoothMessage): void {
    if (!this.#store.pairing()) throw new StoreError('a frame to the console before any console is pinned');
    this.#outbox.queue(body);
  }

  /** Sends what the outbox holds beyond what was sent on this connection. */
  flush(): void {
    this.#outbox.flush();
  }

  /** Not from the outbox, for a disk that may refuse to write it: counter 0 marks it unpersisted. */
  sendUnpersisted(body: BoothMessage): void {
    const pairing = this.#store.pairing();
    if (pairing) this.#client.send(signFrame(this.#crypto, this.#key, pairing.consoleKey, 0, body));
  }

  /** Says who the booth is and where it stands, on this connection once its challenge has come. */
  hello(): void {
    if (!this.#challenge) return;
    const { state, reason } = this.#host.standing();
    const counters = this.#store.linkCounters();
    const body: BoothMessage = {
      type: 'hello',
      state,
      lastReceived: counters.lastReceived,
      challenge: this.#challenge.console,
      nonce: this.#challenge.booth,
      certificate: this.#identity.wire,
      ...(reason ? { reason } : {}),
    };
    this.#client.send(signFrame(this.#crypto, this.#key, this.#store.pairing()?.consoleKey ?? null, counters.lastSent, body));
    this.#host.changed();
  }

  /** Logs a refused frame in aggregate (R33): the first of its kind with its detail, then counts. */
  reject(rejected: Rejection, detail: Record<string, string | number> = {}): void {
    const logged = this.#rejections.note('', rejected.code, english(FRAME_REJECTIONS, rejected.code, rejected.params));
    if (!logged) return;
    this.#logRejections([logged.count === 1 ? { code: logged.code, reason: logged.reason, ...detail } : { code: logged.code, reason: logged.reason, count: logged.count }]);
  }

  /** Closes the connection; `logCounts`: the counts of refusals not logged yet go to the log first. */
  stop(logCounts: boolean): void {
    this.#client.removeAllListeners();
    this.#client.close();
    if (logCounts) this.#logRejections(this.#rejections.takeUnlogged().map((r) => ({ code: r.code, reason: r.reason, count: r.count })));
  }

  #logRejections(details: Record<string, string | number>[]): void {
    try {
      this.#store.transaction(() => details.forEach((d) => this.#store.appendLog('frame-rejected', d)));
    } catch (error) {
      if (!isDiskFailure(error)) throw error;
    }
  }

  #receive(text: string): void {
    if (this.#host.standing().state === 'out-of-service') return;
    const frame = openFrame(this.#crypto, this.#key.publicKey, text, ConsoleMessage, true);
    if (!frame.ok) return this.reject(rejection(frame.error));
    const pinned = this.#store.pairing()?.consoleKey;
    const body = frame.value.body;
    // Only the challenge is unaddressed: it opens each connection, before the booth has said who it is.
    if ((frame.value.to === null) !== (body.type === 'challenge')) return this.reject(rejection('unaddressed'), { type: body.type });
    if (pinned ? frame.value.from !== toBase64(pinned) : body.type !== 'setup' && body.type !== 'challenge') return this.reject(rejection('unknown-sender'), { type: body.type });
    if (body.type === 'challenge') {
      this.#challenge = { console: body.nonce, booth: toBase64(this.#crypto.randomBytes(32)) };
      return this.hello();
    }
    const last = this.#store.linkCounters().lastReceived;
    if (body.type === 'welcome') {
      if (frame.value.counter < last) return this.reject(rejection('stale-welcome'));
      if (body.nonce !== this.#challenge?.booth) return this.reject(rejection('welcome-not-answering'));
      this.#store.transaction(() => this.#store.pruneOutbox(body.lastReceived));
      this.#outbox.resume((frame) => {
        if (!this.#client.send(frame)) return false;
        this.#host.sent(frame);
        return true;
      }, body.lastReceived);
      return;
    }
    // Before pairing no console is known, so there are no counters to keep: a set-up stands on its own signatures.
    const verdict = pinned ? checkCounter(frame.value.counter, last) : 'next';
    if (verdict !== 'next') {
      this.reject(rejection(verdict === 'replayed' ? 'replayed-counter' : 'skipped-counter'), { counter: frame.value.counter, expected: last + 1 });
      if (verdict === 'skipped') this.hello();
      return;
    }
    try {
      this.#store.transaction(() => {
        this.#store.setLastReceived(frame.value.counter);
        this.#host.act(body, frame.value.fromKey);
      });
    } catch (error) {
      if (isDiskFailure(error) || error instanceof StoreError) {
        this.#host.failClosed('store-failed', error);
      } else {
        // A frame that does not hold together: refused (its effects rolled back), never fatal. From the
        // pinned console it still uses up its counter, so that the frames after it are taken.
        this.reject(rejection('malformed-content'), { type: body.type, error: String((error as Error).message).slice(0, 200) });
        if (pinned) this.#store.transaction(() => this.#store.setLastReceived(frame.value.counter));
      }
      return;
    }
    this.#host.acted(body);
  }
}
