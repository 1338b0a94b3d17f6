// The link's signed frames on their own (docs/threat-model.md threats: the LAN): a frame opens only for the
// one recipient it names, and only as it was signed; what rides on it (its recipient, counter, body,
// version) cannot be changed after signing. Counters are the services' to check: the console's refusal
// of a replayed counter is tested with a real console in test/day/ownership.test.ts.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { fromBase64, toBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { BoothMessage, chunkByBytes, ConsoleMessage, LINK_VERSION, LinkServer, MAX_BOOTH_FRAME_BYTES, openFrame, RejectionTally, signFrame } from '../src/index.js';

const consoleKey = nodeCrypto.generateSigningKeyPair();
const boothA = nodeCrypto.generateSigningKeyPair();
const boothB = nodeCrypto.generateSigningKeyPair();
const cancel = { type: 'cancel', session: 'ab'.repeat(16), counter: 4 } as const;
const frameToA = () => signFrame(nodeCrypto, consoleKey, boothA.publicKey, 7, cancel);
const open = (self: Uint8Array, text: string, unaddressed = false) => {
  const opened = openFrame(nodeCrypto, self, text, ConsoleMessage, unaddressed);
  return opened.ok ? { ok: true, counter: opened.value.counter, body: opened.value.body } : { ok: false, error: opened.error };
};
const edit = (text: string, change: (raw: Record<string, unknown>) => void) => {
  const raw = JSON.parse(text) as Record<string, unknown>;
  change(raw);
  return JSON.stringify(raw);
};

describe('a signed frame', () => {
  it('opens for the booth it names, with its counter and body', () => {
    expect(open(boothA.publicKey, frameToA())).toEqual({ ok: true, counter: 7, body: cancel });
  });

  it('is refused by another booth', () => {
    expect(open(boothB.publicKey, frameToA())).toEqual({ ok: false, error: 'not-for-me' });
  });

  it('is refused once its recipient is changed to another booth after signing', () => {
    expect(open(boothB.publicKey, edit(frameToA(), (f) => (f.to = toBase64(boothB.publicKey))))).toEqual({ ok: false, error: 'bad-signature' });
  });

  it('is refused once its counter is changed after signing, up or down', () => {
    for (const counter of [6, 8, 0]) expect(open(boothA.publicKey, edit(frameToA(), (f) => (f.counter = counter)))).toEqual({ ok: false, error: 'bad-signature' });
  });

  it('is refused once its body or its sender is changed after signing', () => {
    expect(open(boothA.publicKey, edit(frameToA(), (f) => (f.body = { ...cancel, counter: 5 })))).toEqual({ ok: false, error: 'bad-signature' });
    expect(open(boothA.publicKey, edit(frameToA(), (f) => (f.from = toBase64(boothB.publicKey))))).toEqual({ ok: false, error: 'bad-signature' });
  });

  it('is refused with a signature that does not decode, or of another version', () => {
    expect(open(boothA.publicKey, edit(frameToA(), (f) => (f.sig = 'AAAA')))).toEqual({ ok: false, error: 'malformed' });
    expect(open(boothA.publicKey, edit(frameToA(), (f) => (f.v = LINK_VERSION - 1)))).toEqual({ ok: false, error: 'malformed' });
  });

  it('from a booth before pairing, unaddressed, opens only where the caller takes unaddressed frames', () => {
    const nonce = toBase64(nodeCrypto.randomBytes(32));
    const hello = signFrame(nodeCrypto, boothA, null, 0, { type: 'hello', state: 'unpaired', lastReceived: 0, challenge: nonce, nonce, certificate: null });
    expect(openFrame(nodeCrypto, consoleKey.publicKey, hello, BoothMessage).ok).toBe(false);
    expect(openFrame(nodeCrypto, consoleKey.publicKey, hello, BoothMessage, true)).toMatchObject({ ok: true, value: { fromKey: boothA.publicKey } });
  });

  it('signed for one booth and replayed to another, with the other as recipient, does not hold', () => {
    const forB = edit(frameToA(), (f) => (f.to = toBase64(boothB.publicKey)));
    expect(fromBase64((JSON.parse(forB) as { to: string }).to)).toEqual(boothB.publicKey);
    expect(open(boothB.publicKey, forB)).toEqual({ ok: false, error: 'bad-signature' });
  });
});

describe('what the console reads from the LAN (R33)', () => {
  it('is at most 1 MiB a frame: a bigger one is not read and its connection is dropped; binary frames are refused', async () => {
    const server = await LinkServer.listen('127.0.0.1', 0);
    const refused: string[] = [];
    const frames: string[] = [];
    server.on('refused', (_c, reason) => refused.push(reason));
    server.on('frame', (_c, text) => frames.push(text));
    const socket = new WebSocket(server.url);
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    socket.send('x'.repeat(MAX_BOOTH_FRAME_BYTES));
    const code = await new Promise<number>((resolve) => {
      socket.once('close', resolve);
      socket.send('y'.repeat(MAX_BOOTH_FRAME_BYTES + 1));
    });
    expect(code).toBe(1009);
    expect(refused).toEqual(['binary-frame', 'frame-too-large']);
    expect(frames.map((f) => f.length)).toEqual([MAX_BOOTH_FRAME_BYTES]);
    await server.close();
  });

  it("splits a booth's ballots or log into frames that fit, in order, each item once", () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({ i, ct: 'c'.repeat(600 + (i % 7) * 50) }));
    const chunks = chunkByBytes(items);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flat()).toEqual(items);
    for (const chunk of chunks) {
      const frame = signFrame(nodeCrypto, boothA, consoleKey.publicKey, 1, { type: 'ballots', ballots: chunk });
      expect(frame.length).toBeLessThanOrEqual(MAX_BOOTH_FRAME_BYTES);
    }
  });

  it('counts refusals and logs each kind at its 1st, 10th, 100th …, then what is left', () => {
    const tally = new RejectionTally();
    const logged = Array.from({ length: 1234 }, () => tally.note('', 'malformed')).filter((x) => x !== null);
    expect(logged.map((x) => x.count)).toEqual([1, 10, 100, 1000]);
    expect(tally.note('B1', 'replayed-counter', 'replayed counter')).toEqual({ from: 'B1', code: 'replayed-counter', reason: 'replayed counter', count: 1 });
    expect(tally.takeUnlogged()).toEqual([{ from: '', code: 'malformed', reason: 'malformed', count: 1234 }]);
    expect(tally.takeUnlogged()).toEqual([]);
    // However many reasons a peer makes up, the kinds stay bounded.
    for (let i = 0; i < 500; i++) tally.note('', 'malformed-message', `made-up reason ${i}`);
    const kinds = tally.takeUnlogged();
    expect(kinds.length).toBeLessThanOrEqual(64);
    expect(kinds.at(-1)).toMatchObject({ code: 'other', reason: 'other reasons' });
  });
});
