// A worker thread of `seggio verify`: checks the batches of ballot lines it is sent, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { nodeCrypto } from '@seggio/crypto/node';
import { ballotContext, checkBatch, forgetPlaintexts, type BallotContextData } from './ballot.js';
import type { WorkerBatch } from './pool.js';
import { ResultWriter } from './wire.js';

const context = ballotContext(workerData as BallotContextData);
let file = 0;
let writer = new ResultWriter();
parentPort!.on('message', (batch: WorkerBatch) => {
  if (batch.file !== file) {
    forgetPlaintexts(context);
    writer = new ResultWriter();
  }
  file = batch.file;
  parentPort!.postMessage(writer.write(checkBatch(nodeCrypto, context, batch.bytes)));
});
