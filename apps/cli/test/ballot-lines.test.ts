// ballots.jsonl read in chunks: batches of whole lines across chunk boundaries, lines too long to be a
// ballot skipped with their length, a last line without its newline, and a stop after the most lines;
// and in ranges of bytes, which laid end to end give the file's lines wherever they are cut.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLines, type ByteRange, type LineLimits, type Piece } from '../src/verify/lines.js';

const dir = mkdtempSync(join(tmpdir(), 'seggio-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const LIMITS = { maxLineBytes: 20, maxLines: 100, chunkBytes: 8, batchLines: 3, rangeBytes: 64 };
const written = (text: string) => {
  const path = join(dir, `f${++n}.jsonl`);
  writeFileSync(path, text);
  return path;
};
function read(path: string, limits: Partial<LineLimits> = {}, range?: ByteRange): unknown[] {
  const out: unknown[] = [];
  for (const p of readLines(path, { ...LIMITS, ...limits }, range)) out.push(p.kind === 'batch' ? { ...p, bytes: new TextDecoder().decode(p.bytes) } : (p satisfies Piece));
  return out;
}
const pieces = (text: string, limits: Partial<LineLimits> = {}) => read(written(text), limits);

/** A range's lines one by one (a line's text, or the length of one too long), and its end. */
function rangeLines(path: string, limits: Partial<LineLimits>, range: ByteRange) {
  const lines: (string | number)[] = [];
  for (const p of read(path, limits, range) as Piece[]) {
    if (p.kind === 'long') lines.push(p.length);
    if (p.kind === 'batch') lines.push(...(p.bytes as unknown as string).split(/(?<=\n)/));
    if (p.kind === 'end') return { lines, end: p };
  }
  throw new Error('no end');
}

describe('reading ballots.jsonl in chunks', () => {
  it('hands on whole lines in batches, whatever the chunk boundaries', () => {
    const text = 'alpha\nbeta\ngamma-delta\nepsilon\nzeta\n';
    for (const chunkBytes of [1, 5, 8, 64]) {
      const got = (pieces(text, { chunkBytes })) as Extract<Piece, { kind: 'batch' }>[];
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
    expect(pieces(text, { chunkBytes: 64 })).toEqual([
      { kind: 'batch', first: 1, count: 3, bytes: 'alpha\nbeta\ngamma-delta\n' },
      { kind: 'batch', first: 4, count: 2, bytes: 'epsilon\nzeta\n' },
      { kind: 'end', lines: 5, unterminated: false, tooMany: false },
    ]);
    expect(pieces('')).toEqual([{ kind: 'end', lines: 0, unterminated: false, tooMany: false }]);
    expect(pieces('\n\n')).toEqual([
      { kind: 'batch', first: 1, count: 2, bytes: '\n\n' },
      { kind: 'end', lines: 2, unterminated: false, tooMany: false },
    ]);
  });

  it('skips a line longer than a ballot unread, counting its length across chunks', () => {
    expect(pieces(`one\n${'x'.repeat(45)}\ntwo\n${'y'.repeat(21)}\n`)).toEqual([
      { kind: 'batch', first: 1, count: 1, bytes: 'one\n' },
      { kind: 'long', line: 2, length: 45 },
      { kind: 'batch', first: 3, count: 1, bytes: 'two\n' },
      { kind: 'long', line: 4, length: 21 },
      { kind: 'end', lines: 4, unterminated: false, tooMany: false },
    ]);
    expect(pieces(`a\n${'z'.repeat(20)}\n`, { chunkBytes: 64 })).toEqual([
      { kind: 'batch', first: 1, count: 2, bytes: `a\n${'z'.repeat(20)}\n` },
      { kind: 'end', lines: 2, unterminated: false, tooMany: false },
    ]);
  });

  it('says when the last line has no newline, and still hands it on', () => {
    expect(pieces('one\ncut sho')).toEqual([
      { kind: 'batch', first: 1, count: 1, bytes: 'one\n' },
      { kind: 'batch', first: 2, count: 1, bytes: 'cut sho' },
      { kind: 'end', lines: 2, unterminated: true, tooMany: false },
    ]);
    expect((pieces(`one\n${'w'.repeat(30)}`)).slice(1)).toEqual([
      { kind: 'long', line: 2, length: 30 },
      { kind: 'end', lines: 2, unterminated: true, tooMany: false },
    ]);
  });

  it('stops after the most lines a bundle may hold', () => {
    expect(pieces('1\n2\n3\n4\n5\n', { maxLines: 4 })).toEqual([
      { kind: 'batch', first: 1, count: 3, bytes: '1\n2\n3\n' },
      { kind: 'batch', first: 4, count: 1, bytes: '4\n' },
      { kind: 'end', lines: 4, unterminated: false, tooMany: true },
    ]);
    expect((pieces('1\n2\n3\n4\n5', { maxLines: 4 })).at(-1)).toEqual({ kind: 'end', lines: 4, unterminated: false, tooMany: true });
    expect((pieces('1\n2\n3\n4\n', { maxLines: 4 })).at(-1)).toEqual({ kind: 'end', lines: 4, unterminated: false, tooMany: false });
  });
});

describe('reading ballots.jsonl in ranges of bytes', () => {
  // Lines of every kind: short, empty, too long (longer than a chunk too), and a last one cut short.
  const text = `one\n\ntwo-three\n${'x'.repeat(45)}\nfour\n${'y'.repeat(21)}\n\nfive-six-seven\neight\n${'z'.repeat(25)}`;
  const path = written(text);

  it('gives the file\'s lines once each, in order, wherever the file is cut in two or three', () => {
    for (const limits of [{}, { chunkBytes: 1 }, { chunkBytes: 64, batchLines: 1 }]) {
      const whole = rangeLines(path, limits, { start: 0, end: Infinity });
      expect(whole.end).toEqual({ kind: 'end', lines: 10, unterminated: true, tooMany: false });
      expect(whole.lines.slice(0, 4)).toEqual(['one\n', '\n', 'two-three\n', 45]);
      for (let cut = 0; cut <= text.length + 1; cut++) {
        for (const second of [cut, cut + 1, cut + 7, cut + 30]) {
          const ranges = [{ start: 0, end: cut }, { start: cut, end: second }, { start: second, end: Infinity }];
          const parts = ranges.map((r) => rangeLines(path, limits, r));
          const [lines, count] = [parts.flatMap((p) => p.lines), parts.reduce((sum, p) => sum + p.end.lines, 0)];
          // The range that holds the last line says it is cut short, and only that one.
          const unterminated = parts.filter((p) => p.end.unterminated).length;
          expect([cut, second, lines, count, unterminated]).toEqual([cut, second, whole.lines, 10, 1]);
        }
      }
    }
  });

  it('reads nothing at or past where the file is taken to end, in any range: as the file cut there', () => {
    for (const fileEnd of [0, 1, 4, 5, 30, 60, text.length - 1]) {
      const cut = written(text.slice(0, fileEnd));
      const whole = rangeLines(cut, {}, { start: 0, end: Infinity });
      for (const at of [0, 3, 4, 17, 40, 61]) {
        const parts = [{ start: 0, end: at }, { start: at, end: Infinity }].map((r) => rangeLines(path, {}, { ...r, fileEnd }));
        expect([fileEnd, at, parts.flatMap((p) => p.lines), parts.some((p) => p.end.unterminated)]).toEqual([fileEnd, at, whole.lines, whole.end.unterminated]);
      }
    }
  });

  it('reads of a line the range before started no more than the range, however long the line', () => {
    const long = written(`a\n${'q'.repeat(5000)}\nb\n`);
    // In the middle of the long line: no line starts in the range, and it is not read to the line's end.
    expect(read(long, { chunkBytes: 16 }, { start: 100, end: 200 })).toEqual([{ kind: 'end', lines: 0, unterminated: false, tooMany: false }]);
    expect(read(long, { chunkBytes: 16 }, { start: 1, end: 3 })).toEqual([
      { kind: 'long', line: 1, length: 5000 },
      { kind: 'end', lines: 1, unterminated: false, tooMany: false },
    ]);
    expect(read(long, { chunkBytes: 16 }, { start: 3, end: Infinity })).toEqual([
      { kind: 'batch', first: 1, count: 1, bytes: 'b\n' },
      { kind: 'end', lines: 1, unterminated: false, tooMany: false },
    ]);
  });

  it('stops at the range\'s end in a line that does not end (a device of endless zeros)', () => {
    expect(read('/dev/zero', { chunkBytes: 64 }, { start: 100, end: 1000 })).toEqual([{ kind: 'end', lines: 0, unterminated: false, tooMany: false }]);
  });

  it('stops a range after the most lines, as a whole file', () => {
    const digits = written('1\n2\n3\n4\n5\n6\n');
    expect((read(digits, { maxLines: 2 }, { start: 2, end: 9 })).at(-1)).toEqual({ kind: 'end', lines: 2, unterminated: false, tooMany: true });
    expect((read(digits, { maxLines: 2 }, { start: 2, end: 6 })).at(-1)).toEqual({ kind: 'end', lines: 2, unterminated: false, tooMany: false });
  });
});
