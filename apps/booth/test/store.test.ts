// The ballot box on disk: damaged stores refuse to open with a reason (R7), a full disk fails closed
// (R8), and nothing on disk keeps the cast order once voting is closed (R1, R2).
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeCrypto } from '@seggio/crypto/node';
import { BoothStore, CHECKPOINT_EVERY, StoreError, type BoothService, type StoredBallot } from '../src/service/index.js';
import { FakeConsole, startBooth, until } from './fake-console.js';

const selections = (i: number) => ({
  'REF-2020-1': i % 3 === 0 ? { blank: true as const } : { answer: i % 2 ? ('YES' as const) : ('NO' as const) },
  'COM-999001-2020': { mayor: `S${(i % 3) + 1}`, list: null, preferences: [] },
});

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

async function votingBooth(path: string | null, fake?: FakeConsole, keyPath?: string): Promise<{ fake: FakeConsole; booth: BoothService }> {
  fake ??= await FakeConsole.start();
  const booth = startBooth(fake, path, keyPath);
  await fake.pair(booth);
  cleanup.push(() => fake.close());
  return { fake, booth };
}

async function castOne(fake: FakeConsole, booth: BoothService, i: number, diskFullAtCast = false) {
  const { token, signature } = fake.token();
  fake.send({ type: 'enable', token, signature });
  await until(() => booth.getView().session?.id === token.session, 'the session');
  if (diskFullAtCast) booth.store.limitGrowth();
  const result = booth.castBallots({ session: token.session, selections: selections(i) });
  if (diskFullAtCast && result.ok) booth.store.allowGrowth();
  return { token, result };
}

describe('a damaged store refuses to open, and says why', () => {
  async function storeWithVotes(): Promise<string> {
    const path = join(mkdtempSync(join(tmpdir(), 'seggio-store-')), 'booth.db');
    const { fake, booth } = await votingBooth(path);
    for (let i = 0; i < 6; i++) expect((await castOne(fake, booth, i)).result.ok).toBe(true);
    booth.stop();
    return path;
  }
  const damaged = (path: string, change: (bytes: Buffer) => Buffer) => {
    const copy = `${path}.damaged`;
    writeFileSync(copy, change(readFileSync(path)));
    return copy;
  };
  const refusal = (path: string) => {
    try {
      BoothStore.open(path, nodeCrypto).close();
      return 'opened';
    } catch (error) {
      expect(error).toBeInstanceOf(StoreError);
      return (error as Error).message;
    }
  };

  it('opens when intact', async () => {
    expect(refusal(await storeWithVotes())).toBe('opened');
  });

  it('truncated', async () => {
    const path = await storeWithVotes();
    expect(refusal(damaged(path, (b) => b.subarray(0, Math.floor(b.length / 2))))).toMatch(/booth\.db\.damaged: .*(damaged|malformed|cannot be opened)/);
  });

  it('with a zeroed page', async () => {
    const path = await storeWithVotes();
    expect(refusal(damaged(path, (b) => Buffer.concat([b.subarray(0, 4096 * 2), Buffer.alloc(4096), b.subarray(4096 * 3)])))).toMatch(/damaged|malformed|cannot be opened/);
    expect(refusal(damaged(path, (b) => Buffer.concat([Buffer.alloc(4096), b.subarray(4096)])))).toMatch(/cannot be opened \(file is not a database\)/);
  });

  it('with one bit of a ballot flipped, which SQLite alone does not notice', async () => {
    const path = await storeWithVotes();
    const store = BoothStore.open(path, nodeCrypto);
    const ct = Buffer.from(store.ballots()[0]!.ct);
    store.close();
    const copy = damaged(path, (b) => {
      const at = b.indexOf(ct);
      expect(at).toBeGreaterThan(0);
      const flipped = Buffer.from(b);
      flipped[at + 40]! ^= 0x08;
      return flipped;
    });
    expect(refusal(copy)).toMatch(/ballot [0-9a-f]{12}… does not match its hash: the store was altered/);
  });
});

