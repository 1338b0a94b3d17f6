// ballots.jsonl read in chunks, never whole: whole lines are handed on in batches (their bytes, copied
// so they can be moved to a worker), a line longer than any ballot is skipped with its length, and the
// file stops being read after the most lines a bundle may have. Memory: one buffer of a chunk and one
// part line, read into again and again: the part line is moved to its start, and the next chunk read
// after it, so no chunk is copied whole.
import { open } from 'node:fs/promises';

export interface LineLimits {
  /** Longer lines are refused unread: a ballot line is well under 4 KiB. */
  readonly maxLineBytes: number;
  /** More lines than any section casts; reading stops there. */
  readonly maxLines: number;
  readonly chunkBytes: number;
  /** Lines a batch holds (a worker's unit of work). */
  readonly batchLines: number;
}

export const LINE_LIMITS: LineLimits = { maxLineBytes: 64 * 1024, maxLines: 500_000, chunkBytes: 1 << 20, batchLines: 64 };

export type Piece =
  /** Lines `first` … `first + count - 1` (1-based), each ending in a newline except maybe the file's last. */
  | { readonly kind: 'batch'; readonly first: number; readonly count: number; readonly bytes: Uint8Array }
  | { readonly kind: 'long'; readonly line: number; readonly length: number }
  | { readonly kind: 'end'; readonly lines: number; readonly unterminated: boolean; readonly tooMany: boolean };

const NEWLINE = 0x0a;

export async function* readLines(path: string, limits: LineLimits = LINE_LIMITS): AsyncGenerator<Piece> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(limits.chunkBytes + limits.maxLineBytes);
    let kept = 0; // bytes at the buffer's start: the start of a line that goes on in the next chunk
    let skipping = -1; // when >= 0, the length so far of a too-long line being skipped
    let lines = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, kept, limits.chunkBytes, null);
      if (bytesRead === 0) break;
      const data = buffer.subarray(0, kept + bytesRead);
      let start = 0;
      let batchStart = 0;
      let batchCount = 0;
      const flush = function* (): Generator<Piece> {
        if (batchCount > 0) yield { kind: 'batch', first: lines - batchCount + 1, count: batchCount, bytes: new Uint8Array(data.subarray(batchStart, start)) };
        batchCount = 0;
      };
      for (let nl = data.indexOf(NEWLINE, start); nl >= 0; nl = data.indexOf(NEWLINE, start)) {
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
    else if (kept > 0) yield { kind: 'batch', first: ++lines, count: 1, bytes: new Uint8Array(buffer.subarray(0, kept)) };
    yield { kind: 'end', lines, unterminated, tooMany: false };
  } finally {
    await handle.close();
  }
}
