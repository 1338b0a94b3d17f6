// `seggio verify`: everything an auditor can check in a bundle without trusting the console
// (docs/bundle-format.md, docs/threat-model.md "What an auditor can check"). Malformed input is a failed check, never a crash.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  ballotsDigest, checkChain, namesOf, parseElection, tallyDigest, parseSidecar, parseStrictJson, plaintextLength, recordChecks, tallyCsv, tallySection, verifySidecar,
  type BoothSeal, type CountedBallot, type Election, type LogEntry, type PollbookDocument, type Setup, type TallyDocument, type ZeroReport,
} from '@seggio/ballot-core';
import { boxKeyMatches, fingerprint, fromBase64, type SeggioCrypto } from '@seggio/crypto';
import type { BallotResult } from './ballot.js';
import { detail } from './details.js';
import { contestFigures } from './figures.js';
import type { LineLimits } from './lines.js';
import { checkBallotFile } from './pool.js';
import { checkProvenance } from './provenance.js';
import { Report, type CheckName } from './report.js';

export interface VerifyOptions {
  readonly officeKey: Uint8Array;
  /** Worker threads for the ballots; 1 checks them in this thread. */
  readonly workers: number;
  /** Verify a training election (R15); a real one then fails, and the other way round. */
  readonly training?: boolean;
  /** Bounds on reading ballots.jsonl (tests make them small). */
  readonly lineLimits?: LineLimits;
  /** The tally digest printed on the paper verbale (hex): required to match when given (docs/design.md §6). */
  readonly tallyDigest?: string | null;
}

const MAX_FILE = 256 * 1024 * 1024;
const SMALL_BOOTH = 10;

class Bundle {
  constructor(
    readonly dir: string,
    readonly report: Report,
    readonly crypto: SeggioCrypto,
  ) {}

  has(name: string): boolean {
    return existsSync(join(this.dir, name));
  }

  /** The names of the files in one of the bundle's folders (none if it is not there). */
  list(folder: string): string[] {
    const path = join(this.dir, folder);
    return existsSync(path) && statSync(path).isDirectory() ? readdirSync(path).sort() : [];
  }

  /** The exact bytes of a file, or null (and a failure) when missing, not a file or too large. */
  bytes(name: string, check: CheckName = 'files'): Uint8Array | null {
    return this.#read(name, check, (path) => readFileSync(path));
  }

  /** The path of a file to stream, or null (and a failure) as for bytes(). */
  path(name: string, check: CheckName): string | null {
    return this.#read(name, check, (path) => path);
  }

  #read<T>(name: string, check: CheckName, read: (path: string) => T): T | null {
    const path = join(this.dir, name);
    try {
      const stat = statSync(path);
      if (!stat.isFile()) throw new Error('not a file');
      if (stat.size > MAX_FILE) throw new Error(`${stat.size} bytes is more than a bundle file may have`);
      return read(path);
    } catch (error) {
      this.report.fail(check, existsSync(path) ? `cannot be read: ${(error as Error).message}` : 'is missing', { file: name });
      return null;
    }
  }

  /** A JSON document of the given format, strictly parsed. */
  document<T>(name: string, format: string, bytes = this.bytes(name)): T | null {
    if (!bytes) return null;
    const json = parseStrictJson(bytes, { maxBytes: MAX_FILE, maxDepth: 16 });
    if (!json.ok) {
      this.report.fail('files', `${json.error.path}: ${json.error.message}`, { file: name });
      return null;
    }
    const value = json.value as { format?: unknown } | null;
    if (typeof value !== 'object' || value === null || Array.isArray(value) || value.format !== format) {
      this.report.fail('files', `is not a ${format} document`, { file: name });
      return null;
    }
    return value as T;
  }

  /** Checks `name.sig` over the exact bytes of `name`, by the expected signer. */
  signed(name: string, bytes: Uint8Array | null, signer: Uint8Array | null, check: CheckName, whose: string): boolean {
    const sig = this.bytes(`${name}.sig`, check);
    if (!bytes || !sig || !signer) return false;
    const sidecar = parseSidecar(sig);
    if (!sidecar.ok) {
      this.report.fail(check, `the signature file is malformed: ${sidecar.error}`, { file: `${name}.sig` });
      return false;
    }
    const verified = verifySidecar(this.crypto, bytes, sidecar.value, signer);
    if (!verified.ok) {
      this.report.fail(check, `${verified.error} (expected ${whose}, ${fingerprint(signer)}; signed by ${fingerprint(sidecar.value.signer)})`, { file: name });
      return false;
    }
    this.report.pass(check, `signed by ${whose} ${fingerprint(signer)}`, { file: name });
    return true;
  }
}

