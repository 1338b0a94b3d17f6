// `seggio election keygen|build|sign|check`: the electoral office's side of docs/design.md §2 step 1.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { encodeSidecar, formatProblems, parseElection, parsePublicKey, parseSidecar, signBytes, verifySidecar, type Contest, type Election } from '@seggio/ballot-core';
import { fingerprint, fromBase64Length, toBase64, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import { buildElection } from './build/build.js';
import { describeBuildProblem } from './build/english.js';
import { readFolder } from './build/folder.js';
import { EXIT, UsageError, type Io } from './io.js';

export const ELECTION_USAGE = `Usage:
  seggio election keygen [--out NAME] [--force]
      Creates the office key pair: NAME.key (secret, mode 0600) and NAME.pub (public key, base64).
      NAME defaults to "office". Existing files are never overwritten unless --force is given.
  seggio election build FOLDER --out ELECTION.json [--force]
      Makes the election package from FOLDER's spreadsheets (CSV, ";" or ",") and PNG symbols, as
      docs/election-package.md describes them; every problem is printed at once, with file, line and column.
  seggio election sign ELECTION.json --key NAME.key
      Checks the election and writes ELECTION.json.sig, signed over the file's exact bytes.
  seggio election check ELECTION.json [--office-key KEY]
      Validates the election, verifies ELECTION.json.sig (against KEY, base64 or a file holding it,
      when given) and prints its digest and a summary.
`;

interface OfficeKeyFile {
  format: 'seggio/office-key@1';
  publicKey: string;
  secretKey: string;
}

export function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** A key given as base64 text, or as the name of a file that holds it. */
export function readPublicKeyArgument(value: string, option: string): Uint8Array {
  const text = existsSync(value) ? readFileSync(value, 'utf8') : value;
  const key = parsePublicKey(text, `${option} ${existsSync(value) ? `(${value})` : ''}`.trim());
  if (!key.ok) throw new UsageError(key.error);
  return key.value;
}

export function readOfficeKey(crypto: SeggioCrypto, file: string): SigningKeyPair {
  const bad = (why: string) => new UsageError(`${file}: not an office key (${why}); make one with "seggio election keygen"`);
  let parsed: Partial<OfficeKeyFile>;
  try {
    parsed = JSON.parse(new TextDecoder().decode(readBytes(file))) as Partial<OfficeKeyFile>;
  } catch {
    throw bad('not JSON');
  }
  if (parsed.format !== 'seggio/office-key@1' || typeof parsed.secretKey !== 'string' || typeof parsed.publicKey !== 'string') throw bad('wrong format');
  try {
    const keyPair = crypto.signingKeyPairFromSecret(fromBase64Length(parsed.secretKey, 32, 'secretKey'));
    if (toBase64(keyPair.publicKey) !== parsed.publicKey) throw bad('its public key does not match its secret key');
    return keyPair;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw bad((error as Error).message);
  }
}

function keygen(crypto: SeggioCrypto, args: string[], io: Io): number {
  const { values } = parseArgs({ args, options: { out: { type: 'string', default: 'office' }, force: { type: 'boolean', default: false } } });
  const secretFile = `${values.out}.key`;
  const publicFile = `${values.out}.pub`;
  for (const file of [secretFile, publicFile]) {
    if (existsSync(file) && !values.force) throw new UsageError(`${file} already exists: refusing to overwrite a key (use --force to replace it)`);
  }
  const keyPair = crypto.generateSigningKeyPair();
  const secret: OfficeKeyFile = { format: 'seggio/office-key@1', publicKey: toBase64(keyPair.publicKey), secretKey: toBase64(keyPair.secretKey) };
  writeFileSync(secretFile, `${JSON.stringify(secret, null, 2)}\n`, { mode: 0o600, flag: values.force ? 'w' : 'wx' });
  writeFileSync(publicFile, `${toBase64(keyPair.publicKey)}\n`, { flag: values.force ? 'w' : 'wx' });
  io.out.write(
    `office key created\n  secret key   ${secretFile} (mode 0600: keep it offline)\n  public key   ${publicFile}\n` +
      `  ${toBase64(keyPair.publicKey)}\n  fingerprint  ${fingerprint(keyPair.publicKey)}\n`,
  );
  return EXIT.ok;
}

function loadElection(file: string, io: Io): { bytes: Uint8Array; election: Election } | null {
  const bytes = readBytes(file);
  const parsed = parseElection(bytes);
  if (!parsed.ok) {
    io.err.write(`${file}: not a valid election (${parsed.error.length} problem${parsed.error.length > 1 ? 's' : ''}):\n`);
    io.err.write(formatProblems(file, parsed.error).map((l) => `  ${l}\n`).join(''));
    return null;
  }
  return { bytes, election: parsed.value };
}

function build(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, force: { type: 'boolean', default: false } } });
  if (positionals.length !== 1 || !values.out) throw new UsageError('seggio election build needs FOLDER and --out ELECTION.json');
  if (existsSync(values.out) && !values.force) throw new UsageError(`${values.out} already exists: refusing to overwrite it (use --force to replace it)`);
  const folder = positionals[0]!;
  const result = buildElection(readFolder(folder));
  if (!result.ok) {
    io.err.write(`${folder}: no election package made (${result.problems.length} problem${result.problems.length > 1 ? 's' : ''}):\n`);
    io.err.write(result.problems.map((p) => `  ${describeBuildProblem(p)}\n`).join(''));
    return EXIT.failed;
  }
  writeFileSync(values.out, result.bytes, { flag: values.force ? 'w' : 'wx' });
  const rules = result.rules.map((r) => {
    const preferences = r.maxPreferences === 0 ? 'no preferences' : `up to ${r.maxPreferences} preference${r.maxPreferences > 1 ? 's' : ''}${r.preferencesBySex ? (r.type === 'european' ? ', not all of one sex' : ', of different sex') : ''}`;
    return `  ${r.contest}: ${preferences}; ${r.splitVote ? 'split vote allowed' : 'no split vote'}\n`;
  });
  io.out.write(`${values.out} written: ${result.election.contests.length} contests, ${result.election.sections.length} sections (not signed: seggio election sign)\n  rules the law gives each contest:\n${rules.join('')}`);
  return EXIT.ok;
}

