// Checks ballot lines on all cores: worker threads over contiguous slices, results in line order.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SeggioCrypto } from '@seggio/crypto';
import { ballotContext, checkBallot, type BallotContextData, type BallotResult } from './ballot.js';

const WORKER = new URL('./worker.js', import.meta.url);

/** Worker threads run the compiled worker; from the TypeScript sources (tests) the main thread does the work. */
export const workersAvailable = (): boolean => existsSync(fileURLToPath(WORKER));

export async function checkBallots(crypto: SeggioCrypto, data: BallotContextData, lines: readonly string[], workers: number): Promise<BallotResult[]> {
  if (workers <= 1 || lines.length < 32 || !workersAvailable()) {
    const context = ballotContext(data);
    return lines.map((line) => checkBallot(crypto, context, line));
  }
  const size = Math.ceil(lines.length / workers);
  const slices = Array.from({ length: workers }, (_, i) => lines.slice(i * size, (i + 1) * size)).filter((s) => s.length > 0);
  const results = await Promise.all(
    slices.map(
      (slice) =>
        new Promise<BallotResult[]>((resolve, reject) => {
          const worker = new Worker(WORKER, { workerData: data });
          worker.once('message', (result: BallotResult[]) => {
            resolve(result);
            void worker.terminate();
          });
          worker.once('error', reject);
          worker.postMessage(slice);
        }),
    ),
  );
  return results.flat();
}
