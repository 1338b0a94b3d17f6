// The checks of a signed comune tally (`seggio/comune-tally@1`, docs/design.md §7) against the sections'
// public exports, as a library: `seggio verify-comune` words them for the command line, and the
// Prefettura's office (apps/office) runs them on each comune it imports, with that comune's pinned key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, comuneTally, parseElection, parseSidecar, parseStrictJson, verifySidecar, type ComuneTally, type Election, type SectionTally } from '@seggio/ballot-core';
import type { SeggioCrypto } from '@seggio/crypto';
import { verifyBundle } from '../verify/verify.js';

/** What each failure is about: the office's signature, the document, a section's export, the election, the list of sections, the sums. */
export type ComuneCheck = 'files' | 'signature' | 'format' | 'section' | 'election' | 'comune' | 'listed' | 'unlisted' | 'sums';

export interface ComuneFailure {
  readonly check: ComuneCheck;
  /** The file or section it is about: `comune-tally.json`, `sections/3`, `contest REF-1`. */
  readonly place: string;
  /** The reason, in English. */
  readonly detail: string;
}

export interface ComuneInput {
  /** comune-tally.json and its .sig sidecar, as the office published them. */
  readonly tally: Uint8Array;
  readonly signature: Uint8Array;
  /** The key the tally must be signed with: the comune's office key, given by whoever checks. */
  readonly officeKey: Uint8Array;
  /** Each section's public export, unpacked in a folder, by name. */
  readonly sections: readonly { readonly name: string; readonly dir: string }[];
  readonly training: boolean;
  readonly workers: number;
}

export interface ComuneVerification {
  readonly ok: boolean;
  readonly failures: readonly ComuneFailure[];
  /** The signed tally, when it parses as one (signed or not: see failures). */
  readonly tally: ComuneTally | null;
  /** The sections' election.json, when they all have the same one and it parses. */
  readonly election: { readonly bytes: Uint8Array; readonly value: Election } | null;
  /** The sections whose export passed `seggio verify`, with their tallies. */
  readonly counted: readonly { readonly name: string; readonly tally: SectionTally; readonly setup: string }[];
  /** What held, one line each, for the command line's report. */
  readonly passed: readonly string[];
}

const MAX = 16 * 1024 * 1024;

export async function verifyComune(crypto: SeggioCrypto, input: ComuneInput): Promise<ComuneVerification> {
  const failures: ComuneFailure[] = [];
  const passed: string[] = [];
  const fail = (check: ComuneCheck, place: string, detail: string) => failures.push({ check, place, detail });

  let signed: ComuneTally | null = null;
  const sidecar = parseSidecar(input.signature);
  const verified = sidecar.ok ? verifySidecar(crypto, input.tally, sidecar.value, input.officeKey) : sidecar;
  if (!verified.ok) fail('signature', 'comune-tally.json', verified.error);
  const json = parseStrictJson(input.tally, { maxBytes: MAX, maxDepth: 16 });
  if (!json.ok) fail('format', 'comune-tally.json', `${json.error.path}: ${json.error.message}`);
  else if ((json.value as { format?: unknown } | null)?.format !== 'seggio/comune-tally@1') fail('format', 'comune-tally.json', 'is not a seggio/comune-tally@1 document');
  else signed = json.value as unknown as ComuneTally;

  const counted: { name: string; tally: SectionTally; setup: string }[] = [];
  let electionBytes: Buffer | null = null;
  for (const { name, dir } of input.sections) {
    const report = await verifyBundle(crypto, dir, { officeKey: input.officeKey, workers: input.workers, training: input.training });
    if (!report.ok) {
      fail('section', `sections/${name}`, 'seggio verify fails (run it on the export for every reason)');
      continue;
    }
    const election = readFileSync(join(dir, 'election.json'));
    if (electionBytes && !election.equals(electionBytes)) fail('election', `sections/${name}`, 'is of another election than the other sections');
    electionBytes ??= election;
    counted.push({ name, tally: JSON.parse(readFileSync(join(dir, 'tally.json'), 'utf8')) as SectionTally, setup: crypto.sha256Hex(readFileSync(join(dir, 'setup.json'))) });
    passed.push(`sections/${name}: verified`);
  }
  if (input.sections.length === 0) fail('files', 'sections/', 'no section exports to recompute the tally from');

  let election: ComuneVerification['election'] = null;
  if (electionBytes) {
    const parsed = parseElection(electionBytes);
    if (!parsed.ok) fail('election', 'election.json', 'the sections\' election.json does not parse');
    else election = { bytes: electionBytes, value: parsed.value };
  }
  if (signed && election) {
    const e = election.value;
    const mine = comuneTally({ election: crypto.sha256Hex(election.bytes), comune: e.comune.istat, sectionsTotal: e.sections.length, scrutinyOrder: e.scrutinyOrder, sections: counted });
    if (signed.election !== mine.election) fail('election', 'comune-tally.json', 'is for another election than the sections');
    if (signed.comune !== mine.comune || signed.sectionsTotal !== mine.sectionsTotal) fail('comune', 'comune-tally.json', 'names another comune or number of sections than the election');
    const listed = (t: ComuneTally) => (Array.isArray(t.sections) ? (t.sections as ComuneTally['sections']) : []).map((s) => `${s.section} ${s.tallyDigest} ${s.setup}`);
    for (const s of listed(signed)) if (!listed(mine).includes(s)) fail('listed', 'comune-tally.json', `lists section ${s.split(' ')[0]} with a tally digest or set-up no export here has`);
    for (const s of listed(mine)) if (!listed(signed).includes(s)) fail('unlisted', 'sections', `the export of section ${s.split(' ')[0]} is not listed in comune-tally.json`);
    for (const c of mine.contests) {
      const theirs = Array.isArray(signed.contests) ? (signed.contests as ComuneTally['contests']).find((x) => x.id === c.id) : undefined;
      if (canonicalJson(theirs ?? null) !== canonicalJson(c)) fail('sums', `contest ${c.id}`, 'the sums are not those of the sections');
      else passed.push(`contest ${c.id}: ${c.voters.T} voters in ${mine.sections.length} sections, every sum recomputed`);
    }
  }
  return { ok: failures.length === 0, failures, tally: signed, election, counted, passed };
}