describe('a full disk', () => {
  it('fails closed: no acknowledgement, out of service, the president told, and every earlier vote kept', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'seggio-full-')), 'booth.db');
    const { fake, booth } = await votingBooth(path);
    // The disk fills up during some voter's cast: the first one whose ballots need a new page.
    let recorded = 0;
    let failure: Awaited<ReturnType<typeof castOne>> | undefined;
    for (let i = 0; i < 500 && !failure; i++) {
      const attempt = await castOne(fake, booth, i, true);
      if (attempt.result.ok) recorded++;
      else failure = attempt;
    }
    const reason = { code: 'vote-not-recorded', params: { reason: expect.stringMatching(/.+/) as unknown } };
    expect(failure?.result).toMatchObject({ ok: false, error: { code: 'not-recorded', reason } });
    expect(booth.getView()).toMatchObject({ state: 'out-of-service', reason });
    expect(await fake.next('out-of-service')).toMatchObject(reason);
    // It takes no further voter until it is restarted: a token sent now is not stored, not started,
    // and cannot be cast. The pause gives a booth that wrongly took it the time to say so.
    const { token, signature } = fake.token();
    const heard = fake.received.length;
    fake.send({ type: 'enable', token, signature });
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.received.slice(heard).map((b) => b.type)).not.toContain('session-started');
    expect(booth.store.tokens().map((t) => t.session)).not.toContain(token.session);
    expect(booth.castBallots({ session: token.session, selections: selections(0) })).toMatchObject({ ok: false, error: { code: 'no-session' } });
    booth.stop();
    const store = BoothStore.open(path, nodeCrypto);
    expect(store.tokens().filter((t) => t.outcome === 'cast')).toHaveLength(recorded);
    expect(store.tokens().find((t) => t.session === failure!.token.session)?.outcome).toBe('open');
    expect(Object.values(store.countsByContest())).toEqual([recorded, recorded]);
    store.close();
  });
});

describe('the cast order', () => {
  /** Where each ballot's ciphertext lies in the file (and its WAL), relative to the first, in ascending order of h. */
  const layout = (path: string, ballots: StoredBallot[]) => {
    const bytes = Buffer.concat([readFileSync(path), existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0)]);
    const at = ballots.map((b) => bytes.indexOf(Buffer.from(b.ct)));
    expect(at.every((o) => o > 0)).toBe(true);
    return at.map((o) => o - Math.min(...at));
  };

  it('the same ballots cast in two orders give identical ballots and seals, and a store laid out by h', async () => {
    const key = nodeCrypto.generateSigningKeyPair();
    const office = nodeCrypto.generateSigningKeyPair();
    const urna = nodeCrypto.generateBoxKeyPair();
    // One booth key for both: the same booth, the same ballots, cast in two orders.
    const keyPath = join(mkdtempSync(join(tmpdir(), 'seggio-order-key-')), 'booth.key');
    const paths = ['a', 'b'].map((name) => join(mkdtempSync(join(tmpdir(), `seggio-order-${name}-`)), 'booth.db'));
    const a = await votingBooth(paths[0]!, await FakeConsole.start(key, office, urna), keyPath);
    const b = await votingBooth(paths[1]!, await FakeConsole.start(key, office, urna), keyPath);

    // Booth A records 12 voters as they come.
    const voters: { token: { counter: number; session: string; contests: string[] }; signature: string; ballots: StoredBallot[] }[] = [];
    for (let i = 0; i < 12; i++) {
      const before = new Set(a.booth.ballots().map((x) => x.h));
      const { token, result } = await castOne(a.fake, a.booth, i);
      expect(result.ok).toBe(true);
      voters.push({ token, signature: '', ballots: a.booth.ballots().filter((x) => !before.has(x.h)) });
    }
    // Booth B holds the very same ballots, recorded in the opposite order.
    for (const v of [...voters].reverse()) {
      b.booth.store.transaction(() => {
        b.booth.store.insertToken({ counter: v.token.counter, session: v.token.session, contests: v.token.contests, signature: v.signature });
        b.booth.store.insertBallots(v.ballots);
        b.booth.store.setOutcome(v.token.session, 'cast');
      });
    }
    const sorted = a.booth.ballots();
    // Before close, how the file lies reveals the order of casting: the two differ.
    expect(layout(paths[0]!, sorted)).not.toEqual(layout(paths[1]!, sorted));
    for (const x of [a, b]) x.fake.send({ type: 'close' });
    const [sealA, sealB] = await Promise.all([a.fake.next('seal'), b.fake.next('seal')]);
    const [boxA, boxB] = await Promise.all([a.fake.next('ballots'), b.fake.next('ballots')]);
    await until(() => a.booth.getView().state === 'closed' && b.booth.getView().state === 'closed', 'both closed');
    expect(sealB).toEqual(sealA);
    expect(boxB).toEqual(boxA);
    expect(boxA.ballots.map((x) => x.h)).toEqual(sorted.map((x) => x.h));
    for (const x of [a, b]) x.booth.stop();
    // After close both stores were rewritten: the ballots lie the same way, whatever the order they came in.
    expect(layout(paths[0]!, sorted)).toEqual(layout(paths[1]!, sorted));
  });

  it('a booth stopped after its close but before its store was rewritten is rewritten at its next start', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'seggio-died-')), 'booth.db');
    const { fake, booth } = await votingBooth(path);
    for (let i = 0; i < 12; i++) expect((await castOne(fake, booth, i)).result.ok).toBe(true);
    const sorted = booth.ballots();
    // The close committed, and the plug pulled before the rewrite.
    booth.store.transaction(() => booth.store.setPhase({ kind: 'closed' }));
    booth.stop();
    const asLeft = layout(path, sorted);
    startBooth(fake, path).stop();
    const atStart = layout(path, sorted);
    // Laid out as a rewrite lays it out, which is not how the cast order had left it.
    const store = BoothStore.open(path, nodeCrypto);
    store.canonicalise(nodeCrypto);
    store.close();
    expect(atStart).toEqual(layout(path, sorted));
    expect(atStart).not.toEqual(asLeft);
  });
});