const key = (text: unknown): Uint8Array | null => {
  try {
    return typeof text === 'string' ? fromBase64(text) : null;
  } catch {
    return null;
  }
};

/** Runs every check; each one that cannot even start says why, and the others go on. */
export async function verifyBundle(crypto: SeggioCrypto, dir: string, options: VerifyOptions): Promise<Report> {
  const report = new Report();
  const b = new Bundle(dir, report, crypto);
  const guard = async (check: CheckName, work: () => void | Promise<void>) => {
    try {
      await work();
    } catch (error) {
      report.fail(check, `could not be checked: ${(error as Error).message}`);
    }
  };

  // The election, against the pinned office key.
  const electionBytes = b.bytes('election.json', 'election');
  let election: Election | null = null;
  const digest = electionBytes ? crypto.sha256Hex(electionBytes) : null;
  await guard('election', () => {
    b.signed('election.json', electionBytes, options.officeKey, 'election', 'the office key');
    if (!electionBytes) return;
    const parsed = parseElection(electionBytes);
    if (!parsed.ok) return parsed.error.forEach((p) => report.fail('election', `${p.path}: ${p.message}`, { file: 'election.json' }));
    election = parsed.value;
    const training = election.training === true;
    if (training !== (options.training === true)) {
      report.fail('election', training ? 'this is a TRAINING election: verify it with --training, and never as a real one (R15)' : 'this is a real election: --training verifies training elections only (R15)');
    } else report.pass('election', `${election.id}${training ? ' (training)' : ''}, digest ${digest}`, { file: 'election.json' });
  });

  const tally = b.document<TallyDocument>('tally.json', 'seggio/tally@1');
  const setup = b.document<Setup>('setup.json', 'seggio/setup@1');
  const consoleKey = key(setup?.console);

  await guard('files', () => checkFiles(b, tally));
  await guard('setup', () => {
    if (!setup) return report.fail('setup', 'no set-up to check');
    b.signed('setup.json', b.bytes('setup.json', 'setup'), consoleKey, 'setup', 'the console the set-up names');
    if (setup.election !== digest) report.fail('setup', 'is for another election than election.json', { file: 'setup.json' });
    if (election && !election.sections.some((s) => s.id === setup.section)) report.fail('setup', `names section ${String(setup.section)}, not in the election`, { file: 'setup.json' });
    const ids = setup.booths.map((x) => x.id);
    if (new Set(ids).size !== ids.length || new Set(setup.booths.map((x) => x.publicKey)).size !== ids.length) report.fail('setup', 'lists a booth id or key twice', { file: 'setup.json' });
    if (!(setup.shares.threshold >= 2 && setup.shares.count >= setup.shares.threshold)) report.fail('setup', 'has impossible key shares', { file: 'setup.json' });
  });

  const pollbook = b.document<PollbookDocument>('pollbook.json', 'seggio/pollbook@1');
  const publicExport = !b.has('urna-key.json');
  const urnaDoc = publicExport ? null : b.document<{ publicKey: string; secretKey: string }>('urna-key.json', 'seggio/urna-key@1');
  await guard('signatures', () => {
    b.signed('pollbook.json', b.bytes('pollbook.json', 'signatures'), consoleKey, 'signatures', 'the console');
    b.signed('tally.json', b.bytes('tally.json', 'signatures'), consoleKey, 'signatures', 'the console');
    if (!publicExport) b.signed('urna-key.json', b.bytes('urna-key.json', 'signatures'), consoleKey, 'signatures', 'the console');
    if (pollbook && pollbook.election !== digest) report.fail('signatures', 'the poll book is for another election', { file: 'pollbook.json' });
  });

  const seals = new Map<string, BoothSeal>();
  await guard('booths', () => {
    for (const booth of setup?.booths ?? []) checkBooth(b, booth, digest, setup!, seals);
  });

  let urna: { publicKey: string; secretKey: string } | null = null;
  await guard('recount', () => {
    if (!urnaDoc || !setup) return;
    const secret = key(urnaDoc.secretKey);
    const expected = key(setup.urnaPublicKey);
    if (urnaDoc.publicKey !== setup.urnaPublicKey || !secret || !expected || secret.length !== 32 || !boxKeyMatches(crypto, secret, expected)) {
      report.fail('recount', 'the revealed urna key is not the one the set-up named: no ballot can be trusted to open', { file: 'urna-key.json' });
    } else urna = urnaDoc;
  });

  let results: BallotResult[] = [];
  await guard('ballots', async () => {
    const path = b.path('ballots.jsonl', 'ballots');
    if (!path || !setup || !digest || !electionBytes) return;
    const boothKeys = Object.fromEntries(setup.booths.map((x) => [x.id, x.publicKey]));
    const read = await checkBallotFile(crypto, { electionBytes, digest, section: setup.section, boothKeys, urna }, path, options.workers, options.lineLimits);
    results = read.results;
    if (read.unterminated) report.fail('ballots', 'does not end with a newline: is it cut short?', { file: 'ballots.jsonl' });
    if (read.tooMany) report.fail('ballots', `has more than ${results.length} lines, more than a bundle may hold: the rest was not read`, { file: 'ballots.jsonl' });
    let previous = '';
    results.forEach((r, i) => {
      const place = { file: 'ballots.jsonl', line: i + 1, ...(r.booth ? { booth: r.booth } : {}), ...(r.contest ? { contest: r.contest } : {}) };
      for (const problem of r.problems) report.fail('ballots', problem, place);
      if (r.h !== null) {
        if (r.h <= previous) report.fail('ballots', r.h === previous ? 'the same ballot appears twice' : 'is out of order: lines must be in strictly ascending order of h', place);
        previous = r.h;
      }
    });
    report.pass('ballots', `${results.length} ballots checked${urna ? ', every one opened with the urna key' : ' (no urna key: not opened)'}`, { file: 'ballots.jsonl' });
    if (election) warnSmallBooths(report, results, election, setup);
  });

  await guard('reconciliation', () => reconcile(report, results, seals, setup, pollbook, election));
  await guard('recount', () => recount(report, results, election, digest, setup, pollbook, tally, seals, urna !== null, publicExport));
  await guard('log', () => checkLog(b, tally, setup));
  await guard('tally', () => checkTally(b, tally, election, digest, setup));
  await guard('provenance', () => checkProvenance(crypto, b, report, { officeKey: options.officeKey, election, setup, tally, tallyDigest: options.tallyDigest ?? null }));
  return report;
}

