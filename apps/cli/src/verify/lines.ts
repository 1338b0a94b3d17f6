// ballots.jsonl read in chunks, never whole: whole lines are handed on in batches (their bytes, a view
// of the buffer read into: valid until the next piece is asked for), a line longer than any ballot is
// skipped with its length, and the
// file stops being read after the most lines a bundle may have. Memory: one buffer of a chunk and one
// part line, read into again and again: the part line is moved to its start, and the next chunk read
// after it, so no chunk is copied whole.
//
// A file can be read in ranges of bytes, one reader each (the workers of the pool): a range holds the
// lines that start inside it. A line starts at the file's first byte or after a newline, so a range
// whose first byte is not such a start leaves the line it is in to the range before, and its own last
// line is read past its end. Laid end to end, the ranges' lines are the file's, each once.
import { closeSync, openSync, readSync } from 'node:fs';

export interface LineLimits {
  /** Longer lines are refused unread: a ballot line is well under 4 KiB. */
  readonly maxLineBytes: number;
  /** More lines than any section casts; reading stops there. */
  readonly maxLines: number;
  readonly chunkBytes: number;
  /** Lines a batch holds (a worker's unit of work). */
  readonly batchLines: number;
  /** Bytes of the file a worker is given at a time (about 230 ballots of the longest contest). */
  readonly rangeBytes: number;
}

export const LINE_LIMITS: LineLimits = { maxLineBytes: 64 * 1024, maxLines: 500_000, chunkBytes: 1 << 20, batchLines: 64, rangeBytes: 256 * 1024 };

/** The lines starting at byte `start` or after and before `end` (Infinity: to the file's end). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
  /**
   * Where the file is taken to end, whatever it holds past it (its size when its check began): every
   * range of a file then reads the same file, even one that grows while it is checked.
   */
  readonly fileEnd?: number;
}

const WHOLE: ByteRange = { start: 0, end: Infinity };
/** Past a range's end only its last line is read: in reads of this size, not whole chunks (but to skip a long line). */
const TAIL_BYTES = 4 * 1024;

export type Piece =
  /**
   * Lines `first` … `first + count - 1` (1-based, of the range), each ending in a newline except maybe
   * the file's last; `bytes` is a view of the reading's buffer (see readLines).
   */
  | { readonly kind: 'batch'; readonly first: number; readonly count: number; readonly bytes: Uint8Array }
  | { readonly kind: 'long'; readonly line: number; readonly length: number }
  | { readonly kind: 'end'; readonly lines: number; readonly unterminated: boolean; readonly tooMany: boolean };

const NEWLINE = 0x0a;

/**
 * The buffer of the last reading done, for the next (a worker reads range after range): one buffer,
 * not one a range, for the garbage collector to count and free. A reading takes it while it reads.
 */
let spare: Buffer | null = null;
function takeBuffer(size: number): Buffer {
  const buffer = spare?.length === size ? spare : Buffer.allocUnsafe(size);
  spare = null;
  return buffer;
}

/**
 * The lines of the file at `source`, or of the file open as descriptor `source` (left open: it is the
 * caller's). A batch's bytes are valid until the next piece is asked for: read them, or copy them, first.
 */
export function* readLines(source: string | number, limits: LineLimits = LINE_LIMITS, range: ByteRange = WHOLE): Generator<Piece> {
  const fd = typeof source === 'number' ? source : openSync(source, 'r');
  const buffer = takeBuffer(limits.chunkBytes + limits.maxLineBytes);
  try {
    let kept = 0; // bytes at the buffer's start: the start of a line that goes on in the next chunk
    let skipping = -1; // when >= 0, the length so far of a too-long line being skipped
    let lines = 0;
    // After a first byte other than the file's, the byte before it says whether a line starts there:
    // what comes up to the first newline from that byte on belongs to the range before.
    let position = range.start > 0 ? range.start - 1 : 0;
    let passing = range.start > 0;
    for (;;) {
      // A range after the first reads one byte before it too (the buffer has room: nothing is kept yet).
      const chunk = limits.chunkBytes + (passing && position === range.start - 1 ? 1 : 0);
      const want = Math.min(position < range.end ? Math.min(chunk, range.end - position) : skipping >= 0 ? chunk : Math.min(chunk, TAIL_BYTES), (range.fileEnd ?? Infinity) - position);
      const bytesRead = want > 0 ? readSync(fd, buffer, kept, want, position) : 0;
      if (bytesRead === 0) break;
      const base = position - kept; // the file's offset of the buffer's first byte
      position += bytesRead;
      const data = buffer.subarray(0, kept + bytesRead);
      let start = 0;
      let batchStart = 0;
      let batchCount = 0;
      const flush = function* (): Generator<Piece> {
        if (batchCount > 0) yield { kind: 'batch', first: lines - batchCount + 1, count: batchCount, bytes: data.subarray(batchStart, start) };
        batchCount = 0;
      };
      for (let nl = data.indexOf(NEWLINE, start); nl >= 0; nl = data.indexOf(NEWLINE, start)) {
        if (passing) {
          passing = false;
          start = nl + 1;
          continue;
        }
        if (skipping < 0 && base + start >= range.end) {
          yield* flush();
          yield { kind: 'end', lines, unterminated: false, tooMany: false };
          return;
        }
        if (lines === limits.maxLines) {
          yield* flush();
          yield { kind: 'end', lines, unterminated: false, tooMany: true };
          return;
        }
        const length = nl - start + (skipping >= 0 ? skipping : 0);
        if (skipping >= 0 || length > limits.maxLineBytes) {
          yield* flush();
          lines++;
          yield { kind: 'long', line: lines, length };
          skipping = -1;
        } else {
          if (batchCount === 0) batchStart = start;
          batchCount++;
          lines++;
          if (batchCount === limits.batchLines) {
            start = nl + 1;
            yield* flush();
            continue;
          }
        }
        start = nl + 1;
      }
      yield* flush();
      if (passing) {
        // kept is 0: the whole chunk is the line before. Past the end, no line starts in the range.
        if (position < range.end) continue;
        yield { kind: 'end', lines, unterminated: false, tooMany: false };
        return;
      }
      if (skipping < 0 && base + start >= range.end) {
        yield { kind: 'end', lines, unterminated: false, tooMany: false };
        return;
      }
      const rest = data.subarray(start);
      if (skipping >= 0) skipping += rest.length;
      else if (rest.length > limits.maxLineBytes) skipping = rest.length;
      kept = skipping >= 0 ? 0 : rest.length;
      buffer.copyWithin(0, start, start + kept);
    }
    const unterminated = skipping >= 0 || kept > 0;
    if (unterminated && lines === limits.maxLines) {
      yield { kind: 'end', lines, unterminated: false, tooMany: true };
      return;
    }
    if (skipping >= 0) yield { kind: 'long', line: ++lines, length: skipping };
    else if (kept > 0) yield { kind: 'batch', first: ++lines, count: 1, bytes: buffer.subarray(0, kept) };
    yield { kind: 'end', lines, unterminated, tooMany: false };
  } finally {
    spare = buffer;
    if (fd !== source) closeSync(fd);
  }
}
