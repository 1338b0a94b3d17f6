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
  parentPort!.postMessage(checkBatch(nodeCrypto, context, batch.bytes));
});
