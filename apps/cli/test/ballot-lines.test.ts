// ballots.jsonl read in chunks: batches of whole lines across chunk boundaries, lines too long to be a
// ballot skipped with their length, a last line without its newline, and a stop after the most lines.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLines, type LineLimits, type Piece } from '../src/verify/lines.js';

const dir = mkdtempSync(join(tmpdir(), 'seggio-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function pieces(text: string, limits: Partial<LineLimits> = {}): Promise<unknown[]> {
  const path = join(dir, `f${++n}.jsonl`);
  writeFileSync(path, text);
  const out: unknown[] = [];
  const all = { maxLineBytes: 20, maxLines: 100, chunkBytes: 8, batchLines: 3, ...limits };
  for await (const p of readLines(path, all)) out.push(p.kind === 'batch' ? { ...p, bytes: new TextDecoder().decode(p.bytes) } : (p satisfies Piece));
  return out;
}

describe('reading ballots.jsonl in chunks', () => {
  it('hands on whole lines in batches, whatever the chunk boundaries', async () => {
    const text = 'alpha\nbeta\ngamma-delta\nepsilon\nzeta\n';
    for (const chunkBytes of [1, 5, 8, 64]) {
      const got = (await pieces(text, { chunkBytes })) as Extract<Piece, { kind: 'batch' }>[];
      const batches = got.filter((p) => p.kind === 'batch');
      // Each batch starts where the last ended, holds at most batchLines lines, and they add up to the file.
      let next = 1;
      for (const b of batches) {
        expect([b.first, b.count <= 3, (b.bytes as unknown as string).split('\n').length - 1]).toEqual([next, true, b.count]);
        next += b.count;
      }
      expect(batches.map((b) => b.bytes as unknown as string).join('')).toBe(text);
      expect(got.at(-1)).toEqual({ kind: 'end', lines: 5, unterminated: false, tooMany: false });
    }
    expect(await pieces(text, { chunkBytes: 64 })).toEqual([
      { kind: 'batch', first: 1, count: 3, bytes: 'alpha\nbeta\ngamma-delta\n' },
      { kind: 'batch', first: 4, count: 2, bytes: 'epsilon\nzeta\n' },
      { kind: 'end', lines: 5, unterminated: false, tooMany: false },
    ]);
    expect(await pieces('')).toEqual([{ kind: 'end', lines: 0, unterminated: false, tooMany: false }]);
    expect(await pieces('\n\n')).toEqual([
      { kind: 'batch', first: 1, count: 2, bytes: '\n\n' },
      { kind: 'end', lines: 2, unterminated: false, tooMany: false },
    ]);
  });

  it('skips a line longer than a ballot unread, counting its length across chunks', async () => {
    expect(await pieces(`one\n${'x'.repeat(45)}\ntwo\n${'y'.repeat(21)}\n`)).toEqual([
      { kind: 'batch', first: 1, count: 1, bytes: 'one\n' },
      { kind: 'long', line: 2, length: 45 },
      { kind: 'batch', first: 3, count: 1, bytes: 'two\n' },
      { kind: 'long', line: 4, length: 21 },
      { kind: 'end', lines: 4, unterminated: false, tooMany: false },
    ]);
    expect(await pieces(`a\n${'z'.repeat(20)}\n`, { chunkBytes: 64 })).toEqual([
      { kind: 'batch', first: 1, count: 2, bytes: `a\n${'z'.repeat(20)}\n` },
      { kind: 'end', lines: 2, unterminated: false, tooMany: false },
    ]);
  });

  it('says when the last line has no newline, and still hands it on', async () => {
    expect(await pieces('one\ncut sho')).toEqual([
      { kind: 'batch', first: 1, count: 1, bytes: 'one\n' },
      { kind: 'batch', first: 2, count: 1, bytes: 'cut sho' },
      { kind: 'end', lines: 2, unterminated: true, tooMany: false },
    ]);
    expect((await pieces(`one\n${'w'.repeat(30)}`)).slice(1)).toEqual([
      { kind: 'long', line: 2, length: 30 },
      { kind: 'end', lines: 2, unterminated: true, tooMany: false },
    ]);
  });

  it('stops after the most lines a bundle may hold', async () => {
    expect(await pieces('1\n2\n3\n4\n5\n', { maxLines: 4 })).toEqual([
      { kind: 'batch', first: 1, count: 3, bytes: '1\n2\n3\n' },
      { kind: 'batch', first: 4, count: 1, bytes: '4\n' },
      { kind: 'end', lines: 4, unterminated: false, tooMany: true },
    ]);
    expect((await pieces('1\n2\n3\n4\n5', { maxLines: 4 })).at(-1)).toEqual({ kind: 'end', lines: 4, unterminated: false, tooMany: true });
    expect((await pieces('1\n2\n3\n4\n', { maxLines: 4 })).at(-1)).toEqual({ kind: 'end', lines: 4, unterminated: false, tooMany: false });
  });
});
