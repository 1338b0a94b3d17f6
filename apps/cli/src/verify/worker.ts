// A worker thread of `seggio verify`: reads the ranges of ballots.jsonl it is sent and checks their
// lines, one range after another in the order sent (reading and checking are synchronous: a message
// is done before the next is taken), answering each with its results or why it could not be read.
import { parentPort, workerData } from 'node:worker_threads';
import { nodeCrypto } from '@seggio/crypto/node';
import { ballotContext, checkBatch, forgetPlaintexts, tooLong, type BallotContextData, type BallotResult } from './ballot.js';
import { readLines } from './lines.js';
import type { WorkerAnswer, WorkerRange } from './pool.js';
import { ResultWriter } from './wire.js';

const context = ballotContext(workerData as BallotContextData);
let file = 0;
let writer = new ResultWriter();

function check(range: WorkerRange): WorkerAnswer {
  if (range.file !== file) {
    forgetPlaintexts(context);
    writer = new ResultWriter();
  }
  file = range.file;
  const results: BallotResult[] = [];
  for (const piece of readLines(range.fd, range.limits, range)) {
    if (piece.kind === 'end') return { index: range.index, results: writer.write(results), lines: piece.lines, unterminated: piece.unterminated, tooMany: piece.tooMany };
    if (piece.kind === 'long') results.push(tooLong(piece.length, range.limits.maxLineBytes));
    else for (const result of checkBatch(nodeCrypto, context, piece.bytes)) results.push(result);
  }
  throw new Error('the lines of the range were read without their end');
}

parentPort!.on('message', (range: WorkerRange) => {
  let answer: WorkerAnswer;
  try {
    answer = check(range);
  } catch (error) {
    answer = { index: range.index, error: (error as Error).message };
  }
  parentPort!.postMessage(answer);
});