function sign(crypto: SeggioCrypto, args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { key: { type: 'string' } } });
  if (positionals.length !== 1 || !values.key) throw new UsageError('seggio election sign needs ELECTION.json and --key NAME.key');
  const file = positionals[0]!;
  const keyPair = readOfficeKey(crypto, values.key);
  const loaded = loadElection(file, io);
  if (!loaded) return EXIT.failed;
  writeFileSync(`${file}.sig`, encodeSidecar(signBytes(crypto, loaded.bytes, keyPair)));
  io.out.write(`${file}.sig written\n  digest       sha256 ${crypto.sha256Hex(loaded.bytes)}\n  signed by    ${fingerprint(keyPair.publicKey)}\n`);
  return EXIT.ok;
}

function check(crypto: SeggioCrypto, args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'office-key': { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('seggio election check needs one ELECTION.json');
  const file = positionals[0]!;
  const officeKey = values['office-key'] === undefined ? undefined : readPublicKeyArgument(values['office-key'], '--office-key');
  const loaded = loadElection(file, io);
  if (!loaded) return EXIT.failed;
  const { bytes, election } = loaded;

  let signature: string;
  let failed = false;
  if (!existsSync(`${file}.sig`)) {
    signature = 'none: the election is not signed';
    failed = officeKey !== undefined;
  } else {
    const sidecar = parseSidecar(readBytes(`${file}.sig`));
    const verified = sidecar.ok ? verifySidecar(crypto, bytes, sidecar.value, officeKey) : sidecar;
    if (!sidecar.ok || !verified.ok) {
      signature = `INVALID: ${file}.sig: ${verified.ok ? '' : verified.error}`;
      failed = true;
    } else {
      signature = `valid, by ${fingerprint(sidecar.value.signer)} ${officeKey ? '(the office key given)' : '(no office key given: the signer is not checked against one)'}`;
    }
  }
  io.out.write(summary(file, election, crypto.sha256Hex(bytes), signature));
  if (failed) io.err.write(`${file}: ${officeKey && !existsSync(`${file}.sig`) ? `no signature (${file}.sig) to check against the office key` : 'the signature does not hold'}\n`);
  return failed ? EXIT.failed : EXIT.ok;
}

function describeContest(c: Contest): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const candidates = (lists: { candidates: unknown[] }[]) => lists.reduce((s, l) => s + l.candidates.length, 0);
  switch (c.type) {
    case 'referendum':
      return `referendum (${c.kind}${c.quorum === null ? ', no quorum' : `, quorum ${c.quorum * 100}% of electors`})`;
    case 'municipal':
      return `municipal, ${c.population.toLocaleString('en')} inhabitants: ${count(c.mayors.length, 'mayor', 'mayors')}, ${count(c.lists.length, 'list', 'lists')}, ${count(candidates(c.lists), 'candidate', 'candidates')}; ${count(c.rules.maxPreferences, 'preference', 'preferences')}${c.rules.preferencesDifferentSex ? ' of different sex' : ''}, ${c.rules.splitVote ? 'split vote allowed' : 'no split vote'}`;
    case 'european':
      return `european${c.constituency ? ` (${c.constituency})` : ''}: ${count(c.lists.length, 'list', 'lists')}, ${count(candidates(c.lists), 'candidate', 'candidates')}; up to ${count(c.rules.maxPreferences, 'preference', 'preferences')}`;
    case 'camera':
    case 'senato':
      return `${c.type}${c.constituency ? ` (${c.constituency})` : ''}: ${count(c.candidates.length, 'single-member candidate', 'single-member candidates')}, ${count(c.lists.length, 'list', 'lists')}`;
  }
}

