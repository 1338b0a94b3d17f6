// `seggio verify` against a corpus of tampered bundles: each mutation of a simulated day's bundle is
// rejected with a reason that names the broken check, and the untouched bundle is accepted.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentBytes, encodeSidecar, generateDay, parseElection, seededRandom, signBytes, type Election } from '@seggio/ballot-core';
import { main } from '@seggio/cli';
import { fromBase64, malleate, toBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { REPO_ROOT } from '../support/index.js';
import { endDay, runDay, type DayResult } from '../simulate/day.js';

let day: DayResult;
let pristine: string;
let officeKey: string;
const work = mkdtempSync(join(tmpdir(), 'seggio-mutations-'));

beforeAll(async () => {
  const electionBytes = readFileSync(join(REPO_ROOT, 'fixtures', 'sanvalle-2020.election.json'));
  const election = (parseElection(electionBytes) as { ok: true; value: Election }).value;
  day = await runDay({ election, electionBytes, section: '3', day: generateDay(election, '3', 30, seededRandom(5)), booths: 2, out: join(work, 'day'), cancelEvery: 10 });
  pristine = day.bundle;
  officeKey = readFileSync(join(work, 'day', 'office.pub'), 'utf8').trim();
}, 60_000);
afterAll(async () => {
  await endDay(day);
  rmSync(work, { recursive: true, force: true });
});

interface Json {
  check: string;
  status: string;
  items: { status: string; message: string; file?: string; line?: number }[];
}

async function verify(dir: string, ...extra: string[]): Promise<{ code: number; failed: Json[] }> {
  let out = '';
  const code = await main(['verify', dir, '--office-key', officeKey, '--json', '--workers', '1', ...extra], { out: { write: (t: string) => (out += t) }, err: { write: () => undefined } });
  const report = JSON.parse(out) as { checks: Json[] };
  return { code, failed: report.checks.filter((c) => c.status === 'fail') };
}

let n = 0;
function copy(): string {
  const dir = join(work, `m${++n}`);
  cpSync(pristine, dir, { recursive: true });
  return dir;
}
const path = (dir: string, name: string) => join(dir, name);
const text = (dir: string, name: string) => readFileSync(path(dir, name), 'utf8');
const lines = (dir: string) => text(dir, 'ballots.jsonl').trim().split('\n');
const writeLines = (dir: string, ls: string[]) => writeFileSync(path(dir, 'ballots.jsonl'), `${ls.join('\n')}\n`);
const stranger = nodeCrypto.generateSigningKeyPair();
/** Rewrites a JSON document and signs it with a key nobody pinned. */
function resign(dir: string, name: string, change: (doc: Record<string, unknown>) => void, keepSignature = false) {
  const doc = JSON.parse(text(dir, name)) as Record<string, unknown>;
  change(doc);
  const bytes = documentBytes(doc);
  writeFileSync(path(dir, name), bytes);
  if (!keepSignature) writeFileSync(path(dir, `${name}.sig`), encodeSidecar(signBytes(nodeCrypto, bytes, stranger)));
}
const editLine = (dir: string, i: number, change: (b: Record<string, string>) => void) => {
  const ls = lines(dir);
  const b = JSON.parse(ls[i]!) as Record<string, string>;
  change(b);
  ls[i] = JSON.stringify(b);
  writeLines(dir, ls);
};
const flip = (b64: string) => {
  const bytes = fromBase64(b64);
  bytes[bytes.length - 5]! ^= 1;
  return toBase64(bytes);
};

const MUTATIONS: [string, (dir: string) => void, string, RegExp][] = [
  ['a ballot removed', (d) => writeLines(d, lines(d).slice(1)), 'reconciliation', /ballots in ballots.jsonl, the booth's seal says|voters in the poll book/],
  ['a ballot duplicated', (d) => writeLines(d, [lines(d)[0]!, ...lines(d)]), 'ballots', /the same ballot appears twice/],
  ['two ballots swapped', (d) => { const ls = lines(d); [ls[3], ls[4]] = [ls[4]!, ls[3]!]; writeLines(d, ls); }, 'ballots', /out of order/],
  ['a ciphertext altered', (d) => editLine(d, 2, (b) => (b.ct = flip(b.ct!))), 'ballots', /h is not the SHA-256 of ct/],
  ['a ciphertext altered and its h recomputed', (d) => editLine(d, 2, (b) => { b.ct = flip(b.ct!); b.h = nodeCrypto.sha256Hex(fromBase64(b.ct)); }), 'ballots', /signature does not hold/],
  ['a ballot moved to another contest', (d) => editLine(d, 1, (b) => (b.contest = b.contest === 'REF-2020-1' ? 'COM-999001-2020' : 'REF-2020-1')), 'ballots', /signature does not hold/],
  ['a ballot moved to another booth', (d) => editLine(d, 1, (b) => (b.booth = b.booth === 'B1' ? 'B2' : 'B1')), 'ballots', /signature does not hold/],
  ['a malleated ballot signature (S + L)', (d) => editLine(d, 0, (b) => (b.sig = toBase64(malleate(fromBase64(b.sig!))))), 'ballots', /non-canonical-s/],
  ['a malleated tally signature', (d) => { const s = JSON.parse(text(d, 'tally.json.sig')) as { signer: string; signature: string }; writeFileSync(path(d, 'tally.json.sig'), JSON.stringify({ signer: s.signer, signature: toBase64(malleate(fromBase64(s.signature))) })); }, 'signatures', /non-canonical-s/],
  ['the tally edited, original signature', (d) => resign(d, 'tally.json', (t) => { (t.contests as { blank: number }[])[0]!.blank += 1; }, true), 'signatures', /tally.json|not valid/],
  ['the tally edited and re-signed by an unknown key', (d) => resign(d, 'tally.json', (t) => { (t.contests as { blank: number }[])[0]!.blank += 1; }), 'signatures', /signed by another key than the one expected/],
  ['the poll book edited, original signature', (d) => resign(d, 'pollbook.json', (p) => { (p.sessions as { cast: number }).cast += 1; }, true), 'signatures', /the signature is not valid/],
  ['the poll book edited and re-signed by an unknown key', (d) => resign(d, 'pollbook.json', (p) => { (p.sessions as { cast: number }).cast += 1; }), 'signatures', /signed by another key/],
  ['the set-up edited, original signature', (d) => resign(d, 'setup.json', (s) => { (s.shares as { threshold: number }).threshold = 2; }, true), 'setup', /the signature is not valid/],
  ['the set-up re-signed by an unknown console', (d) => resign(d, 'setup.json', (s) => { s.console = toBase64(stranger.publicKey); }), 'booths', /zero report names other keys/],
  ['a wrong urna key revealed', (d) => resign(d, 'urna-key.json', (u) => { const k = nodeCrypto.generateBoxKeyPair(); u.publicKey = toBase64(k.publicKey); u.secretKey = toBase64(k.secretKey); }, true), 'recount', /not the one the set-up named/],
  ['pollbook.json missing', (d) => rmSync(path(d, 'pollbook.json')), 'files', /is missing/],
  ['tally.json truncated', (d) => truncateSync(path(d, 'tally.json'), 300), 'files', /not valid JSON/],
  ['ballots.jsonl cut short', (d) => truncateSync(path(d, 'ballots.jsonl'), readFileSync(path(d, 'ballots.jsonl')).length - 40), 'ballots', /cut short|not JSON/],
  ['a ballot line longer than any ballot', (d) => writeLines(d, [...lines(d), `{"h":"${'a'.repeat(70_000)}"}`]), 'ballots', /is 70008 bytes long; a ballot line is at most 65536/],
  ["a booth's seal edited", (d) => resign(d, 'booths/B1.json', (s) => { (s.sessions as { cast: number }).cast += 1; }, true), 'booths', /the signature is not valid/],
  ['a zero report that was not empty', (d) => resign(d, 'booths/B2.zero-report.json', (z) => { z.counter = 3; }, true), 'booths', /the signature is not valid/],
  ['election.json changed by one byte', (d) => writeFileSync(path(d, 'election.json'), text(d, 'election.json').replace('"booths": 3', '"booths": 2')), 'election', /the signature is not valid/],
  ['an event log entry altered', (d) => writeFileSync(path(d, 'log.jsonl'), text(d, 'log.jsonl').replace('"event":"voting-opened"', '"event":"voting-closed"')), 'log', /has been altered/],
  ['tally.csv altered', (d) => writeFileSync(path(d, 'tally.csv'), text(d, 'tally.csv').replace('sk_bianche;;;', 'sk_bianche;;;1')), 'files', /SHA-256 is not the one the tally lists/],
  ['a file slipped in', (d) => writeFileSync(path(d, 'extra.json'), '{}'), 'files', /is not listed in the tally/],
  ['ballots.jsonl not JSON at all', (d) => writeFileSync(path(d, 'ballots.jsonl'), '\u0000\u0001garbage\n'), 'ballots', /not JSON/],
  // Each of the next ones is caught by one comparison alone: the recount with the signed figures, a
  // ciphertext's length with its contest's (R3), the ballots with the seal's digest at the right count,
  // and the log's end with the head the tally names.
  ['a vote moved from YES to NO in the signed tally', (d) => resign(d, 'tally.json', (t) => { const r = (t.contests as { type: string; results: { YES: number; NO: number } }[]).find((c) => c.type === 'referendum')!.results; r.YES -= 1; r.NO += 1; }, true), 'recount', /the recount differs from the signed tally/],
  ['a ciphertext 16 bytes longer than its contest allows', (d) => editLine(d, 2, (b) => { b.ct = toBase64(new Uint8Array([...fromBase64(b.ct!), ...new Uint8Array(16)])); b.h = nodeCrypto.sha256Hex(fromBase64(b.ct)); }), 'ballots', /is \d+ bytes; every ballot of .+ is \d+ \(R3\)/],
  ["a ballot's h changed, the count still the seal's", (d) => editLine(d, 2, (b) => (b.h = nodeCrypto.sha256Hex(fromBase64(b.h!)))), 'reconciliation', /the ballots do not match the seal's ballotsDigest/],
  ["the console's last log entries cut off, the chain still whole", (d) => { const ls = text(d, 'log.jsonl').trim().split('\n'); const last = ls.map((l) => l.startsWith('{"source":"console"')).lastIndexOf(true); writeFileSync(path(d, 'log.jsonl'), `${ls.filter((_, i) => i !== last).join('\n')}\n`); }, 'log', /the log of console does not end at the head the tally names/],
];

/** A digest of every file of a bundle, by name: two bundles with the same one are the same bundle. */
const bundleDigest = (dir: string) => nodeCrypto.sha256Hex(Buffer.from(JSON.stringify(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => [relative(dir, join(e.parentPath, e.name)), nodeCrypto.sha256Hex(readFileSync(join(e.parentPath, e.name)))]).sort())));
const mutated = new Map<string, string>();

describe('seggio verify', () => {
  it('accepts the untouched bundle', async () => {
    expect(await verify(pristine)).toEqual({ code: 0, failed: [] });
  });

  it('accepts it with worker threads too, and a public export without the urna key, saying the recount was skipped', async () => {
    const threaded = await verify(pristine, '--workers', '2');
    expect(threaded.code).toBe(0);
    const dir = copy();
    rmSync(path(dir, 'urna-key.json'));
    rmSync(path(dir, 'urna-key.json.sig'));
    let out = '';
    const code = await main(['verify', dir, '--office-key', officeKey], { out: { write: (t: string) => (out += t) }, err: { write: () => undefined } });
    expect(code).toBe(0);
    expect(out).toContain('public export without urna-key.json: the ballots cannot be opened, so the recount was skipped');
  });

  it('finds the same with the built binary on worker threads', () => {
    const seggio = (dir: string) => spawnSync(process.execPath, [join(REPO_ROOT, 'apps', 'cli', 'bin', 'seggio.js'), 'verify', dir, '--office-key', officeKey, '--workers', '2', '--json'], { encoding: 'utf8' });
    expect(seggio(pristine).status).toBe(0);
    const dir = copy();
    // Far enough into the file to land in the second worker's slice.
    const ls = lines(dir);
    const i = ls.length - 2;
    editLine(dir, i, (b) => (b.sig = toBase64(malleate(fromBase64(b.sig!)))));
    const run = seggio(dir);
    expect(run.status).toBe(1);
    const failed = (JSON.parse(run.stdout) as { checks: Json[] }).checks.find((c) => c.check === 'ballots')!.items.filter((x) => x.status === 'fail');
    expect(failed).toEqual([expect.objectContaining({ line: i + 1, message: "the booth's signature does not hold (non-canonical-s)" })]);
  });

  it('refuses another office key', async () => {
    let out = '';
    const code = await main(['verify', pristine, '--office-key', toBase64(stranger.publicKey), '--json'], { out: { write: (t: string) => (out += t) }, err: { write: () => undefined } });
    expect(code).toBe(1);
    expect(out).toContain('signed by another key than the one expected');
  });

  it('answers usage errors with exit 2', async () => {
    const quiet = { out: { write: () => undefined }, err: { write: () => undefined } };
    expect(await main(['verify', pristine], quiet)).toBe(2);
    expect(await main(['verify', join(work, 'nowhere'), '--office-key', officeKey], quiet)).toBe(2);
  });

  it.each([
    ['setup.json', '{"format":"seggio/setup@1","booths":5,"urnaPublicKey":"!!"}'],
    ['tally.json', '{"format":"seggio/tally@1","contests":"x","files":7,"logHead":null}'],
    ['pollbook.json', '{"format":"seggio/pollbook@1","contests":[1],"sessions":"no"}'],
    ['urna-key.json', '{"format":"seggio/urna-key@1","publicKey":5,"secretKey":"AAAA"}'],
    ['booths/B1.json', '{"format":"seggio/booth-seal@1","contests":null}'],
    ['log.jsonl', '[1,2]'],
    ['election.json', `{"format":"seggio/election@1","title":"${'x'.repeat(100_000)}"}`],
  ])('fails, never crashes, on a %s of the right format and the wrong shape', async (name, content) => {
    const dir = copy();
    writeFileSync(path(dir, name), content);
    const { code, failed } = await verify(dir);
    expect(code).toBe(1);
    expect(failed.length).toBeGreaterThan(0);
  });

  it.each(MUTATIONS.map(([name, mutate, check, reason]) => [name, check, mutate, reason] as const))('rejects %s, in the %s check', async (name, check, mutate, reason) => {
    const dir = copy();
    mutate(dir);
    mutated.set(name, bundleDigest(dir));
    const { code, failed } = await verify(dir);
    expect(code).toBe(1);
    const group = failed.find((f) => f.check === check);
    expect(group, `failed checks: ${failed.map((f) => f.check).join(', ')}`).toBeDefined();
    expect(group!.items.filter((i) => i.status === 'fail').map((i) => i.message)).toContainEqual(expect.stringMatching(reason));
  });

  it('ran at least 20 mutations, each of which changed the bundle, and no two the same way', () => {
    expect(mutated.size).toBe(MUTATIONS.length);
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(20);
    const digests = [...mutated.values()];
    expect(digests).not.toContain(bundleDigest(pristine));
    expect(new Set(digests).size).toBe(digests.length);
  });
});
