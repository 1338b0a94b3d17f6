// The "provenance" check (docs/design.md §6, docs/threat-model.md R30): every key that signs in the bundle has an
// office-signed certificate of its role for the election's comune, each machine named once; and, when
// the auditor gives it, the tally digest that the paper verbale carries. Without it a bundle proves only
// that it agrees with itself: anyone with the public election package can make one that does.
import { checkCertificate, describeCertificateProblem, MACHINE_ID, tallyDigest, type Election, type MachineRole, type Setup, type TallyDocument } from '@seggio/ballot-core';
import { fingerprint, fromBase64, type SeggioCrypto } from '@seggio/crypto';
import type { CheckName, Report } from './report.js';

/** What the check reads of the bundle: a file's bytes (a failure when it cannot), and whether it is there. */
export interface BundleFiles {
  has(name: string): boolean;
  bytes(name: string, check: CheckName): Uint8Array | null;
  list(folder: string): string[];
}

export interface ProvenanceInput {
  readonly officeKey: Uint8Array;
  readonly election: Election | null;
  readonly setup: Setup | null;
  readonly tally: TallyDocument | null;
  /** The digest printed on the paper verbale (its QR code), hex; null when not given. */
  readonly tallyDigest: string | null;
}

interface Named {
  readonly machine: unknown;
  readonly role: MachineRole;
  readonly publicKey: string;
  /** For the report: the console, or booth <id>. */
  readonly who: string;
  readonly booth?: string;
}

export function checkProvenance(crypto: SeggioCrypto, files: BundleFiles, report: Report, input: ProvenanceInput): void {
  const { setup, election } = input;
  if (!setup || !election) return report.fail('provenance', 'needs the set-up and the election: no key can be traced to the office');
  const named: Named[] = [
    { machine: setup.consoleMachine, role: 'console', publicKey: setup.console, who: 'the console' },
    ...(setup.booths ?? []).map((b): Named => ({ machine: b.machine, role: 'booth', publicKey: b.publicKey, who: `booth ${b.id}`, booth: b.id })),
  ];
  const seen = new Map<string, string>();
  for (const n of named) {
    const place = { file: 'setup.json', ...(n.booth ? { booth: n.booth } : {}) };
    if (typeof n.machine !== 'string' || !MACHINE_ID.test(n.machine)) {
      report.fail('provenance', `the set-up names no machine for ${n.who} (${n.role === 'console' ? 'consoleMachine' : 'booths[].machine'}): its key cannot be traced to the office`, place);
      continue;
    }
    if (seen.has(n.machine)) {
      report.fail('provenance', `machine ${n.machine} is named twice: for ${seen.get(n.machine)} and for ${n.who}`, place);
      continue;
    }
    seen.set(n.machine, n.who);
    checkMachine(crypto, files, report, input, n as Named & { machine: string });
  }
  const keys = named.map((n) => n.publicKey);
  if (new Set(keys).size !== keys.length) report.fail('provenance', 'one key signs for two machines of the set-up', { file: 'setup.json' });
  for (const file of files.list('machines')) {
    const machine = file.replace(/\.json(\.sig)?$/, '');
    if (!seen.has(machine)) report.add('provenance', 'warn', `a certificate of machine ${machine}, which the set-up does not name`, { file: `machines/${file}` });
  }
  if (input.tallyDigest !== null) {
    const actual = input.tally ? tallyDigest(input.tally) : null;
    if (actual !== input.tallyDigest.toLowerCase()) report.fail('provenance', `the tally's digest is ${actual ?? 'not known'}, not the ${input.tallyDigest} of the paper verbale: this is not the bundle the seat signed on paper`, { file: 'tally.json' });
    else report.pass('provenance', "the tally's digest is the one of the paper verbale", { file: 'tally.json' });
  }
}

function checkMachine(crypto: SeggioCrypto, files: BundleFiles, report: Report, input: ProvenanceInput, n: Named & { machine: string }): void {
  const name = `machines/${n.machine}.json`;
  const place = { file: name, ...(n.booth ? { booth: n.booth } : {}) };
  if (!files.has(name) || !files.has(`${name}.sig`)) {
    report.fail('provenance', `machine ${n.machine} (${n.who}) has no office certificate (${files.has(name) ? `${name}.sig` : name} is missing): its key ${fingerprint(fromBase64(n.publicKey))} is not traced to the office`, place);
    return;
  }
  const bytes = files.bytes(name, 'provenance');
  const sig = files.bytes(`${name}.sig`, 'provenance');
  if (!bytes || !sig) return;
  const comune = input.election!.comune.istat;
  const checked = checkCertificate(crypto, bytes, sig, input.officeKey, { role: n.role, machine: n.machine, publicKey: n.publicKey, comune });
  if (!checked.ok) {
    report.fail('provenance', `machine ${n.machine} (${n.who}): the certificate ${describeCertificateProblem(checked.error)}`, place);
    return;
  }
  report.pass('provenance', `machine ${n.machine} (${n.who}): enrolled by the office as a ${n.role} of comune ${comune}, key ${fingerprint(fromBase64(n.publicKey))}`, place);
}
