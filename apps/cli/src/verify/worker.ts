// A worker thread of `seggio verify`: checks the ballot lines it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { nodeCrypto } from '@seggio/crypto/node';
import { ballotContext, checkBallot, type BallotContextData } from './ballot.js';

const context = ballotContext(workerData as BallotContextData);
parentPort!.on('message', (lines: string[]) => {
  parentPort!.postMessage(lines.map((line) => checkBallot(nodeCrypto, context, line)));
});
