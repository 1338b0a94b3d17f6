// A worker thread of `seggio verify`: checks the batches of ballot lines it is sent, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { nodeCrypto } from '@seggio/crypto/node';
import { ballotContext, checkBatch, type BallotContextData } from './ballot.js';

const context = ballotContext(workerData as BallotContextData);
parentPort!.on('message', (bytes: Uint8Array) => {
  parentPort!.postMessage(checkBatch(nodeCrypto, context, bytes));
});
