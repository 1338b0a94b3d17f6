// Checks ballots.jsonl on all cores: the file is opened once and cut into ranges of bytes, and each
// worker thread of a pool reads the ranges it is given itself, from that one open file (lines.ts: a
// range holds the lines that start in it), checks their lines and answers with their results; this
// thread hands out the ranges in order, AHEAD a worker, and lays the answers end to end, so it reads
// no ballot and copies none. A file put in the place of another while it is checked is not read. With one worker, or from the
// TypeScript sources (tests), this thread reads and checks the file. Reading waits for the checking:
// memory holds the results, a few ranges and not the file.
import { closeSync, existsSync, fstatSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SeggioCrypto } from '@seggio/crypto';
import { ballotContext, checkBatch, forgetPlaintexts, tooLong, type BallotContext, type BallotContextData, type BallotResult } from './ballot.js';
import { LINE_LIMITS, readLines, type ByteRange, type LineLimits } from './lines.js';
import { ResultReader } from './wire.js';

const WORKER = new URL('./worker.js', import.meta.url);
/**
 * Ranges queued a worker (LINE_LIMITS.rangeBytes, 256 KiB: ~230 ballots, ~20 ms of work): a worker
 * has work when this thread is slow to be scheduled. Towards the file's end the ranges shrink to a
 * sixteenth, so that the workers finish within a small range of each other.
 */
const AHEAD = 3;
/**
 * A worker holds the election and one range (a chunk and its results): a small young generation keeps
 * its garbage from growing the process (100,000 ballots on two workers: ~160 MB peak), and the old
 * generation's cap stops a runaway worker, which then fails the check.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };

/** Worker threads run the compiled worker; from the TypeScript sources (tests) the main thread does the work. */
export const workersAvailable = (script: URL = WORKER): boolean => existsSync(fileURLToPath(script));

export interface BallotsOutcome {
  /** One a line, in order: results[i] is line i + 1. */
  readonly results: BallotResult[];
  /** The last line has no newline: the file may be cut short. */
  readonly unterminated: boolean;
  /** The file has more lines than `maxLines`; the rest was not read. */
  readonly tooMany: boolean;
}

/**
 * What a worker is sent: a range of the `file`-th file this checker reads, the `index`-th of it, from
 * the file descriptor `fd` (worker threads share the process's descriptors), open until every range
 * sent of it has been answered or has failed.
 */
export interface WorkerRange extends ByteRange {
  readonly file: number;
  readonly index: number;
  readonly fd: number;
  readonly limits: LineLimits;
}

/** A worker's answer: the results of the range's lines (wire.ts), or why the range could not be read. */
export type WorkerAnswer =
  | { readonly index: number; readonly results: string; readonly lines: number; readonly unterminated: boolean; readonly tooMany: boolean }
  | { readonly index: number; readonly error: string };

interface RangeOutcome extends BallotsOutcome {
  readonly lines: number;
}

interface Waiting {
  readonly file: number;
  readonly index: number;
  readonly maxLines: number;
  resolve: (r: RangeOutcome) => void;
  reject: (e: Error) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  /** The ranges sent, oldest first: a worker answers in order. */
  readonly waiting: Waiting[];
  /** Reads this worker's answers about one file, with the selections the worker has sent of it. */
  reader: { readonly file: number; readonly reader: ResultReader } | null;
  /** Why the worker stopped: what is sent to it after that would never be answered. */
  stopped: Error | null;
}

/**
 * What a worker's answer comes to, given the range it was due to answer (the oldest it was sent) and
 * the reader of its answers about that file: the range's outcome; or why not, and whether the worker
 * is out of step (an answer for no range, for another, or one that does not add up), to be stopped.
 */
