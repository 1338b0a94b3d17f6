import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { combineUrnaShares, decodeShare, fingerprint, SHARE_PROBLEMS, splitUrnaKey, type ShareProblem } from '../src/index.js';
import { nodeCrypto as crypto } from '../src/node/index.js';

const urna = crypto.generateBoxKeyPair();
const shares = await splitUrnaKey(crypto, urna, { threshold: 3, count: 5 });
const refused = (...problems: ShareProblem[]) => ({ ok: false, error: problems });

describe('splitting the urna key 3 of 5', () => {
  it('gives five readable shares naming the key they belong to', () => {
    expect(shares).toHaveLength(5);
    for (const [i, text] of shares.entries()) {
      expect(text).toMatch(/^SEGGIO(-[A-Z2-7]{1,4})+$/);
      const share = decodeShare(text);
      expect(share.ok && share.value).toMatchObject({ index: i + 1, threshold: 3, count: 5, keyFingerprint: fingerprint(urna.publicKey) });
    }
  });

  it('rebuilds the key from any three, in any order, typed in lower case with spaces', async () => {
    for (const pick of [[0, 1, 2], [4, 2, 0], [1, 3, 4], [0, 1, 2, 3, 4]]) {
      const result = await combineUrnaShares(crypto, pick.map((i) => shares[i]!), urna.publicKey);
      expect(result.ok && result.value.secretKey).toEqual(urna.secretKey);
    }
    const typed = shares.slice(0, 3).map((s) => s.toLowerCase().replaceAll('-', ' '));
    expect((await combineUrnaShares(crypto, typed, urna.publicKey)).ok).toBe(true);
  });

  it('refuses two shares', async () => {
    expect(await combineUrnaShares(crypto, shares.slice(0, 2), urna.publicKey)).toEqual(refused({ code: 'shares-too-few', params: { threshold: 3, entered: 2 } }));
  });

  it('names a mistyped share by its position', async () => {
    const mistyped = shares[1]!.slice(0, 20) + (shares[1]![20] === 'A' ? 'B' : 'A') + shares[1]!.slice(21);
    const result = await combineUrnaShares(crypto, [shares[0]!, mistyped, shares[2]!], urna.publicKey);
    // One character mistyped is found, and named by where it stands in the share as printed ("SEGGIO-…", counted from 1).
    expect(result).toEqual(refused({ code: 'share-character', params: { n: 2, position: 21 } }));
    // Typed lower-case and without the dashes, the position is still the printed one.
    const loose = await combineUrnaShares(crypto, [shares[0]!, mistyped.toLowerCase().replaceAll('-', ''), shares[2]!], urna.publicKey);
    expect(loose).toEqual(result);
    // A character no share has (1, 8, 9, 0): named, with what it is.
    const foreign = await combineUrnaShares(crypto, [shares[0]!, shares[1]!.slice(0, 20) + '1' + shares[1]!.slice(21), shares[2]!], urna.publicKey);
    expect(foreign).toEqual(refused({ code: 'share-letter', params: { n: 2, position: 21, letter: '1' } }));
    // Two mistakes cannot be located: the checksum alone is said.
    const twice = mistyped.slice(0, 30) + (mistyped[30] === 'A' ? 'B' : 'A') + mistyped.slice(31);
    const both = await combineUrnaShares(crypto, [shares[0]!, twice, shares[2]!], urna.publicKey);
    expect(both).toEqual(refused({ code: 'share-checksum', params: { n: 2 } }));
    const cut = await combineUrnaShares(crypto, [shares[0]!, shares[1]!.slice(0, -8), shares[2]!], urna.publicKey);
    expect(!cut.ok && cut.error[0]).toEqual({ code: 'share-length', params: { n: 2, chars: 82, prefix: 'SEGGIO', length: expect.any(Number) as unknown } });
  });

  it('refuses the same share twice', async () => {
    const result = await combineUrnaShares(crypto, [shares[0]!, shares[1]!, shares[0]!], urna.publicKey);
    expect(result).toEqual(refused({ code: 'share-twice', params: { n: 3, index: 1 } }));
  });

  it('refuses a share of another section', async () => {
    const other = await splitUrnaKey(crypto, crypto.generateBoxKeyPair(), { threshold: 3, count: 5 });
    const result = await combineUrnaShares(crypto, [shares[0]!, other[1]!, shares[2]!], urna.publicKey);
    expect(!result.ok && result.error[0]).toEqual({ code: 'share-other-key', params: { n: 2, fingerprint: expect.stringMatching(/^[A-Z2-7-]{19}$/) as unknown, expected: expect.stringMatching(/^[A-Z2-7-]{19}$/) as unknown } });
  });

  it('detects, through the public key, shares that are each well-formed but do not belong together', async () => {
    // A second splitting of the same key: every share is valid and names the same key, yet mixing
    // them gives a wrong secret, which the library alone would return silently (docs/threat-model.md fact 7).
    // Many splittings, so that some mixes reuse an x coordinate (the library would throw on those).
    const reasons = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const again = await splitUrnaKey(crypto, urna, { threshold: 3, count: 5 });
      const result = await combineUrnaShares(crypto, [shares[0]!, shares[1]!, again[2]!], urna.publicKey);
      expect(result.ok).toBe(false);
      if (!result.ok) result.error.forEach((e) => reasons.add(e.code));
    }
    expect(reasons).toContain('shares-wrong');
    for (const reason of reasons) expect(['shares-wrong', 'shares-mixed']).toContain(reason);
  });

  it('refuses, never throws, two shares of different splittings that carry the same x coordinate', async () => {
    const x = (share: string) => (decodeShare(share) as { ok: true; value: { data: Uint8Array } }).value.data.at(-1);
    let clash: string | null = null;
    for (let i = 0; i < 2000 && !clash; i++) {
      const again = await splitUrnaKey(crypto, urna, { threshold: 3, count: 5 });
      clash = again.find((share) => x(share) === x(shares[0]!) && (decodeShare(share) as { ok: true; value: { index: number } }).value.index !== 1 && (decodeShare(share) as { ok: true; value: { index: number } }).value.index !== 3) ?? null;
    }
    expect(clash).not.toBeNull();
    expect(await combineUrnaShares(crypto, [shares[0]!, clash!, shares[2]!], urna.publicKey)).toEqual(refused({ code: 'shares-mixed', params: {} }));
  });

  it('refuses impossible thresholds and a mismatched key pair', async () => {
    await expect(splitUrnaKey(crypto, urna, { threshold: 1, count: 5 })).rejects.toThrow(/2 ≤ threshold ≤ count ≤ 255/);
    await expect(splitUrnaKey(crypto, urna, { threshold: 4, count: 3 })).rejects.toThrow(/got 4 of 3/);
    const mismatched = { publicKey: urna.publicKey, secretKey: crypto.generateBoxKeyPair().secretKey };
    await expect(splitUrnaKey(crypto, mismatched, { threshold: 2, count: 3 })).rejects.toThrow(/does not match its public key/);
  });
});

describe('the share problems', () => {
  it('are each made by the shares code, with the figures the catalogue names', () => {
    // The code outside the catalogue's own declaration.
    const [before, declared] = readFileSync(new URL('../src/shares.ts', import.meta.url), 'utf8').split('export const SHARE_PROBLEMS');
    const source = before! + declared!.split('} as const satisfies')[1]!;
    for (const code of Object.keys(SHARE_PROBLEMS)) expect(source, code).toContain(`'${code}'`);
  });
});
