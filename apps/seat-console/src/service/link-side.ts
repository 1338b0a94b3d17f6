// The console's side of the link (DESIGN.md §3): frames from the booths opened, checked for their
// sender and counter and handed on in order; frames to the booths signed, kept in each booth's outbox
// and sent again from where a booth says it stands. What a message means is the service's business
// (onBoothMessage); which booths are connected or waiting to be paired is this part's.
import { EventEmitter } from 'node:events';
import { fingerprint, fromBase64, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import { BoothMessage, openFrame, signFrame, type Connection, type ConsoleMessage, type LinkServer } from '@seggio/link';
import type { ConsoleConfig } from './service.js';
import type { ConsoleStore } from './store.js';

type Events = { view: []; booth: [string, BoothMessage] };

export abstract class ConsoleLinkSide extends EventEmitter<Events> {
  protected readonly crypto: SeggioCrypto;
  readonly store: ConsoleStore;
  protected readonly config: ConsoleConfig;
  protected key: SigningKeyPair | null = null;
  readonly #server: LinkServer;
  readonly #connections = new Map<string, Connection>();
  readonly #pending = new Map<string, { publicKey: Uint8Array; connection: Connection }>();

  protected constructor(crypto: SeggioCrypto, store: ConsoleStore, config: ConsoleConfig, server: LinkServer) {
    super();
    this.crypto = crypto;
    this.store = store;
    this.config = config;
    this.#server = server;
    const secret = store.get('console.secretKey');
    if (secret) this.key = crypto.signingKeyPairFromSecret(fromBase64(secret));
    server.on('frame', (connection, text) => this.#receive(connection, text));
    server.on('closed', (connection) => {
      for (const [id, c] of this.#connections) if (c === connection) this.#connections.delete(id);
      for (const [fp, p] of this.#pending) if (p.connection === connection) this.#pending.delete(fp);
      this.emit('view');
    });
  }

  get url(): string {
    return this.#server.url;
  }

  protected isConnected(booth: string): boolean {
    return this.#connections.has(booth);
  }

  /** The fingerprints of the booths connected but not paired. */
  protected waitingBooths(): string[] {
    return [...this.#pending.keys()];
  }

  /** The key of the unpaired booth showing this fingerprint. */
  protected waitingBooth(fingerprint: string): Uint8Array | null {
    return this.#pending.get(fingerprint)?.publicKey ?? null;
  }

  /** A waiting booth, now paired as `booth`: its connection is that booth's, and its outbox is sent. */
  protected adopt(fingerprint: string, booth: string): void {
    const pending = this.#pending.get(fingerprint);
    if (!pending) return;
    this.#pending.delete(fingerprint);
    this.#connections.set(booth, pending.connection);
    this.flush(booth, 0);
  }

  /** Acts on one booth message inside the transaction that records its counter. */
  protected abstract onBoothMessage(booth: string, body: BoothMessage): void;

  async stop(): Promise<void> {
    await this.#server.close();
    this.store.close();
  }

  /** Adds a signed frame to a booth's outbox, inside the caller's transaction. */
  protected queue(booth: string, body: ConsoleMessage): void {
    const row = this.store.booth(booth)!;
    const counter = this.store.lastOutboxCounter(booth) + 1;
    this.store.addOutbox(booth, counter, signFrame(this.crypto, this.key!, fromBase64(row.publicKey), counter, body));
  }

  readonly #sentUpTo = new Map<string, number>();

  /** Sends what the booth's outbox holds beyond what was sent (or beyond `from`). */
  protected flush(booth: string, from?: number): void {
    const connection = this.#connections.get(booth);
    const after = from ?? this.#sentUpTo.get(booth);
    if (!connection || after === undefined) return;
    let last = after;
    for (const { counter, frame } of this.store.outboxAfter(booth, after)) {
      connection.send(frame);
      last = counter;
    }
    this.#sentUpTo.set(booth, last);
  }

  #welcome(booth: string, lastReceived: number): string {
    const row = this.store.booth(booth)!;
    return signFrame(this.crypto, this.key!, fromBase64(row.publicKey), this.store.lastOutboxCounter(booth), { type: 'welcome', lastReceived } satisfies ConsoleMessage);
  }

  #receive(connection: Connection, text: string): void {
    const self = this.key?.publicKey ?? new Uint8Array(32);
    const frame = openFrame(this.crypto, self, text, BoothMessage, true);
    if (!frame.ok) return this.#rejected(frame.error);
    const { body, counter } = frame.value;
    const booth = this.store.boothByKey(frame.value.from);
    if (!booth) {
      // An unpaired booth may only say hello; the president pairs it by its fingerprint.
      if (body.type === 'hello' && !this.store.get('opened')) this.#pending.set(fingerprint(frame.value.fromKey), { publicKey: frame.value.fromKey, connection });
      this.emit('view');
      return;
    }
    if (frame.value.to === null && body.type !== 'hello') return this.#rejected('unaddressed');
    if (body.type === 'hello') {
      if (counter < booth.lastReceived) return this.#rejected('stale hello', booth.id);
      this.#connections.set(booth.id, connection);
      this.store.transaction(() => this.store.updateBooth(booth.id, { reported_state: body.state }));
      connection.send(this.#welcome(booth.id, booth.lastReceived));
      this.flush(booth.id, body.lastReceived);
      this.emit('view');
      return;
    }
    if (body.type === 'out-of-service' && counter === 0) {
      // Sent outside the outbox by a booth whose disk failed (R8).
      this.store.transaction(() => {
        this.store.updateBooth(booth.id, { reported_state: 'out-of-service' });
        this.store.appendLog('frame-rejected', { booth: booth.id, reason: `out of service: ${body.reason.slice(0, 200)}` });
      });
      this.emit('booth', booth.id, body);
      this.emit('view');
      return;
    }
    if (counter !== booth.lastReceived + 1) {
      this.#rejected(counter <= booth.lastReceived ? 'replayed counter' : 'skipped counter', booth.id);
      return;
    }
    try {
      this.store.transaction(() => {
        this.store.updateBooth(booth.id, { last_received: counter });
        this.onBoothMessage(booth.id, body);
      });
    } catch (error) {
      // Signed by a paired booth yet not holding together (a damaged or hostile booth): refused, never
      // fatal; its counter is used up so that the booth's later frames are still taken.
      this.#rejected(`malformed ${body.type}: ${String((error as Error).message).slice(0, 200)}`, booth.id);
      this.store.transaction(() => this.store.updateBooth(booth.id, { last_received: counter }));
      return;
    }
    this.emit('booth', booth.id, body);
    this.emit('view');
  }

  #rejected(reason: string, booth = ''): void {
    this.store.transaction(() => this.store.appendLog('frame-rejected', { reason, booth }));
  }
}