function checkFiles(b: Bundle, tally: TallyDocument | null): void {
  if (!tally) return b.report.fail('files', 'without a readable tally.json no file digest can be checked', { file: 'tally.json' });
  const listed = tally.files ?? {};
  for (const [name, expected] of Object.entries(listed)) {
    if (name.includes('..') || name.startsWith('/')) {
      b.report.fail('files', 'is not a name inside the bundle', { file: name });
      continue;
    }
    if (!b.has(name) && (name === 'urna-key.json' || name === 'urna-key.json.sig')) continue;
    const bytes = b.bytes(name);
    if (bytes && b.crypto.sha256Hex(bytes) !== expected) b.report.fail('files', 'its SHA-256 is not the one the tally lists', { file: name });
  }
  const present = readdirSync(b.dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(b.dir, join(e.parentPath, e.name)));
  for (const name of present) {
    if (name !== 'tally.json' && name !== 'tally.json.sig' && !(name in listed)) b.report.fail('files', 'is not listed in the tally', { file: name });
  }
  b.report.pass('files', `${Object.keys(listed).length} file digests listed${b.has('urna-key.json') ? '' : '; a public export: urna-key.json is not included'}`);
}

function checkBooth(b: Bundle, booth: { id: string; publicKey: string }, digest: string | null, setup: Setup, seals: Map<string, BoothSeal>): void {
  const report = b.report;
  const boothKey = key(booth.publicKey);
  const where = { booth: booth.id };
  const sealName = `booths/${booth.id}.json`;
  const zeroName = `booths/${booth.id}.zero-report.json`;
  const sealBytes = b.bytes(sealName, 'booths');
  const zeroBytes = b.bytes(zeroName, 'booths');
  b.signed(sealName, sealBytes, boothKey, 'booths', `booth ${booth.id}`);
  b.signed(zeroName, zeroBytes, boothKey, 'booths', `booth ${booth.id}`);
  const seal = b.document<BoothSeal>(sealName, 'seggio/booth-seal@1', sealBytes);
  const zero = b.document<ZeroReport>(zeroName, 'seggio/zero-report@1', zeroBytes);
  if (seal) {
    if (seal.election !== digest || seal.section !== setup.section || seal.booth !== booth.id) report.fail('booths', 'the seal is for another election, section or booth', { ...where, file: sealName });
    if (zeroBytes && seal.zeroReport !== b.crypto.sha256Hex(zeroBytes)) report.fail('booths', "the seal does not name this booth's zero report", { ...where, file: sealName });
    seals.set(booth.id, seal);
  }
  if (zero) {
    const empty = Object.values(zero.contests ?? {}).every((c) => c.count === 0 && c.ballotsDigest === ballotsDigest([]));
    if (zero.counter !== 0 || !empty) report.fail('booths', 'the zero report does not show an empty box (R14)', { ...where, file: zeroName });
    if (zero.election !== digest || zero.booth !== booth.id || zero.boothKey !== booth.publicKey || zero.console !== setup.console || zero.urnaPublicKey !== setup.urnaPublicKey) {
      report.fail('booths', 'the zero report names other keys, booth or election than the set-up', { ...where, file: zeroName });
    }
  }
}