export function readAnswer(waiting: Pick<Waiting, 'index' | 'maxLines'> | undefined, answer: WorkerAnswer, reader: ResultReader | undefined): { outcome: RangeOutcome } | { error: Error; outOfStep: boolean } {
  const outOfStep = (detail: string) => ({ error: new Error(`a ballot worker answered ${detail}`), outOfStep: true });
  if (!waiting || !reader) return outOfStep('a range it was not sent');
  if (typeof answer !== 'object' || answer === null) return outOfStep(`${typeof answer} for range ${waiting.index}`);
  if (answer.index !== waiting.index) return outOfStep(`range ${answer.index} when range ${waiting.index} was due`);
  if ('error' in answer) return { error: new Error(answer.error), outOfStep: false };
  let results: BallotResult[];
  try {
    results = reader.read(answer.results);
  } catch (error) {
    return { error: error as Error, outOfStep: true };
  }
  const { lines, unterminated, tooMany } = answer;
  if (results.length !== lines) return outOfStep(`${results.length} results for a range of ${lines} lines`);
  if (lines > waiting.maxLines) return outOfStep(`${lines} lines for a range, more than a file may hold (${waiting.maxLines})`);
  return { outcome: { results, lines, unterminated: unterminated === true, tooMany: tooMany === true } };
}

/** The ranges' outcomes laid end to end, cut at the most lines a file may have. */
function joined(parts: readonly RangeOutcome[], maxLines: number): BallotsOutcome {
  const results: BallotResult[] = [];
  for (const part of parts) {
    for (const result of part.results) {
      if (results.length === maxLines) return { results, unterminated: false, tooMany: true };
      results.push(result);
    }
    if (part.tooMany) return { results, unterminated: false, tooMany: true };
  }
  // The range that holds the last line says whether it is cut short (not always the last range).
  return { results, unterminated: parts.some((p) => p.unterminated), tooMany: false };
}

export class BallotChecker {
  readonly #pool: PoolWorker[] = [];
  readonly #threads: number;
  #context: BallotContext | null = null;
  /** Files checked so far: a worker forgets the plaintexts of the last file when the number changes. */
  #files = 0;

  constructor(
    readonly crypto: SeggioCrypto,
    readonly data: BallotContextData,
    workers: number,
    /** The workers' script: this package's own; a test gives one that answers wrongly. */
    readonly script: URL = WORKER,
  ) {
    this.#threads = workers > 1 && workersAvailable(script) ? workers : 1;
  }

