// The ballots of a file checked on worker threads give, line for line, what this thread gives; a line
// that fails is named at its own line number wherever the batches fall. Workers run the compiled
// pool (dist/; npm test builds first) in a plain Node process, as `seggio verify` does: under Vitest a
// worker would inherit its "source" condition and load TypeScript.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ballotSignatureMessage, canonicalJson, encodeBallotPlaintext, generateDay, parseElection, plaintextLength, seededRandom, type Election } from '@seggio/ballot-core';
import { toBase64, toHex } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import type { LineLimits } from '../src/verify/lines.js';
import { checkBallotFile as inThread, readAnswer, type BallotsOutcome } from '../src/verify/pool.js';
import { ResultReader } from '../src/verify/wire.js';
import { ballotContext, checkBallot, checkLines, type BallotContextData } from '../src/verify/ballot.js';

const POOL = new URL('../dist/src/verify/pool.js', import.meta.url).href;
const DRIVER = `
import { readFileSync } from 'node:fs';
const { BallotChecker } = await import(process.argv[2]);
const { data, paths, workers, limits, script, eachFile } = JSON.parse(readFileSync(0, 'utf8'));
const context = { ...data, electionBytes: new Uint8Array(Buffer.from(data.electionBytes, 'base64')) };
// No crypto here: with workers this thread only reads and dispatches. One checker, file after file.
const checker = new BallotChecker(null, context, workers, script ? new URL(script) : undefined);
try {
  const outcomes = [];
  // eachFile: a file that fails is one outcome, { error }, and the next is checked.
  for (const path of paths) outcomes.push(eachFile ? await checker.checkFile(path, limits).catch((error) => ({ error: error.message })) : await checker.checkFile(path, limits));
  process.stdout.write(JSON.stringify(outcomes));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: error.message }));
} finally {
  await checker.close();
}`;