function summary(file: string, e: Election, digest: string, signature: string): string {
  const lines = [
    `${file}: valid seggio/election@1${e.training ? '  *** TRAINING ELECTION: not for a real vote ***' : ''}`,
    `  election     ${e.id}: ${e.title}`,
    `  comune       ${e.comune.name} (ISTAT ${e.comune.istat}, ${e.comune.province})`,
    `  days         ${e.days.map((d) => `${d.date} ${d.open}-${d.close}`).join(', ')}`,
    `  digest       sha256 ${digest}`,
    `  signature    ${signature}`,
    `  contests, in scrutiny order:`,
    ...e.scrutinyOrder.map((id, i) => {
      const c = e.contests.find((k) => k.id === id)!;
      const unusual = c.eligibility.filter((cat) => cat !== 'IT');
      return `    ${i + 1}. ${c.id}: ${describeContest(c)}${unusual.length ? `; also ${unusual.join(', ')} electors` : ''}\n       ${c.title}`;
    }),
    `  sections (${e.sections.length}):`,
    ...e.sections.map((s) => {
      const groups = Object.entries(s.electors).map(([cat, g]) => `${cat} ${g.M + g.F}`);
      const total = Object.values(s.electors).reduce((t, g) => t + g.M + g.F, 0);
      return `    ${s.id}: ${s.name}, ${total} electors (${groups.join(', ')}), ${s.booths} booths`;
    }),
    `  turnout      ${e.turnoutCheckpoints.map((c) => `${c.id} ${c.at}${c.final ? ' (final)' : ''}`).join(', ')}`,
  ];
  return `${lines.join('\n')}\n`;
}

export function electionCommand(crypto: SeggioCrypto, args: string[], io: Io): number {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'keygen':
      return keygen(crypto, rest, io);
    case 'build':
      return build(rest, io);
    case 'sign':
      return sign(crypto, rest, io);
    case 'check':
      return check(crypto, rest, io);
    default:
      throw new UsageError(sub === undefined ? 'seggio election needs a command' : `unknown command 'election ${sub}'`);
  }
}
