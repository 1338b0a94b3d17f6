// The link's delivery protocol (docs/design.md §2), one module for both ends. Every frame a side sends
// in order is signed with the next counter and kept in its outbox, in the caller's transaction, before
// it goes out; on a connection the other side says the last counter it took (the booth's hello, the
// console's welcome), and the outbox is sent again from there. A frame received is taken only with
// the counter after the last one taken: an older one is a replay, a newer one means frames were lost.
import type { SeggioCrypto, SigningKeyPair } from '@seggio/crypto';
import { signFrame } from './frame.js';

/** Where one outbox keeps its frames: the app's store. `last` is the last counter ever used, pruned or not. */
export interface OutboxStore {
  last(): number;
  add(counter: number, frame: string): void;
  after(counter: number): readonly { readonly counter: number; readonly frame: string }[];
}

/** What a received counter is, against the last one taken from that sender. */
export type CounterVerdict = 'next' | 'replayed' | 'skipped';

export function checkCounter(counter: number, lastTaken: number): CounterVerdict {
  return counter === lastTaken + 1 ? 'next' : counter <= lastTaken ? 'replayed' : 'skipped';
}

export class Outbox<Body> {
  /** Where this connection's sending stands; null while no connection has said where it stands. */
  #sentUpTo: number | null = null;
  /** Sends one frame on this connection; false when it could not go out (it is sent again on the next flush). */
  #send: ((frame: string) => boolean | void) | null = null;

  constructor(
    private readonly crypto: SeggioCrypto,
    private readonly key: SigningKeyPair,
    /** The peer's public key, or null while none is pinned. */
    private readonly peer: () => Uint8Array | null,
    private readonly store: OutboxStore,
  ) {}

  /** The last counter used: what a hello or a welcome says it has sent up to. */
  get last(): number {
    return this.store.last();
  }

  /** Signs `body` with the next counter and keeps it, inside the caller's transaction; `flush` sends it. */
  queue(body: Body): void {
    const counter = this.store.last() + 1;
    this.store.add(counter, signFrame(this.crypto, this.key, this.peer(), counter, body));
  }

  /** A connection on which the peer took everything up to `lastTaken`: what is after it is sent now. */
  resume(send: (frame: string) => boolean | void, lastTaken: number): void {
    this.#send = send;
    this.#sentUpTo = lastTaken;
    this.flush();
  }

  /** The connection is gone: nothing is sent until the next one says where it stands. */
  detach(): void {
    this.#send = null;
    this.#sentUpTo = null;
  }

  /** Sends what was queued beyond what this connection was sent. */
  flush(): void {
    if (!this.#send || this.#sentUpTo === null) return;
    for (const { counter, frame } of this.store.after(this.#sentUpTo)) {
      if (this.#send(frame) === false) return;
      this.#sentUpTo = counter;
    }
  }
}
