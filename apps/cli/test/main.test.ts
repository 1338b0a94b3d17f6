import { describe, expect, it } from 'vitest';
import { createCrypto } from '@seggio/crypto';
import { nodePrimitives } from '@seggio/crypto/node';
import { EXIT, main } from '../src/main.js';

function capture() {
  const io = { text: { out: '', err: '' }, out: { write: (t: string) => (io.text.out += t) }, err: { write: (t: string) => (io.text.err += t) } };
  return io;
}

describe('seggio', () => {
  it('runs the self-test', async () => {
    const io = capture();
    expect(await main(['selftest'], io)).toBe(EXIT.ok);
    expect(io.text.out).toBe('crypto self-test passed (node)\n');
  });

  it('refuses to run any command when the crypto self-test fails', async () => {
    const io = capture();
    const broken = createCrypto({ ...nodePrimitives, sha256: () => new Uint8Array(32) });
    expect(await main(['selftest'], io, { crypto: broken })).toBe(EXIT.selfTest);
    expect(io.text.err).toBe('seggio: refusing to run: crypto self-test failed (node): SHA-256 of "abc"\n');
    expect(io.text.out).toBe('');
  });

  it('names an unknown command and shows the usage', async () => {
    const io = capture();
    expect(await main(['vote'], io)).toBe(EXIT.usage);
    expect(io.text.err).toMatch(/^seggio: unknown command 'vote'\n\nUsage: seggio/);
  });
});
