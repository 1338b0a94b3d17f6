// The link's catalogues against the code that uses them: every code is made somewhere (the link,
// the booth's service or the console's), and a code received is taken only as its catalogue gives it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BoothMessage, english, FRAME_REJECTIONS, isCode, OUT_OF_SERVICE_CODES, REFUSED_CODES } from '../src/index.js';

const root = new URL('../../../', import.meta.url).pathname;
const read = (dir: string) =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('codes.ts'))
    .map((f) => readFileSync(join(root, dir, f), 'utf8'))
    .join('\n');
const sources = ['packages/link/src', 'apps/booth/src/service', 'apps/seat-console/src/service'].map(read).join('\n');

describe("the link's catalogues", () => {
  it.each([...Object.keys(REFUSED_CODES), ...Object.keys(OUT_OF_SERVICE_CODES), ...Object.keys(FRAME_REJECTIONS)])('%s is made somewhere', (code) => {
    expect(sources).toContain(`'${code}'`);
  });

  it('takes a code only with the figures its catalogue names, and words it in English for the log', () => {
    expect(isCode(REFUSED_CODES, 'token-counter', { counter: 3, expected: 1 })).toBe(true);
    expect(isCode(REFUSED_CODES, 'token-counter', { counter: 3 })).toBe(false);
    expect(isCode(REFUSED_CODES, 'token-counter', { counter: 3, expected: 1, extra: 'x' })).toBe(false);
    expect(isCode(REFUSED_CODES, 'made-up', {})).toBe(false);
    expect(isCode(REFUSED_CODES, 'constructor', {})).toBe(false);
    expect(english(REFUSED_CODES, 'token-counter', { counter: 3, expected: 1 })).toBe("the token's counter is 3, expected 1");
  });

  it('bounds a code and its figures on the wire', () => {
    const refused = (code: unknown, params: unknown) => BoothMessage.safeParse({ type: 'refused', counter: 1, code, params }).success;
    expect(refused('token-counter', { counter: 3, expected: 1 })).toBe(true);
    expect(refused('Token Counter', {})).toBe(false);
    expect(refused('x'.repeat(41), {})).toBe(false);
    expect(refused('voting-closed', { reason: 'x'.repeat(201) })).toBe(false);
    expect(refused('voting-closed', Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${'a'.repeat(i)}`, i])))).toBe(false);
    expect(refused('voting-closed', { 'not a name': 1 })).toBe(false);
    expect(BoothMessage.safeParse({ type: 'out-of-service', reason: 'disk full' }).success).toBe(false);
  });
});
