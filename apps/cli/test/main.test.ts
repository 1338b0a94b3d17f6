import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createCrypto, pureCrypto } from '@seggio/crypto';
import { sodiumPrimitives } from '@seggio/crypto/node';
import { EXIT, main } from '../src/main.js';

function capture() {
  const io = { text: { out: '', err: '' }, out: { write: (t: string) => (io.text.out += t) }, err: { write: (t: string) => (io.text.err += t) } };
  return io;
}

describe('seggio', () => {
  it('runs the self-test on libsodium and names it with its version', async () => {
    const { version } = createRequire(import.meta.url)('sodium-native/package.json') as { version: string };
    const io = capture();
    expect(await main(['selftest'], io)).toBe(EXIT.ok);
    expect(io.text.out).toMatch(new RegExp(`^crypto self-test passed: \\d+ checks on libsodium through sodium-native ${version.replaceAll('.', '\\.')}\n$`));
  });

  it('names the portable backend when it runs on it', async () => {
    const io = capture();
    expect(await main(['selftest'], io, { crypto: pureCrypto })).toBe(EXIT.ok);
    expect(io.text.out).toMatch(/^crypto self-test passed: \d+ checks on tweetnacl, portable JavaScript\n$/);
  });

  it('refuses to run any command when the crypto self-test fails', async () => {
    const io = capture();
    const broken = createCrypto({ ...sodiumPrimitives, sha256: () => new Uint8Array(32) });
    expect(await main(['selftest'], io, { crypto: broken })).toBe(EXIT.selfTest);
    expect(io.text.err).toBe(`seggio: refusing to run: crypto self-test failed on ${sodiumPrimitives.implementation}: SHA-256 of "abc"\n`);
    expect(io.text.out).toBe('');
  });

  it('names an unknown command and shows the usage', async () => {
    const io = capture();
    expect(await main(['vote'], io)).toBe(EXIT.usage);
    expect(io.text.err).toMatch(/^seggio: unknown command 'vote'\n\nUsage: seggio/);
  });
});