describe('the WAL is copied into the database off the cast\'s path', () => {
  it('after every CHECKPOINT_EVERY transactions, once they have returned: it is then written again from its start', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'seggio-wal-')), 'booth.db');
    const store = BoothStore.open(path, nodeCrypto);
    cleanup.push(() => store.close());
    let cast = 0;
    const transactions = async (count: number) => {
      for (let i = 0; i < count; i++, cast++) {
        const h = nodeCrypto.sha256Hex(new TextEncoder().encode(String(cast)));
        store.transaction(() => store.insertBallots([{ h, contest: 'C', ct: new Uint8Array(600), sig: new Uint8Array(64) }]));
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const wal = () => statSync(`${path}-wal`).size;
    await transactions(2 * CHECKPOINT_EVERY);
    const early = wal();
    await transactions(4 * CHECKPOINT_EVERY);
    // Without the checkpoints it would hold all six rounds' pages: about three times as many.
    expect(wal()).toBeLessThan(1.5 * early);
  });
});

describe('the pairing, read once and kept', () => {
  const pairing = {
    booth: 'B1', section: '7', election: { bytes: '{}', signature: 'c2ln' }, electionDigest: 'ab',
    setup: { bytes: '{}', signature: 'c2ln' }, consoleKey: new Uint8Array(32).fill(5), consoleMachine: 'C1', urnaKey: new Uint8Array(32).fill(6),
  };

  it('is never given once the transaction that wrote it has rolled back', () => {
    const store = BoothStore.memory();
    cleanup.push(() => store.close());
    expect(store.pairing()).toBeNull();
    expect(() =>
      store.transaction(() => {
        store.setPairing(pairing);
        expect(store.pairing()).toMatchObject({ booth: 'B1', consoleMachine: 'C1' });
        throw new Error('the zero report could not be made');
      }),
    ).toThrow('the zero report could not be made');
    expect(store.pairing()).toBeNull();
    store.transaction(() => store.setPairing(pairing));
    expect(store.pairing()).toMatchObject({ booth: 'B1', section: '7', consoleMachine: 'C1' });
  });
});