  async checkFile(path: string, limits: LineLimits = LINE_LIMITS): Promise<BallotsOutcome> {
    const file = ++this.#files;
    if (this.#threads === 1) return this.#checkHere(path, limits);
    const fd = openSync(path, 'r');
    const parts: Promise<RangeOutcome>[] = [];
    try {
      const size = fstatSync(fd).size;
      // A worker reads a range in chunks of at most its size (and its last line past it).
      const sent = { ...limits, chunkBytes: Math.min(limits.chunkBytes, limits.rangeBytes) };
      // Ranges sent and not yet answered; the next is sent as soon as any is answered (not the oldest:
      // waiting for it would leave a worker without work while another finishes its own).
      let inFlight = 0;
      let wake: (() => void) | null = null;
      // Lines answered so far, in any order: past the most a file may have, no further range is sent
      // (the ranges sent, which come before all the others, already hold more). After a range fails,
      // none is sent: the file fails with its reason.
      let answered = 0;
      let failed = false;
      for (let start = 0, end = 0; start === 0 || start < size; start = end) {
        while (inFlight >= AHEAD * this.#threads) await new Promise<void>((resolve) => (wake = resolve));
        if (answered > limits.maxLines || failed) break;
        // Smaller towards the file's end, so that the workers finish together; the last range goes to
        // the file's end, which is where it was when the file was opened.
        const length = Math.max(Math.ceil(limits.rangeBytes / 16), Math.min(limits.rangeBytes, Math.ceil((size - start) / (4 * this.#threads))));
        end = start + length >= size ? Infinity : start + length;
        const range = { start, end, fileEnd: size };
        const part = this.#send({ file, index: parts.length, fd, limits: sent, ...range });
        parts.push(part);
        inFlight++;
        // What is kept for pacing must not reject unheard: `parts` reports the error.
        void part
          .then((p) => (answered += p.lines + (p.tooMany ? 1 : 0)), () => (failed = true))
          .then(() => {
            inFlight--;
            wake?.();
            wake = null;
          });
      }
      return joined(await Promise.all(parts), limits.maxLines);
    } finally {
      // Not before every range sent is answered or failed: a worker still reading this descriptor would
      // read whatever file is opened next under its number.
      await Promise.allSettled(parts);
      closeSync(fd);
    }
  }

  /** In this thread, letting other work (the office's requests) run between one batch and the next. */
  async #checkHere(path: string, limits: LineLimits): Promise<BallotsOutcome> {
    const context = (this.#context ??= ballotContext(this.data));
    forgetPlaintexts(context);
    const results: BallotResult[] = [];
    for (const piece of readLines(path, limits)) {
      if (piece.kind === 'end') return { results, unterminated: piece.unterminated, tooMany: piece.tooMany };
      if (piece.kind === 'long') results.push(tooLong(piece.length, limits.maxLineBytes));
      else for (const result of checkBatch(this.crypto, context, piece.bytes)) results.push(result);
      await new Promise(setImmediate);
    }
    throw new Error('the lines of the file were read without their end');
  }

  /** To the worker with the fewest ranges waiting (started on first use). */
  #send(range: WorkerRange): Promise<RangeOutcome> {
    if (this.#pool.length === 0) for (let i = 0; i < this.#threads; i++) this.#pool.push(this.#start());
    // A worker that has stopped is passed over; only when all have does what is sent fail.
    const alive = this.#pool.filter((p) => !p.stopped);
    if (alive.length === 0) return Promise.reject(this.#pool[0]!.stopped!);
    const target = alive.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
    return new Promise((resolve, reject) => {
      target.waiting.push({ file: range.file, index: range.index, maxLines: range.limits.maxLines, resolve, reject });
      target.worker.postMessage(range);
    });
  }

  #start(): PoolWorker {
    const entry: PoolWorker = { worker: new Worker(this.script, { workerData: this.data, resourceLimits: WORKER_LIMITS }), waiting: [], reader: null, stopped: null };
    const fail = (error: Error) => {
      entry.stopped ??= error;
      entry.waiting.splice(0).forEach((w) => w.reject(entry.stopped!));
    };
    // An answer out of step (readAnswer) leaves this side out of step with the worker: the worker is
    // stopped, and what it was sent fails, rather than be misread.
    const outOfStep = (error: Error, waiting?: { reject: (e: Error) => void }) => {
      fail(error);
      waiting?.reject(entry.stopped!);
      void entry.worker.terminate();
    };
    entry.worker.on('message', (answer: WorkerAnswer) => {
      const waiting = entry.waiting.shift();
      if (waiting && entry.reader?.file !== waiting.file) entry.reader = { file: waiting.file, reader: new ResultReader() };
      const read = readAnswer(waiting, answer, entry.reader?.reader);
      if ('outcome' in read) waiting!.resolve(read.outcome);
      else if (read.outOfStep) outOfStep(read.error, waiting);
      else waiting!.reject(read.error);
    });
    entry.worker.on('error', fail);
    entry.worker.on('exit', (code) => fail(new Error(`a ballot worker stopped (exit code ${code})`)));
    return entry;
  }

  async close(): Promise<void> {
    await Promise.all(this.#pool.splice(0).map((p) => p.worker.terminate()));
  }
}

/** One-shot: check the file, then stop the pool. */
export async function checkBallotFile(crypto: SeggioCrypto, data: BallotContextData, path: string, workers: number, limits?: LineLimits): Promise<BallotsOutcome> {
  const checker = new BallotChecker(crypto, data, workers);
  try {
    return await checker.checkFile(path, limits);
  } finally {
    await checker.close();
  }
}