/** R29: a booth with few ballots in a contest makes them nearly attributable. */
function warnSmallBooths(report: Report, results: readonly BallotResult[], election: Election, setup: Setup): void {
  for (const booth of setup.booths) {
    for (const contest of election.scrutinyOrder) {
      const n = results.filter((r) => r.booth === booth.id && r.contest === contest).length;
      if (n > 0 && n < SMALL_BOOTH) report.add('ballots', 'warn', `only ${n} ballots: with fewer than ${SMALL_BOOTH} a booth's ballots are nearly attributable (R29)`, { booth: booth.id, contest });
    }
  }
}

function reconcile(report: Report, results: readonly BallotResult[], seals: Map<string, BoothSeal>, setup: Setup | null, pollbook: PollbookDocument | null, election: Election | null): void {
  if (!setup || !pollbook || !election) return report.fail('reconciliation', detail('recon-needs', {}));
  let sessionsCast = 0;
  for (const booth of setup.booths) {
    const seal = seals.get(booth.id);
    if (!seal) {
      report.fail('reconciliation', detail('recon-no-seal', {}), { booth: booth.id });
      continue;
    }
    sessionsCast += seal.sessions?.cast ?? 0;
    for (const contest of election.scrutinyOrder) {
      const mine = results.filter((r) => r.booth === booth.id && r.contest === contest && r.h);
      const sealed = seal.contests?.[contest] ?? { count: 0, ballotsDigest: ballotsDigest([]) };
      const place = { booth: booth.id, contest };
      if (mine.length !== sealed.count) report.fail('reconciliation', detail('recon-seal-count', { ballots: mine.length, sealed: String(sealed.count) }), place);
      else if (ballotsDigest(mine.map((r) => r.h!)) !== sealed.ballotsDigest) report.fail('reconciliation', detail('recon-seal-digest', {}), place);
      else report.pass('reconciliation', detail('recon-seal-ok', { ballots: mine.length }), place);
    }
  }
  if (sessionsCast !== pollbook.sessions?.cast) report.fail('reconciliation', detail('recon-sessions', { sealed: sessionsCast, pollbook: String(pollbook.sessions?.cast) }), { file: 'pollbook.json' });
  for (const contest of election.scrutinyOrder) {
    const inBox = results.filter((r) => r.contest === contest && r.h).length;
    const voters = pollbook.contests?.[contest]?.voters?.T;
    if (inBox !== voters) report.fail('reconciliation', detail('recon-voters', { ballots: inBox, voters: String(voters) }), { contest });
    else report.pass('reconciliation', detail('recon-voters-ok', { ballots: inBox, voters: String(voters) }), { contest });
  }
}

