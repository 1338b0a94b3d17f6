// Byte encodings. Decoders are strict: a verifier must not accept two spellings of the same bytes.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** RFC 4648 base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return out;
}

/**
 * Node's Buffer where the code runs in Node (services, the verifier), found rather than imported, so
 * that this code still runs anywhere: the pages decode with the plain code below.
 */
interface Base64View {
  write(text: string, encoding: 'base64'): number;
  toString(encoding: 'base64'): string;
}
const NodeBuffer = (globalThis as { Buffer?: { from(buffer: ArrayBuffer, offset: number, length: number): Base64View } }).Buffer;

export class EncodingError extends Error {
  override name = 'EncodingError';
}

/**
 * RFC 4648 base64 with padding, canonical only: no whitespace, no missing or extra padding, and the
 * unused bits of the last group must be zero (RFC 4648 §3.5), so each byte string has one spelling.
 */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new EncodingError('base64 length is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  if (NodeBuffer) {
    // Node's own decoder, ten times quicker, is lenient (it skips what is not base64, takes the URL-safe
    // letters, ignores unused bits): its bytes count only if they are written back as exactly this
    // text. Anything else goes to the strict decoder below, which says why.
    const view = NodeBuffer.from(out.buffer, 0, out.length);
    if (view.write(text, 'base64') === out.length && view.toString('base64') === text) return out;
  }
  return fromBase64Portable(text);
}

/** fromBase64 as the pages run it, in plain code: the one that says why a text is refused. */
export function fromBase64Portable(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new EncodingError('base64 length is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  const digit = (pos: number): number => {
    const c = text.charCodeAt(pos);
    const v = c < 128 ? B64_INDEX[c]! : -1;
    if (v < 0) throw new EncodingError(`invalid base64 character at position ${pos}`);
    return v;
  };
  let o = 0;
  const full = text.length - (pad ? 4 : 0);
  for (let i = 0; i < full; i += 4) {
    const n = (digit(i) << 18) | (digit(i + 1) << 12) | (digit(i + 2) << 6) | digit(i + 3);
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  if (pad === 2) {
    const a = digit(full);
    const b = digit(full + 1);
    if (b & 15) throw new EncodingError('non-canonical base64: unused bits are not zero');
    out[o] = (a << 2) | (b >> 4);
  } else if (pad === 1) {
    const a = digit(full);
    const b = digit(full + 1);
    const c = digit(full + 2);
    if (c & 3) throw new EncodingError('non-canonical base64: unused bits are not zero');
    out[o++] = (a << 2) | (b >> 4);
    out[o] = ((b & 15) << 4) | (c >> 2);
  }
  return out;
}

/** Decodes base64 and checks the length, naming what was expected. */
export function fromBase64Length(text: string, length: number, what: string): Uint8Array {
  const bytes = fromBase64(text);
  if (bytes.length !== length) {
    throw new EncodingError(`${what} must be ${length} bytes, got ${bytes.length}`);
  }
  return bytes;
}

const HEX = '0123456789abcdef';

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b >> 4]! + HEX[b & 15]!;
  return out;
}

/** Lower-case hex only, even length. */
export function fromHex(text: string): Uint8Array {
  if (text.length % 2 !== 0 || !/^[0-9a-f]*$/.test(text)) {
    throw new EncodingError('hex must be an even number of lower-case hex digits');
  }
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The RFC 4648 base32 alphabet: the letters and digits a share or a fingerprint is written in. */
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B32 = BASE32;

/** RFC 4648 base32 without padding (for fingerprints and shares that people read). */
export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(acc >> (bits - 5)) & 31]!;
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += B32[(acc << (5 - bits)) & 31]!;
  return out;
}

/** Base32 without padding; case-insensitive; the unused trailing bits must be zero. */
export function fromBase32(text: string): Uint8Array {
  const upper = text.toUpperCase();
  const out = new Uint8Array(Math.floor((upper.length * 5) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < upper.length; i++) {
    const v = B32.indexOf(upper[i]!);
    if (v < 0) throw new EncodingError(`invalid base32 character '${upper[i]!}' at position ${i}`);
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out[o++] = (acc >> (bits - 8)) & 255;
      bits -= 8;
    }
  }
  if (bits >= 5 || (acc & ((1 << bits) - 1)) !== 0) {
    throw new EncodingError('non-canonical base32: trailing bits');
  }
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Decodes UTF-8, throwing on invalid sequences rather than substituting U+FFFD. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Constant-time equality for equal lengths. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
