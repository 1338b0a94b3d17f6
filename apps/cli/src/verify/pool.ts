// Checks ballots.jsonl on all cores while it is read: batches of lines go to a pool of worker threads,
// each kept AHEAD batches ahead so none waits, and results come back in line order. With one worker, or
// from the TypeScript sources (tests), this thread checks them. At most AHEAD batches a worker are in
// flight: reading waits for the checking, so memory holds the results and not the file.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SeggioCrypto } from '@seggio/crypto';
import { ballotContext, checkBatch, forgetPlaintexts, tooLong, type BallotContext, type BallotContextData, type BallotResult } from './ballot.js';
import { LINE_LIMITS, readLines, type LineLimits } from './lines.js';
import { ResultReader } from './wire.js';

const WORKER = new URL('./worker.js', import.meta.url);
/**
 * Small batches (LINE_LIMITS.batchLines, 64 lines: ~6 ms of work) many deep: a worker has ~40 ms of
 * work queued when this thread is slow to be scheduled, and at the file's end the workers finish
 * within one small batch of each other.
 */
const AHEAD = 6;
/**
 * A worker holds the election and one batch (at most a chunk, ~1 MiB): a small young generation keeps
 * its garbage from growing the process (100,000 ballots on two workers: ~205 MB peak instead of ~260),
 * and the old generation's cap stops a runaway worker, which then fails the check.
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

/** What a worker is sent: lines of the `file`-th file this checker reads. */
export interface WorkerBatch {
  readonly file: number;
  readonly bytes: Uint8Array;
}

interface PoolWorker {
  readonly worker: Worker;
  /** Resolvers of the batches sent, oldest first: a worker answers in order. */
  readonly waiting: { readonly file: number; readonly lines: number; resolve: (r: BallotResult[]) => void; reject: (e: Error) => void }[];
  /** Reads this worker's answers about one file, with the selections the worker has sent of it. */
  reader: { readonly file: number; readonly reader: ResultReader } | null;
  /** Why the worker stopped: what is sent to it after that would never be answered. */
  stopped: Error | null;
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
    if (this.#context) forgetPlaintexts(this.#context);
    const parts: Promise<BallotResult[]>[] = [];
    const inFlight: Promise<unknown>[] = [];
    let end = { unterminated: false, tooMany: false };
    for await (const piece of readLines(path, limits)) {
      if (piece.kind === 'end') end = piece;
      else if (piece.kind === 'long') parts.push(Promise.resolve([tooLong(piece.length, limits.maxLineBytes)]));
      else if (this.#threads === 1) parts.push(Promise.resolve(checkBatch(this.crypto, (this.#context ??= ballotContext(this.data)), piece.bytes)));
      else {
        while (inFlight.length >= AHEAD * this.#threads) await inFlight.shift();
        const part = this.#send(file, piece.bytes, piece.count);
        parts.push(part);
        // The promise kept for pacing must not reject unheard: `parts` reports the error.
        inFlight.push(part.catch(() => undefined));
      }
    }
    const results = (await Promise.all(parts)).flat();
    return { results, unterminated: end.unterminated, tooMany: end.tooMany };
  }

  /** To the worker with the fewest batches waiting (started on first use). */
  #send(file: number, bytes: Uint8Array, lines: number): Promise<BallotResult[]> {
    if (this.#pool.length === 0) for (let i = 0; i < this.#threads; i++) this.#pool.push(this.#start());
    const target = this.#pool.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
    return new Promise((resolve, reject) => {
      if (target.stopped) return reject(target.stopped);
      target.waiting.push({ file, lines, resolve, reject });
      target.worker.postMessage({ file, bytes } satisfies WorkerBatch, [bytes.buffer as ArrayBuffer]);
    });
  }

  #start(): PoolWorker {
    const entry: PoolWorker = { worker: new Worker(this.script, { workerData: this.data, resourceLimits: WORKER_LIMITS }), waiting: [], reader: null, stopped: null };
    const fail = (error: Error) => {
      entry.stopped ??= error;
      entry.waiting.splice(0).forEach((w) => w.reject(entry.stopped!));
    };
    // An answer that cannot be read, one for no batch sent or one of another number of lines leaves
    // this side out of step with the worker: the worker is stopped, and what it was sent fails, rather
    // than be misread.
    const outOfStep = (error: Error, waiting?: { reject: (e: Error) => void }) => {
      fail(error);
      waiting?.reject(entry.stopped!);
      void entry.worker.terminate();
    };
    entry.worker.on('message', (results: string) => {
      const waiting = entry.waiting.shift();
      if (!waiting) return outOfStep(new Error('a ballot worker answered a batch it was not sent'));
      if (entry.reader?.file !== waiting.file) entry.reader = { file: waiting.file, reader: new ResultReader() };
      let read: BallotResult[];
      try {
        read = entry.reader.reader.read(results);
      } catch (error) {
        return outOfStep(error as Error, waiting);
      }
      if (read.length !== waiting.lines) return outOfStep(new Error(`a ballot worker answered ${read.length} results for a batch of ${waiting.lines} lines`), waiting);
      waiting.resolve(read);
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
