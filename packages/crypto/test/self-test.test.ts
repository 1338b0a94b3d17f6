import { describe, expect, it } from 'vitest';
import { assertSelfTest, createCrypto, CryptoSelfTestError, runSelfTest, tweetnaclPrimitives, type Primitives } from '../src/index.js';
import { nodePrimitives } from '../src/node/index.js';

const broken = (base: Primitives, change: Partial<Primitives>): Primitives => ({ ...base, ...change });

describe('start-up self-test', () => {
  it('names what fails when signing is wrong', () => {
    const crypto = createCrypto(
      broken(nodePrimitives, {
        ed25519Sign: (m, s, p) => {
          const sig = nodePrimitives.ed25519Sign(m, s, p);
          sig[0]! ^= 1;
          return sig;
        },
      }),
    );
    const report = runSelfTest(crypto);
    expect(report.ok).toBe(false);
    expect(report.failures).toContain('RFC 8032 test 1: signature');
    expect(() => assertSelfTest(crypto)).toThrow(CryptoSelfTestError);
  });

  it('fails when verification accepts anything', () => {
    const report = runSelfTest(createCrypto(broken(tweetnaclPrimitives, { ed25519Verify: () => true })));
    expect(report.failures).toContain('RFC 8032 test 2: altered message refused');
  });

  it('fails when X25519 is wrong, through the libsodium known answer', () => {
    // A consistently wrong key agreement still round-trips: only the known answer catches it.
    const report = runSelfTest(createCrypto(broken(tweetnaclPrimitives, { x25519: () => new Uint8Array(32).fill(9) })));
    expect(report.failures).toEqual(['sealed box from libsodium opens']);
  });

  it('fails when the random source repeats itself', () => {
    const report = runSelfTest(createCrypto(broken(nodePrimitives, { randomBytes: (n) => new Uint8Array(n).fill(4) })));
    expect(report.failures).toContain('random source gives distinct values');
  });

  it('fails when SHA-256 is wrong', () => {
    const report = runSelfTest(createCrypto(broken(nodePrimitives, { sha256: () => new Uint8Array(32) })));
    expect(report.failures).toEqual(['SHA-256 of "abc"']);
  });
});
