// `seggio verify BUNDLE --office-key KEY [--tally-digest HEX] [--json] [--workers N] [--training] [--verbose] [--lang it|de|en]`
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { SeggioCrypto } from '@seggio/crypto';
import { readPublicKeyArgument } from '../election.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { verifyBundle } from './verify.js';
import { LANGUAGES, words, type Language } from './words.js';

export const VERIFY_USAGE = `Usage:
  seggio verify BUNDLE --office-key KEY [--tally-digest HEX] [--json] [--workers N] [--training] [--verbose] [--lang it|de|en]
      Checks an exported bundle without trusting the console: every signature, every ballot
      (re-decrypted when urna-key.json is there), a full recount, every count reconciled, the logs,
      and that every signing key has the office's certificate for its role and the comune (machines/).
      KEY is the electoral office's public key, base64 or a file holding it. --tally-digest requires
      the tally digest that the seat's paper verbale carries (its QR code), 64 hex digits. --json prints a report
      for machines; --workers sets the threads for the ballots (default: every core); --verbose also
      lists what passed; --lang says the report's checks, result and figures in Italian, German or
      English (the default; the details stay in English). Each contest's figures are listed as
      recounted beside the signed tally's. Exit 0 when everything holds, 1 when something fails, 2 for a usage error.
`;

export async function verifyCommand(crypto: SeggioCrypto, args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'office-key': { type: 'string' },
      'tally-digest': { type: 'string' },
      json: { type: 'boolean', default: false },
      workers: { type: 'string' },
      training: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      lang: { type: 'string', default: 'en' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('seggio verify needs one BUNDLE folder');
  if (!values['office-key']) throw new UsageError('seggio verify needs --office-key: the electoral office key to check the election against');
  const bundle = positionals[0]!;
  if (!existsSync(bundle) || !statSync(bundle).isDirectory()) throw new UsageError(`${bundle}: not a folder`);
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) throw new UsageError('--workers takes a whole number from 1 to 256');
  const language = values.lang as Language;
  if (!LANGUAGES.includes(language)) throw new UsageError(`--lang ${values.lang}: the report is said in it, de or en`);
  const officeKey = readPublicKeyArgument(values['office-key'], '--office-key');
  const tallyDigest = values['tally-digest'] ?? null;
  if (tallyDigest !== null && !/^[0-9a-fA-F]{64}$/.test(tallyDigest)) throw new UsageError('--tally-digest takes the 64 hex digits of the SHA-256 printed on the verbale');
  const report = await verifyBundle(crypto, bundle, { officeKey, workers, training: values.training, tallyDigest });
  io.out.write(values.json ? `${JSON.stringify(report.toJson(bundle), null, 2)}\n` : report.toText(bundle, values.verbose, words(language)));
  return report.ok ? EXIT.ok : EXIT.failed;
}
