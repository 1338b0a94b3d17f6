// A worker thread of `seggio verify`: checks the batches of ballot lines it is sent, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { nodeCrypto } from '@seggio/crypto/node';
import { ballotContext, checkBatch, forgetPlaintexts, type BallotContextData } from './ballot.js';
import type { WorkerBatch } from './pool.js';

const context = ballotContext(workerData as BallotContextData);
let file = 0;
parentPort!.on('message', (batch: WorkerBatch) => {
  if (batch.file !== file) forgetPlaintexts(context);
  file = batch.file;
  // As JSON text: a string crosses between threads as one copy, and JSON is quicker to write and read
  // back than the structured clone of the results' objects (~1.2 µs a ballot against ~2.5).
  parentPort!.postMessage(JSON.stringify(checkBatch(nodeCrypto, context, batch.bytes)));
});
