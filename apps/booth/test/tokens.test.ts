// Enable tokens (docs/threat-model.md R10): replayed, forged, wrong-booth, skipped-counter, mid-session and
// after-close tokens are refused and logged; and no frame carries a ballot during voting (R4).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeCrypto } from '@seggio/crypto/node';
import type { RefusedCode } from '@seggio/link';
import type { BoothService } from '../src/service/index.js';
import { ELECTION, FakeConsole, startBooth, until } from './fake-console.js';

let fake: FakeConsole;
let booth: BoothService;
beforeEach(async () => {
  fake = await FakeConsole.start();
  booth = startBooth(fake);
  await fake.pair(booth);
});
afterEach(async () => {
  booth.stop();
  await fake.close();
});

const selections = { 'REF-2020-1': { answer: 'YES' as const }, 'COM-999001-2020': { mayor: 'S1', list: null, preferences: [] } };
const logged = () => booth.store.log().map((e) => `${e.event} ${JSON.stringify(e.detail)}`);

async function enable(overrides = {}) {
  const { token, signature } = fake.token(overrides);
  const before = fake.received.length;
  const text = fake.send({ type: 'enable', token, signature });
  return { token, signature, text, answer: await until(() => fake.received.slice(before).find((b) => b.type === 'session-started' || b.type === 'refused'), 'an answer') };
}

/** Refused with its code and figures on the wire; the booth's log has the code and the English too. */
async function refusedWith(code: RefusedCode, params: Record<string, string | number>, reason: RegExp, overrides = {}) {
  const { answer } = await enable(overrides);
  expect(answer).toEqual({ type: 'refused', counter: expect.any(Number) as unknown, code, params });
  expect(logged().some((l) => l.startsWith('token-rejected') && l.includes(`"code":"${code}"`) && reason.test(l))).toBe(true);
}

describe('enable tokens', () => {
  it('a good token opens a session, and the cast is acknowledged without ballot content', async () => {
    const { token, answer } = await enable();
    expect(answer).toEqual({ type: 'session-started', session: token.session, counter: 1 });
    expect(booth.getView().session).toEqual({ id: token.session, contests: ELECTION.scrutinyOrder });
    expect(booth.castBallots({ session: token.session, selections })).toEqual({ ok: true, value: { recorded: true } });
    expect(await fake.next('cast')).toEqual({ type: 'cast', session: token.session, counter: 1 });
  });

  it('refuses a token signed by another key than the console', async () => {
    fake.tokenCounter = 0;
    const { token } = fake.token();
    const forged = fake.token({ ...token }, nodeCrypto.generateSigningKeyPair());
    const before = fake.received.length;
    fake.send({ type: 'enable', token: forged.token, signature: forged.signature });
    expect(await until(() => fake.received.slice(before).find((b) => b.type === 'refused'), 'refusal')).toMatchObject({ code: 'token-not-signed', params: {} });
    expect(logged().at(-1)).toMatch(/^token-rejected .*not signed by the console/);
  });

  it('refuses a whole frame forged by another key, and logs it', async () => {
    const { token, signature } = fake.token();
    fake.connection!.send(fake.frame({ type: 'enable', token, signature }, fake.counter + 1, nodeCrypto.generateSigningKeyPair()));
    await until(() => logged().at(-1)?.startsWith('frame-rejected {"code":"unknown-sender","reason":"unknown sender"'), 'the rejection to be logged');
    expect(booth.getView().state).toBe('idle');
  });

  it('refuses a token for another booth', async () => {
    await refusedWith('token-other-booth', { booth: 'B2' }, /the token is for booth B2/, { booth: 'B2' });
    expect(booth.getView().state).toBe('idle');
  });

  it('refuses a token for another election', async () => {
    await refusedWith('token-other-election', {}, /another election/, { election: 'ab'.repeat(32) });
    expect(booth.getView().state).toBe('idle');
  });

  it('refuses a skipped counter', async () => {
    await refusedWith('token-counter', { counter: '3', expected: '1' }, /counter is 3, expected 1/, { counter: 3 });
    expect(booth.getView().state).toBe('idle');
  });

  it('refuses a replayed token in a new frame, and a replayed frame', async () => {
    const first = await enable();
    booth.castBallots({ session: first.token.session, selections });
    await fake.next('cast');
    const before = fake.received.length;
    fake.send({ type: 'enable', token: first.token, signature: first.signature });
    expect(await until(() => fake.received.slice(before).find((b) => b.type === 'refused'), 'refusal')).toMatchObject({ code: 'token-counter', params: { counter: '1', expected: '2' } });
    fake.connection!.send(first.text);
    await until(() => logged().at(-1)?.startsWith('frame-rejected {"code":"replayed-counter","reason":"replayed counter"'), 'the replay to be logged');
    expect(booth.getView().state).toBe('idle');
  });

  it('refuses a token mid-session', async () => {
    const first = await enable();
    await refusedWith('voter-at-booth', {}, /a voter is already voting at this booth/);
    expect(booth.getView().session?.id).toBe(first.token.session);
  });

  it('refuses a token after close, which is final', async () => {
    fake.send({ type: 'close' });
    await fake.next('seal');
    fake.tokenCounter = 0;
    await refusedWith('voting-closed', {}, /voting is closed/);
    expect(booth.getView().state).toBe('closed');
  });

  it('sends no selection or ballot before close, and the ballots only after (R4)', async () => {
    for (let i = 0; i < 3; i++) {
      const { token } = await enable();
      booth.castBallots({ session: token.session, selections });
      await until(() => fake.received.some((b) => b.type === 'cast' && b.session === token.session), 'cast');
    }
    const duringVoting = fake.texts.join('\n');
    for (const material of ['"ct"', '"selection"', '"answer"', '"mayor"', '"preferences"', '"h"']) expect(duringVoting).not.toContain(material);
    fake.send({ type: 'close' });
    const ballots = await fake.next('ballots');
    expect(ballots.ballots).toHaveLength(6);
  });
});

describe('hostile set-up', () => {
  it('a set-up whose documents are not JSON is refused and logged, and the booth stays unpaired and running', async () => {
    const other = await FakeConsole.start();
    const fresh = startBooth(other);
    try {
      await until(() => other.boothKey, 'hello');
      other.send({ type: 'setup', booth: 'B1', election: { bytes: 'AAAA', signature: 'AAAA' }, setup: { bytes: 'AAAA', signature: 'AAAA' }, consoleCertificate: other.certificate() });
      await until(() => fresh.store.log().some((e) => e.event === 'frame-rejected'), 'the refusal');
      expect(fresh.getView().state).toBe('unpaired');
      // The real set-up that follows is taken: a hostile frame cannot block pairing.
      await other.pair(fresh, false);
      expect(fresh.getView().state).toBe('ready');
    } finally {
      fresh.stop();
      await other.close();
    }
  });
});
