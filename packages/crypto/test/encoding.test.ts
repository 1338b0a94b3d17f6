import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fingerprint, fromBase32, fromBase64, fromBase64Portable, fromHex, toBase32, toBase64, toHex } from '../src/index.js';

describe('base64 (RFC 4648)', () => {
  it('encodes as Node does, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      }),
    );
  });

  it('refuses every non-canonical spelling that a lax decoder would accept', () => {
    expect(() => fromBase64('QQ')).toThrow(/multiple of 4/);
    expect(() => fromBase64('QR==')).toThrow(/unused bits/);
    expect(() => fromBase64('QUJ=')).toThrow(/unused bits/);
    expect(() => fromBase64('QU I')).toThrow(/invalid base64 character at position 2/);
    expect(() => fromBase64('QUJD\n')).toThrow();
    expect(() => fromBase64('Q===')).toThrow();
    expect(() => fromBase64('=QUJ')).toThrow();
    expect(() => fromBase64('QU-_')).toThrow(/invalid base64/);
    expect(fromBase64('QUI=')).toEqual(new Uint8Array([65, 66]));
  });

  it("with Node's decoder accepts and refuses exactly what the strict decoder of the pages does", () => {
    const outcome = (decode: (t: string) => Uint8Array, text: string) => {
      try {
        return { bytes: decode(text) };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    // Canonical texts, then texts with a character changed to one a lax decoder takes or skips.
    const respelled = fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.nat(), fc.constantFrom('=', '-', '_', ' ', '\n', 'A', 'B', 'Q', 'w', '/', '+', 'é')).map(([bytes, at, c]) => {
      const text = toBase64(bytes);
      const i = at % text.length;
      return `${text.slice(0, i)}${c}${text.slice(i + 1)}`;
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 60 }).map(toBase64), respelled), (text) => {
        expect(outcome(fromBase64, text)).toEqual(outcome(fromBase64Portable, text));
      }),
      { numRuns: 2000 },
    );
    expect(fromBase64(toBase64(new Uint8Array(5000).fill(7))).buffer.byteLength).toBe(5000);
  });
});

describe('hex and base32', () => {
  it('round-trip any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(fromHex(toHex(bytes))).toEqual(bytes);
        expect(fromBase32(toBase32(bytes))).toEqual(bytes);
      }),
    );
  });

  it('hex is lower-case and even only', () => {
    expect(() => fromHex('ABCD')).toThrow();
    expect(() => fromHex('abc')).toThrow();
  });

  it('base32 matches the RFC 4648 test vectors (unpadded)', () => {
    const vectors: [string, string][] = [['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [text, b32] of vectors) expect(toBase32(new TextEncoder().encode(text))).toBe(b32);
    expect(() => fromBase32('MZ')).toThrow(/trailing bits/);
    expect(() => fromBase32('M1')).toThrow(/invalid base32 character '1'/);
  });
});

describe('fingerprint', () => {
  it('is the first 10 bytes of SHA-256 of the key, base32, four groups of four', () => {
    const key = new Uint8Array(32).fill(7);
    const digest = createHash('sha256').update(key).digest().subarray(0, 10);
    expect(fingerprint(key)).toBe(toBase32(digest).replace(/(.{4})(?!$)/g, '$1-'));
    expect(fingerprint(key)).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
  });
});