/** The files checked one after another by one checker of the compiled pool, on worker threads, in a child process. */
function onWorkers(data: BallotContextData, paths: string[], workers: number, limits: LineLimits, script?: string, eachFile = false): BallotsOutcome[] | { error: string } {
  const input = JSON.stringify({ data: { ...data, electionBytes: toBase64(data.electionBytes) }, paths, workers, limits, script, eachFile });
  const driver = join(dir, 'driver.mjs');
  writeFileSync(driver, DRIVER);
  const run = spawnSync(process.execPath, [driver, POOL], { input, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 20_000 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as BallotsOutcome[] | { error: string };
}

const dir = mkdtempSync(join(tmpdir(), 'seggio-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const electionBytes = new Uint8Array(readFileSync(new URL('../../../fixtures/rivafonda-2020.election.json', import.meta.url)));
const election = (parseElection(electionBytes) as { ok: true; value: Election }).value;
const digest = nodeCrypto.sha256Hex(electionBytes);
const urna = nodeCrypto.generateBoxKeyPair();
const booth = nodeCrypto.generateSigningKeyPair();
const contest = election.contests.find((c) => c.type === 'municipal')!;
const lines = generateDay(election, '7', 700, seededRandom(3))
  .voters.filter((v) => contest.id in v.selections)
  .map((v) => {
    const ct = nodeCrypto.seal(encodeBallotPlaintext(digest, contest, v.selections[contest.id]!), urna.publicKey);
    const sig = nodeCrypto.sign(ballotSignatureMessage(digest, '7', contest.id, ct), booth);
    return JSON.stringify({ h: toHex(nodeCrypto.sha256(ct)), contest: contest.id, booth: 'B1', ct: toBase64(ct), sig: toBase64(sig) });
  });
const data = { electionBytes, digest, section: '7', boothKeys: { B1: toBase64(booth.publicKey) }, urna: { publicKey: toBase64(urna.publicKey), secretKey: toBase64(urna.secretKey) } };
// Ranges of a few lines each, so that lines, and the line too long, fall across their edges.
/** Sixteen passing lines with no selection, as a worker answers for them. */
const sixteen = JSON.stringify({ names: ['C', 'B'], fresh: [], rows: Array.from({ length: 16 }, () => [0, 1, -1]).flat(), hs: 'a'.repeat(64 * 16), whole: [] });
const REAL_WORKER = JSON.stringify(new URL('../dist/src/verify/worker.js', import.meta.url).href);
/** A workers' script in the test's folder: `code`, which may import the workers' own (REAL_WORKER). */
const workerScript = (name: string, code: string) => {
  const script = join(dir, `${name}.mjs`);
  writeFileSync(script, code);
  return pathToFileURL(script).href;
};
const limits = { maxLineBytes: 4096, maxLines: 10_000, chunkBytes: 10_000, batchLines: 16, rangeBytes: 3000 };

describe('checking ballots.jsonl on worker threads', () => {
  it('gives in line order what this thread gives, a failing line at its own number', async () => {
    const tampered = [...lines];
    tampered[5] = tampered[5]!.replace('"booth":"B1"', '"booth":"B9"');
    tampered[300] = 'x'.repeat(5000);
    tampered[lines.length - 1] = '{}';
    const path = join(dir, 'ballots.jsonl');
    writeFileSync(path, `${tampered.join('\n')}\n`);
    const here = await inThread(nodeCrypto, data, path, 1, limits);
    expect(onWorkers(data, [path], 3, limits)).toEqual([JSON.parse(JSON.stringify(here))]);
    expect(here.results).toHaveLength(lines.length);
    const failing = here.results.flatMap((r, i) => (r.problems.length ? [[i + 1, r.problems[0]]] : []));
    expect(failing).toEqual([
      [6, 'names booth B9, which is not in the set-up'],
      [301, 'is 5000 bytes long; a ballot line is at most 4096'],
      [lines.length, 'must have exactly the string fields booth,contest,ct,h,sig'],
    ]);
    expect(here.results.filter((r) => r.selection).length).toBe(lines.length - 3);
  });

  it('reads each file afresh on the same workers: a file after another gets its own selections', async () => {
    const [first, second] = [join(dir, 'first.jsonl'), join(dir, 'second.jsonl')];
    writeFileSync(first, `${lines.slice(0, 200).join('\n')}\n`);
    writeFileSync(second, `${[...lines].reverse().join('\n')}\n`);
    const here = [await inThread(nodeCrypto, data, first, 1, limits), await inThread(nodeCrypto, data, second, 1, limits)];
    expect(onWorkers(data, [first, second], 2, limits)).toEqual(JSON.parse(JSON.stringify(here)));
  });

  it('gives what this thread gives at the file\'s end: a last line cut short, in any range; lines past the most', async () => {
    const path = join(dir, 'cut.jsonl');
    const text = `${lines.slice(0, 40).join('\n')}\n${lines[40]!.slice(0, 300)}`;
    writeFileSync(path, text);
    const here = JSON.parse(JSON.stringify(await inThread(nodeCrypto, data, path, 1, limits))) as BallotsOutcome;
    expect([here.results.length, here.unterminated, here.results.at(-1)!.problems]).toEqual([41, true, ['not JSON']]);
    // The last range starts 20 bytes before the end: the line cut short is held by the range before.
    const outcomes = [onWorkers(data, [path], 2, limits), onWorkers(data, [path], 2, { ...limits, rangeBytes: text.length - 20 })];
    expect(outcomes).toEqual([[here], [here]]);
    const most = { ...limits, maxLines: 25 };
    const cut = JSON.parse(JSON.stringify(await inThread(nodeCrypto, data, path, 1, most))) as BallotsOutcome;
    expect([cut.results.length, cut.tooMany, cut.unterminated]).toEqual([25, true, false]);
    expect(onWorkers(data, [path], 2, most)).toEqual([cut]);
  });

  it('fails the file, and reads nothing, when a worker answers out of step or what does not add up', () => {
    const path = join(dir, 'ballots-3.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const answering = (answer: string, most = limits) =>
      onWorkers(data, [path], 2, most, workerScript(`worker-${answer.length}`, `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (range) => { ${answer} });\n`));
    const answer = (results: string, lines: number, index = 'range.index') => `parentPort.postMessage({ index: ${index}, results: ${JSON.stringify(results)}, lines: ${lines}, unterminated: false, tooMany: false });`;
    expect(answering(answer(sixteen, 17))).toEqual({ error: 'a ballot worker answered 16 results for a range of 17 lines' });
    // Which of the two workers is heard first varies: the range named is always the one after the range due.
    const other = answering(answer(sixteen, 16, 'range.index + 1')) as { error: string };
    const [, named, due] = /^a ballot worker answered range (\d+) when range (\d+) was due$/.exec(other.error) ?? [];
    expect([Number(named) - Number(due), other.error]).toEqual([1, expect.any(String)]);
    expect(answering(answer(sixteen, 16), { ...limits, maxLines: 15 })).toEqual({ error: 'a ballot worker answered 16 lines for a range, more than a file may hold (15)' });
    const short = JSON.stringify({ names: ['C', 'B'], fresh: [], rows: [0, 1, 0], hs: 'a'.repeat(64), whole: [] });
    expect(answering(answer(short, 1))).toEqual({ error: expect.stringMatching(/^a ballot worker's answer does not add up: row 0 names selection 0, of 0$/) as unknown });
  });

  it('reads a worker\'s answer only when it is for the range due, and adds up', () => {
    const due = { index: 4, maxLines: 10 };
    const two = JSON.stringify({ names: ['C', 'B'], fresh: [], rows: [0, 1, -1, 0, 1, -1], hs: 'a'.repeat(128), whole: [] });
    const answer = { index: 4, results: two, lines: 2, unterminated: false, tooMany: false };
    const error = (read: ReturnType<typeof readAnswer>) => ('error' in read ? [read.error.message, read.outOfStep] : read);
    expect(readAnswer(due, answer, new ResultReader())).toEqual({ outcome: { results: [{ h: 'a'.repeat(64), contest: 'C', booth: 'B', problems: [] }, { h: 'a'.repeat(64), contest: 'C', booth: 'B', problems: [] }], lines: 2, unterminated: false, tooMany: false } });
    expect(error(readAnswer(undefined, answer, new ResultReader()))).toEqual(['a ballot worker answered a range it was not sent', true]);
    expect(error(readAnswer(due, { ...answer, index: 5 }, new ResultReader()))).toEqual(['a ballot worker answered range 5 when range 4 was due', true]);
    expect(error(readAnswer(due, null as never, new ResultReader()))).toEqual(['a ballot worker answered object for range 4', true]);
    expect(error(readAnswer(due, { ...answer, lines: 3 }, new ResultReader()))).toEqual(['a ballot worker answered 2 results for a range of 3 lines', true]);
    expect(error(readAnswer({ index: 4, maxLines: 1 }, answer, new ResultReader()))).toEqual(['a ballot worker answered 2 lines for a range, more than a file may hold (1)', true]);
    expect(error(readAnswer(due, { ...answer, results: '[]' }, new ResultReader()))).toEqual([expect.stringMatching(/^a ballot worker's answer does not add up/), true]);
    // A range the worker could not read fails with the worker's reason; the worker is in step.
    expect(error(readAnswer(due, { index: 4, error: 'EIO: i/o error, read' }, new ResultReader()))).toEqual(['EIO: i/o error, read', false]);
  });

  it('reads the file it was given when another is put in its place while it is checked', async () => {
    const path = join(dir, 'swapped.jsonl');
    const other = join(dir, 'other.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    writeFileSync(other, `${[...lines].reverse().join('\n')}\n`);
    const here = JSON.parse(JSON.stringify(await inThread(nodeCrypto, data, path, 1, limits))) as BallotsOutcome;
    // The workers' own script; once it has checked its first range, the other file takes the name.
    const script = workerScript('worker-swapping', `import { renameSync } from 'node:fs';\nimport { parentPort } from 'node:worker_threads';\nimport ${REAL_WORKER};\nlet first = true;\nparentPort.on('message', () => { if (first) try { renameSync(${JSON.stringify(other)}, ${JSON.stringify(path)}); } catch {} first = false; });\n`);
    expect(onWorkers(data, [path], 2, limits, script)).toEqual([here]);
    expect(readFileSync(path, 'utf8').startsWith(lines.at(-1)!)).toBe(true);
  });

  it('reads the file as it was when it was opened, though it grows while it is checked', async () => {
    const path = join(dir, 'growing.jsonl');
    writeFileSync(path, `${lines.slice(0, 300).join('\n')}\n${lines[300]!.slice(0, 100)}`);
    const here = JSON.parse(JSON.stringify(await inThread(nodeCrypto, data, path, 1, limits))) as BallotsOutcome;
    expect([here.results.length, here.unterminated]).toEqual([301, true]);
    // Once a worker has checked its first range, the rest of the cut line and more lines are written.
    const more = `${lines[300]!.slice(100)}\n${lines.slice(301, 320).join('\n')}\n`;
    // The first of the two workers to get there writes it (the marker file can be made once).
    const marker = join(dir, 'grown');
    const script = workerScript('worker-growing', `import { appendFileSync, writeFileSync } from 'node:fs';\nimport { parentPort } from 'node:worker_threads';\nimport ${REAL_WORKER};\nlet first = true;\nparentPort.on('message', () => { if (first) try { writeFileSync(${JSON.stringify(marker)}, '', { flag: 'wx' }); appendFileSync(${JSON.stringify(path)}, ${JSON.stringify(more)}); } catch {} first = false; });\n`);
    expect(onWorkers(data, [path], 2, limits, script)).toEqual([here]);
    expect(readFileSync(path, 'utf8').split('\n').length).toBe(321);
  });

  it('passes over a worker that has stopped: the next file is checked on the others', async () => {
    const path = join(dir, 'ballots-5.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const here = JSON.parse(JSON.stringify(await inThread(nodeCrypto, data, path, 1, limits))) as BallotsOutcome;
    // The first worker fails on the first range it is sent; the others are the workers' own script.
    const script = workerScript('worker-first-fails', `import { parentPort, threadId } from 'node:worker_threads';\nif (threadId === 1) parentPort.on('message', () => { throw new Error('the first worker fails'); });\nelse await import(${REAL_WORKER});\n`);
    expect(onWorkers(data, [path, path], 3, limits, script, true)).toEqual([{ error: 'the first worker fails' }, here]);
  });

  it('sends no more ranges once the answers hold more lines than a file may, or one has failed', () => {
    const path = join(dir, 'ballots-4.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const sent = join(dir, 'sent.txt');
    const counting = (answer: string, most: LineLimits) => {
      writeFileSync(sent, '');
      const script = workerScript(`worker-counting-${answer.length}`, `import { appendFileSync } from 'node:fs';\nimport { parentPort } from 'node:worker_threads';\nparentPort.on('message', (range) => { appendFileSync(${JSON.stringify(sent)}, 'x'); ${answer} });\n`);
      return [onWorkers(data, [path], 2, most, script), readFileSync(sent, 'utf8').length];
    };
    const ranges = Math.ceil(readFileSync(path).length / limits.rangeBytes);
    expect(ranges).toBeGreaterThan(100);
    const [outcome, read] = counting(`parentPort.postMessage({ index: range.index, results: ${JSON.stringify(sixteen)}, lines: 16, unterminated: false, tooMany: false });`, { ...limits, maxLines: 40 });
    expect([(outcome as BallotsOutcome[])[0]!.results.length, (outcome as BallotsOutcome[])[0]!.tooMany]).toEqual([40, true]);
    // Three answers hold more than 40 lines; the ranges sent meanwhile (six at a time) are the rest.
    expect(read).toBeLessThan(20);
    const [failed, tried] = counting(`parentPort.postMessage({ index: range.index, error: 'the drive is gone' });`, limits);
    expect(failed).toEqual({ error: 'the drive is gone' });
    expect(tried).toBeLessThan(20);
  });

  it('says why a worker could not read its range', () => {
    expect(onWorkers(data, [dir], 2, limits)).toEqual({ error: expect.stringMatching(/^EISDIR: illegal operation on a directory/) as unknown });
  });

  it('says why when a worker cannot check', () => {
    const path = join(dir, 'ballots-2.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const broken = { ...data, electionBytes: new Uint8Array([1, 2, 3]) };
    expect(onWorkers(broken, [path], 2, limits)).toEqual({ error: expect.stringMatching(/the election does not parse/) as unknown });
  });

  it('refuses every spelling of a ballot\'s bytes but the canonical base64, as the strict decoder does', () => {
    const ctx = ballotContext(data);
    const line = JSON.parse(lines[0]!) as Record<string, string>;
    const respelled = (field: string, change: (text: string) => string) => checkBallot(nodeCrypto, ctx, JSON.stringify({ ...line, [field]: change(line[field]!) })).problems;
    expect(checkBallot(nodeCrypto, ctx, lines[0]!).problems).toEqual([]);
    // Only a padded text has unused bits (a ballot's ct may have none: it is then left as it is).
    const lastBitsSet = (text: string) => {
      if (!text.endsWith('=')) return text;
      const body = text.replace(/=+$/, '');
      const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.indexOf(body.at(-1)!);
      return `${body.slice(0, -1)}${'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[last | 1]}${text.slice(body.length)}`;
    };
    for (const [what, change] of [
      ['padding dropped', (t: string) => t.replace(/=+$/, '')],
      ['a space inside', (t: string) => `${t.slice(0, 8)} ${t.slice(8)}`],
      ['URL-safe letters', (t: string) => t.replaceAll('+', '-').replaceAll('/', '_')],
      ['unused bits set', lastBitsSet],
    ] as const) {
      for (const field of ['sig', 'ct']) {
        const changed = change(line[field]!);
        if (changed === line[field]) continue;
        expect([what, field, respelled(field, change)[0]]).toEqual([what, field, expect.stringMatching(/^not canonical base64 \(/)]);
      }
    }
  });
});

describe('a batch checked in stages', () => {
  it('gives each line what it gives alone, whatever fails on the lines around it', () => {
    const line = (i: number) => JSON.parse(lines[i]!) as Record<string, string>;
    const flip = (text: string) => `${text[0] === 'A' ? 'B' : 'A'}${text.slice(1)}`;
    const otherUrna = nodeCrypto.generateBoxKeyPair();
    const ct = nodeCrypto.seal(encodeBallotPlaintext(digest, contest, { blank: true }), otherUrna.publicKey);
    const sealedElsewhere = JSON.stringify({ h: toHex(nodeCrypto.sha256(ct)), contest: contest.id, booth: 'B1', ct: toBase64(ct), sig: toBase64(nodeCrypto.sign(ballotSignatureMessage(digest, '7', contest.id, ct), booth)) });
    const batch = [
      lines[0]!,
      JSON.stringify({ ...line(1), sig: toBase64(nodeCrypto.sign(new Uint8Array([1]), booth)) }),
      lines[2]!,
      JSON.stringify({ ...line(3), h: flip(line(3).h!) }),
      sealedElsewhere,
      'not json',
      lines[4]!,
      JSON.stringify({ ...line(5), booth: 'B7' }),
      lines[6]!,
    ];
    const alone = batch.map((text) => checkBallot(nodeCrypto, ballotContext(data), text));
    expect(checkLines(nodeCrypto, ballotContext(data), batch)).toEqual(alone);
    expect(alone.map((r) => r.problems[0] ?? r.selection !== undefined)).toEqual([
      true,
      "the booth's signature does not hold (bad-signature)",
      true,
      'h is not the SHA-256 of ct',
      'does not open with the urna key',
      'not JSON',
      true,
      'names booth B7, which is not in the set-up',
      true,
    ]);
  });
});

describe('plaintexts already read', () => {
  /** A line of `plaintext` sealed and signed as a booth does. */
  const lineOf = (plaintext: Uint8Array) => {
    const ct = nodeCrypto.seal(plaintext, urna.publicKey);
    const sig = nodeCrypto.sign(ballotSignatureMessage(digest, '7', contest.id, ct), booth);
    return JSON.stringify({ h: toHex(nodeCrypto.sha256(ct)), contest: contest.id, booth: 'B1', ct: toBase64(ct), sig: toBase64(sig) });
  };
  const padded = (body: string) => {
    const out = new Uint8Array(plaintextLength(contest)).fill(0x20);
    out.set(new TextEncoder().encode(body));
    return out;
  };
  const selection = { mayor: null, list: contest.lists[0]!.id, preferences: [] };

  it('give their selection again only for the same bytes: another spelling of it is read, and refused', () => {
    const ctx = ballotContext(data);
    const canonical = canonicalJson({ election: digest, contest: contest.id, selection });
    expect(checkBallot(nodeCrypto, ctx, lineOf(padded(canonical)))).toMatchObject({ problems: [], selection });
    expect(ctx.allowed.get(contest.id)!.size).toBe(1);
    expect(checkBallot(nodeCrypto, ctx, lineOf(padded(canonical)))).toMatchObject({ problems: [], selection });
    const respelled = JSON.stringify({ election: digest, contest: contest.id, selection });
    expect(checkBallot(nodeCrypto, ctx, lineOf(padded(respelled))).problems).toEqual(['the plaintext is not in canonical JSON (RFC 8785)']);
    expect(checkBallot(nodeCrypto, ctx, lineOf(padded(`${canonical}\n`))).problems).toEqual(['the plaintext is not in canonical JSON (RFC 8785)']);
    // The same selection, and the same padding, under another election's digest of the same length.
    const elsewhere = canonicalJson({ election: 'f'.repeat(64), contest: contest.id, selection });
    expect(checkBallot(nodeCrypto, ctx, lineOf(padded(elsewhere))).problems).toEqual(['the ballot names another election']);
  });

  it('are remembered only when the rules allow them', () => {
    const ctx = ballotContext(data);
    const other = contest.lists[1]!.candidates[0]!.id;
    const outside = canonicalJson({ election: digest, contest: contest.id, selection: { ...selection, preferences: [other] } });
    for (let i = 0; i < 2; i++) expect(checkBallot(nodeCrypto, ctx, lineOf(padded(outside))).problems).toEqual([expect.stringMatching(/^holds a selection the rules do not allow: /)]);
    expect(ctx.allowed.get(contest.id)!.size).toBe(0);
  });
});
