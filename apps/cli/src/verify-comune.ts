// `seggio verify-comune DIR --office-key KEY`: recomputes an office's signed comune tally
// (`seggio/comune-tally@1`, docs/design.md §7) from the sections' public exports: each export passes
// `seggio verify`, and the tally lists exactly them, by tally digest and set-up, with their sums.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { canonicalJson, comuneTally, parseElection, parseSidecar, parseStrictJson, verifySidecar, type ComuneTally, type SectionTally } from '@seggio/ballot-core';
import type { SeggioCrypto } from '@seggio/crypto';
import { readPublicKeyArgument } from './election.js';
import { EXIT, UsageError, type Io } from './io.js';
import { verifyBundle } from './verify/verify.js';

export const VERIFY_COMUNE_USAGE = `Usage:
  seggio verify-comune DIR --office-key KEY [--training] [--workers N]
      DIR holds comune-tally.json and its .sig, as the office publishes them, and sections/, one
      folder per section's public export. Checks the office's signature, runs every check of
      seggio verify on each export, and recomputes the comune tally from them: the sections it
      lists, each one's tally digest and set-up, and every sum. Exit 0 when all holds, 1 if not.
`;

const MAX = 16 * 1024 * 1024;

export async function verifyComuneCommand(crypto: SeggioCrypto, args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'office-key': { type: 'string' }, training: { type: 'boolean', default: false }, workers: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('seggio verify-comune needs one DIR folder');
  if (!values['office-key']) throw new UsageError('seggio verify-comune needs --office-key: the key of the office that signed the comune tally');
  const dir = positionals[0]!;
  const officeKey = readPublicKeyArgument(values['office-key'], '--office-key');
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) throw new UsageError('--workers takes a whole number from 1 to 256');
  const failures: string[] = [];
  const lines: string[] = [`seggio verify-comune ${dir}`, ''];
  const read = (name: string): Buffer | null => {
    const path = join(dir, name);
    if (!existsSync(path) || !statSync(path).isFile() || statSync(path).size > MAX) {
      failures.push(`${name}: is missing, not a file or larger than ${MAX} bytes`);
      return null;
    }
    return readFileSync(path);
  };

  const bytes = read('comune-tally.json');
  const sig = read('comune-tally.json.sig');
  let signed: ComuneTally | null = null;
  if (bytes && sig) {
    const sidecar = parseSidecar(sig);
    const verified = sidecar.ok ? verifySidecar(crypto, bytes, sidecar.value, officeKey) : sidecar;
    if (!verified.ok) failures.push(`comune-tally.json: ${verified.error}`);
    const json = parseStrictJson(bytes, { maxBytes: MAX, maxDepth: 16 });
    if (!json.ok) failures.push(`comune-tally.json: ${json.error.path}: ${json.error.message}`);
    else if ((json.value as { format?: unknown }).format !== 'seggio/comune-tally@1') failures.push('comune-tally.json: is not a seggio/comune-tally@1 document');
    else signed = json.value as unknown as ComuneTally;
  }

  const sectionsDir = join(dir, 'sections');
  const folders = existsSync(sectionsDir) ? readdirSync(sectionsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];
  const counted: { tally: SectionTally; setup: string }[] = [];
  let electionBytes: Buffer | null = null;
  for (const name of folders) {
    const bundle = join(sectionsDir, name);
    const report = await verifyBundle(crypto, bundle, { officeKey, workers, training: values.training });
    if (!report.ok) {
      failures.push(`sections/${name}: seggio verify fails (run it on the folder for every reason)`);
      continue;
    }
    const election = readFileSync(join(bundle, 'election.json'));
    if (electionBytes && !election.equals(electionBytes)) failures.push(`sections/${name}: is of another election than the other sections`);
    electionBytes ??= election;
    counted.push({ tally: JSON.parse(readFileSync(join(bundle, 'tally.json'), 'utf8')) as SectionTally, setup: crypto.sha256Hex(readFileSync(join(bundle, 'setup.json'))) });
    lines.push(`ok    sections/${name}: verified`);
  }
  if (folders.length === 0) failures.push('sections/: no section exports to recompute the tally from');

  if (signed && electionBytes) {
    const parsed = parseElection(electionBytes);
    if (!parsed.ok) failures.push('the sections\' election.json does not parse');
    else {
      const election = parsed.value;
      const mine = comuneTally({ election: crypto.sha256Hex(electionBytes), comune: election.comune.istat, sectionsTotal: election.sections.length, scrutinyOrder: election.scrutinyOrder, sections: counted });
      if (signed.election !== mine.election) failures.push('comune-tally.json: is for another election than the sections');
      if (signed.comune !== mine.comune || signed.sectionsTotal !== mine.sectionsTotal) failures.push('comune-tally.json: names another comune or number of sections than the election');
      const listed = (t: ComuneTally) => t.sections.map((s) => `${s.section} ${s.tallyDigest} ${s.setup}`);
      for (const s of listed(signed)) if (!listed(mine).includes(s)) failures.push(`comune-tally.json: lists section ${s.split(' ')[0]} with a tally digest or set-up no export here has`);
      for (const s of listed(mine)) if (!listed(signed).includes(s)) failures.push(`sections: the export of section ${s.split(' ')[0]} is not listed in comune-tally.json`);
      for (const c of mine.contests) {
        const theirs = signed.contests?.find((x) => x.id === c.id);
        if (canonicalJson(theirs ?? null) !== canonicalJson(c)) failures.push(`comune-tally.json: contest ${c.id}: the sums are not those of the sections`);
        else lines.push(`ok    contest ${c.id}: ${c.voters.T} voters in ${mine.sections.length} sections, every sum recomputed`);
      }
    }
  }
  for (const f of failures) lines.push(`fail  ${f}`);
  lines.push('', failures.length === 0 ? 'RESULT: PASS: the comune tally is the sum of the sections listed' : `RESULT: FAIL: ${failures.length} problems`);
  io.out.write(`${lines.join('\n')}\n`);
  return failures.length === 0 ? EXIT.ok : EXIT.failed;
}
