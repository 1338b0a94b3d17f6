// The link's delivery protocol (src/outbox.ts), as both ends use it: frames kept in order with the
// next counter, sent again from where the other side says it stands, and received counters judged.
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '@seggio/crypto/node';
import { checkCounter, ConsoleMessage, openFrame, Outbox, type OutboxStore } from '../src/index.js';

const self = nodeCrypto.generateSigningKeyPair();
const peer = nodeCrypto.generateSigningKeyPair();

/** An outbox store in memory; `pruned` drops the frames up to a counter but keeps the last one used. */
function memoryStore(): OutboxStore & { prune(upTo: number): void } {
  let frames: { counter: number; frame: string }[] = [];
  let last = 0;
  return {
    last: () => last,
    add: (counter, frame) => {
      last = counter;
      frames.push({ counter, frame });
    },
    after: (counter) => frames.filter((f) => f.counter > counter),
    prune: (upTo) => {
      frames = frames.filter((f) => f.counter > upTo);
    },
  };
}

const counters = (sent: string[]) => sent.map((f) => (JSON.parse(f) as { counter: number }).counter);

describe('the outbox', () => {
  it('signs each frame for the peer with the next counter, and sends nothing before a connection says where it stands', () => {
    const store = memoryStore();
    const outbox = new Outbox<ConsoleMessage>(nodeCrypto, self, () => peer.publicKey, store);
    outbox.queue({ type: 'open' });
    outbox.queue({ type: 'close' });
    expect(outbox.last).toBe(2);
    outbox.flush();
    const sent: string[] = [];
    outbox.resume((f) => void sent.push(f), 0);
    expect(counters(sent)).toEqual([1, 2]);
    const opened = openFrame(nodeCrypto, peer.publicKey, sent[0] ?? '', ConsoleMessage, true);
    expect(opened).toMatchObject({ ok: true, value: { counter: 1, body: { type: 'open' } } });
  });

  it('sends again only what comes after the counter the other side took, then only what is new', () => {
    const outbox = new Outbox<ConsoleMessage>(nodeCrypto, self, () => peer.publicKey, memoryStore());
    for (let i = 0; i < 4; i++) outbox.queue({ type: 'open' });
    const sent: string[] = [];
    outbox.resume((f) => void sent.push(f), 3);
    expect(counters(sent)).toEqual([4]);
    outbox.queue({ type: 'close' });
    outbox.flush();
    outbox.flush();
    expect(counters(sent)).toEqual([4, 5]);
  });

  it('sends nothing once detached, until a new connection resumes it', () => {
    const outbox = new Outbox<ConsoleMessage>(nodeCrypto, self, () => peer.publicKey, memoryStore());
    const first: string[] = [];
    outbox.resume((f) => void first.push(f), 0);
    outbox.detach();
    outbox.queue({ type: 'open' });
    outbox.flush();
    expect(first).toEqual([]);
    const second: string[] = [];
    outbox.resume((f) => void second.push(f), 0);
    expect(counters(second)).toEqual([1]);
  });

  it('stops at a frame the connection could not send, and sends it first on the next flush', () => {
    const outbox = new Outbox<ConsoleMessage>(nodeCrypto, self, () => peer.publicKey, memoryStore());
    for (let i = 0; i < 3; i++) outbox.queue({ type: 'open' });
    const sent: string[] = [];
    let refuse = true;
    outbox.resume((f) => {
      if (refuse && counters([f])[0] === 2) return false;
      sent.push(f);
      return true;
    }, 0);
    expect(counters(sent)).toEqual([1]);
    refuse = false;
    outbox.flush();
    expect(counters(sent)).toEqual([1, 2, 3]);
  });

  it('never uses a counter twice, even once its frames are pruned', () => {
    const store = memoryStore();
    const outbox = new Outbox<ConsoleMessage>(nodeCrypto, self, () => peer.publicKey, store);
    outbox.queue({ type: 'open' });
    outbox.queue({ type: 'open' });
    store.prune(2);
    outbox.queue({ type: 'close' });
    expect(store.after(0).map((f) => f.counter)).toEqual([3]);
  });
});

describe('a received counter', () => {
  it('is taken only as the one after the last taken', () => {
    expect(checkCounter(5, 4)).toBe('next');
    expect(checkCounter(4, 4)).toBe('replayed');
    expect(checkCounter(1, 4)).toBe('replayed');
    expect(checkCounter(6, 4)).toBe('skipped');
  });
});
