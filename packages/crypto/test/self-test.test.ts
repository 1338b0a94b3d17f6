import { describe, expect, it } from 'vitest';
import { assertSelfTest, createCrypto, CryptoSelfTestError, portableSealedBox, runSelfTest, tweetnaclPrimitives, type Primitives } from '../src/index.js';
import { osRandomBytes } from '../src/random.js';
import { sodiumPrimitives } from '../src/node/index.js';

const broken = (base: Primitives, change: Partial<Primitives>): Primitives => ({ ...base, ...change });

describe('start-up self-test', () => {
  it('names what fails when signing is wrong', () => {
    const crypto = createCrypto(
      broken(sodiumPrimitives, {
        ed25519Sign: (m, s, p) => {
          const sig = sodiumPrimitives.ed25519Sign(m, s, p);
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

  it('fails when X25519 is wrong on the portable path, through the libsodium known answer', () => {
    // A consistently wrong key agreement still round-trips: only the known answer catches it.
    const wrong = portableSealedBox(() => new Uint8Array(32).fill(9), osRandomBytes);
    const report = runSelfTest(createCrypto(broken(tweetnaclPrimitives, wrong)));
    expect(report.failures).toEqual(['sealed box from libsodium opens']);
  });

  it("runs libsodium's own sealed box: a box it cannot open, or one that opens altered, fails", () => {
    const refusing = runSelfTest(createCrypto(broken(sodiumPrimitives, { sealOpen: () => null })));
    expect(refusing.failures).toEqual(['sealed box from libsodium opens', 'sealed box round trip']);
    const lax = runSelfTest(createCrypto(broken(sodiumPrimitives, { sealOpen: (c) => c.slice(48) })));
    expect(lax.failures).toEqual(['sealed box from libsodium opens', 'sealed box round trip']);
  });

  it('fails when the random source repeats itself', () => {
    const report = runSelfTest(createCrypto(broken(sodiumPrimitives, { randomBytes: (n) => new Uint8Array(n).fill(4) })));
    expect(report.failures).toContain('random source gives distinct values');
  });

  it('fails when SHA-256 is wrong', () => {
    const report = runSelfTest(createCrypto(broken(sodiumPrimitives, { sha256: () => new Uint8Array(32) })));
    expect(report.failures).toEqual(['SHA-256 of "abc"']);
    const hex = runSelfTest(createCrypto(broken(sodiumPrimitives, { sha256Hex: () => '00'.repeat(32) })));
    expect(hex.failures).toEqual(['SHA-256 of "abc"']);
  });

  it('says which library it checked', () => {
    const report = runSelfTest(createCrypto(sodiumPrimitives));
    expect(report).toMatchObject({ ok: true, backend: 'libsodium' });
    expect(report.implementation).toMatch(/^libsodium through sodium-native \d+\.\d+\.\d+$/);
    expect(runSelfTest(createCrypto(tweetnaclPrimitives))).toMatchObject({ ok: true, backend: 'tweetnacl' });
  });
});