function recount(
  report: Report, results: readonly BallotResult[], election: Election | null, digest: string | null, setup: Setup | null,
  pollbook: PollbookDocument | null, tally: TallyDocument | null, seals: Map<string, BoothSeal>, opened: boolean, publicExport: boolean,
): void {
  if (!election || !digest || !setup || !pollbook || !tally) return report.fail('recount', 'needs the election, the set-up, the poll book and the tally');
  const castSessions = Object.fromEntries(election.scrutinyOrder.map((c) => [c, [...seals.values()].reduce((n, s) => n + (s.contests?.[c]?.count ?? 0), 0)]));
  const input = { election, electionDigest: digest, section: setup.section, pollbook, castSessions };
  report.names = namesOf(election);
  if (!opened) {
    if (publicExport) report.add('recount', 'skip', 'this is a public export without urna-key.json: the ballots cannot be opened, so the recount was skipped; the checks below use the signed figures');
    for (const c of recordChecks({ ...input, ballots: {} }, tally)) {
      if (c.check === 'E1') continue;
      report.addRecordCheck(c);
    }
    report.figures = contestFigures(election, null, tally);
    return;
  }
  const ballots: Record<string, CountedBallot[]> = {};
  for (const r of results) if (r.selection && r.contest && r.h) (ballots[r.contest] ??= []).push({ h: r.h, selection: r.selection });
  const outcome = tallySection({ ...input, ballots });
  report.figures = contestFigures(election, outcome.tally, tally);
  report.recounted = true;
  for (const c of outcome.checks) report.addRecordCheck(c);
  for (const mine of outcome.tally.contests) {
    const signed = tally.contests?.find((c) => c.id === mine.id);
    if (JSON.stringify(signed) !== JSON.stringify(mine)) report.fail('recount', 'the recount differs from the signed tally', { contest: mine.id });
    else report.pass('recount', 'the recount equals the signed tally', { contest: mine.id });
  }
}

function checkLog(b: Bundle, tally: TallyDocument | null, setup: Setup | null): void {
  const bytes = b.bytes('log.jsonl', 'log');
  if (!bytes || !tally || !setup) return;
  const chains = new Map<string, LogEntry[]>();
  new TextDecoder().decode(bytes).split('\n').filter((l) => l).forEach((line, i) => {
    try {
      const { source, ...entry } = JSON.parse(line) as LogEntry & { source: string };
      (chains.get(source) ?? chains.set(source, []).get(source)!).push(entry);
    } catch {
      b.report.fail('log', 'is not JSON', { file: 'log.jsonl', line: i + 1 });
    }
  });
  const expected = ['console', ...setup.booths.map((x) => `booth:${x.id}`)];
  for (const source of expected) {
    const entries = chains.get(source) ?? [];
    const broken = checkChain(entries, undefined, (d) => b.crypto.sha256Hex(d));
    if (broken) b.report.fail('log', `the log of ${source}: ${broken}`, { file: 'log.jsonl' });
    else if ((entries.at(-1)?.hash ?? '') !== tally.logHead?.[source]) b.report.fail('log', `the log of ${source} does not end at the head the tally names`, { file: 'log.jsonl' });
    else b.report.pass('log', `${source}: ${entries.length} entries, chain intact`);
  }
  for (const source of chains.keys()) if (!expected.includes(source)) b.report.fail('log', `a log from ${source}, which is not in the set-up`, { file: 'log.jsonl' });
}

function checkTally(b: Bundle, tally: TallyDocument | null, election: Election | null, digest: string | null, setup: Setup | null): void {
  if (!tally || !election || !setup) return b.report.fail('tally', 'needs the tally, the election and the set-up');
  if (tally.election !== digest || tally.section !== setup.section) b.report.fail('tally', 'is for another election or section', { file: 'tally.json' });
  const ids = (tally.contests ?? []).map((c) => c.id);
  if (ids.join() !== election.scrutinyOrder.join()) b.report.fail('tally', `lists contests ${ids.join(', ')}, not the scrutiny order ${election.scrutinyOrder.join(', ')}`, { file: 'tally.json' });
  for (const c of tally.contests ?? []) {
    const contest = election.contests.find((k) => k.id === c.id);
    if (contest && c.ballots?.plaintextLength !== plaintextLength(contest)) b.report.fail('tally', `states plaintextLength ${c.ballots?.plaintextLength}, the contest's is ${plaintextLength(contest)}`, { contest: c.id });
  }
  b.report.pass('tally', `the tally's digest, printed as a QR code on verbale.pdf: ${tallyDigest(tally)}`, { file: 'tally.json' });
  const csv = b.bytes('tally.csv', 'tally');
  if (csv) {
    const { files: _files, logHead: _logHead, ...figures } = tally;
    if (new TextDecoder().decode(csv) !== tallyCsv(election, figures)) b.report.fail('tally', 'tally.csv does not hold the figures of tally.json', { file: 'tally.csv' });
    else b.report.pass('tally', 'tally.csv holds the figures of tally.json', { file: 'tally.csv' });
  }
}
