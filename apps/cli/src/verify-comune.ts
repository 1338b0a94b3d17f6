// `seggio verify-comune DIR --office-key KEY`: recomputes an office's signed comune tally
// (`seggio/comune-tally@1`, docs/design.md §7) from the sections' public exports: each export passes
// `seggio verify`, and the tally lists exactly them, by tally digest and set-up, with their sums
// (the checks in comune/verify.ts, which the Prefettura's office runs too).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SeggioCrypto } from '@seggio/crypto';
import { readPublicKeyArgument } from './election.js';
import { EXIT, UsageError, type Io } from './io.js';
import { verifyComune } from './comune/verify.js';

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
  const sectionsDir = join(dir, 'sections');
  const folders = existsSync(sectionsDir) ? readdirSync(sectionsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];
  const lines: string[] = [`seggio verify-comune ${dir}`, ''];
  if (bytes && sig) {
    const result = await verifyComune(crypto, { tally: bytes, signature: sig, officeKey, sections: folders.map((name) => ({ name, dir: join(sectionsDir, name) })), training: values.training, workers });
    for (const p of result.passed) lines.push(`ok    ${p}`);
    for (const f of result.failures) failures.push(`${f.place}: ${f.detail}`);
  }
  for (const f of failures) lines.push(`fail  ${f}`);
  lines.push('', failures.length === 0 ? 'RESULT: PASS: the comune tally is the sum of the sections listed' : `RESULT: FAIL: ${failures.length} problems`);
  io.out.write(`${lines.join('\n')}\n`);
  return failures.length === 0 ? EXIT.ok : EXIT.failed;
}
