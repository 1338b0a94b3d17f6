// Checks ballot lines on all cores: a pool of worker threads over contiguous slices, results in line order.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SeggioCrypto } from '@seggio/crypto';
import { ballotContext, checkBallot, type BallotContext, type BallotContextData, type BallotResult } from './ballot.js';

const WORKER = new URL('./worker.js', import.meta.url);

/** Worker threads run the compiled worker; from the TypeScript sources (tests) the main thread does the work. */
export const workersAvailable = (): boolean => existsSync(fileURLToPath(WORKER));

export class BallotChecker {
  readonly #workers: Worker[];
  #context: BallotContext | null = null;

  constructor(
    readonly crypto: SeggioCrypto,
    readonly data: BallotContextData,
    workers: number,
  ) {
    this.#workers = workers > 1 && workersAvailable() ? Array.from({ length: workers }, () => new Worker(WORKER, { workerData: data })) : [];
  }

  get threads(): number {
    return Math.max(1, this.#workers.length);
  }

  async check(lines: readonly string[]): Promise<BallotResult[]> {
    if (this.#workers.length === 0 || lines.length < 32) {
      this.#context ??= ballotContext(this.data);
      return lines.map((line) => checkBallot(this.crypto, this.#context!, line));
    }
    const size = Math.ceil(lines.length / this.#workers.length);
    const parts = await Promise.all(
      this.#workers.map(
        (worker, i) =>
          new Promise<BallotResult[]>((resolve, reject) => {
            const slice = lines.slice(i * size, (i + 1) * size);
            if (slice.length === 0) return resolve([]);
            const onError = (error: Error) => reject(error);
            worker.once('error', onError);
            worker.once('message', (result: BallotResult[]) => {
              worker.off('error', onError);
              resolve(result);
            });
            worker.postMessage(slice);
          }),
      ),
    );
    return parts.flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

/** One-shot: start the pool, check, stop it. */
export async function checkBallots(crypto: SeggioCrypto, data: BallotContextData, lines: readonly string[], workers: number): Promise<BallotResult[]> {
  const checker = new BallotChecker(crypto, data, workers);
  try {
    return await checker.check(lines);
  } finally {
    await checker.close();
  }
}
