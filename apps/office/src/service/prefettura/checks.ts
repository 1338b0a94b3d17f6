// The checks of one comune's package at the Prefettura (docs/design.md §7): `seggio verify-comune`'s own
// (apps/cli's verifyComune, run with the office key pinned for the comune the tally names), then this
// consultation, and one counted tally per comune. Returns the action for the package's state machine.
import { parseStrictJson, type Election, type SexCounts, type SummedContest } from '@seggio/ballot-core';
import { verifyComune, type ComuneFailure } from '@seggio/cli/library';
import type { SeggioCrypto } from '@seggio/crypto';
import { problem, type Problem } from '../../shared/codes.js';
import { unpack } from '../archive.js';
import type { SubmissionAction } from '../submission.js';
import { otherElectionField, type PrefetturaConfig } from './config.js';
import { readComunePackage } from './package.js';
import type { ComuneIdentified, PrefetturaStore } from './store.js';

const MAX_PROBLEMS = 40;

export interface PrefetturaContext {
  readonly crypto: SeggioCrypto;
  readonly store: PrefetturaStore;
  readonly config: PrefetturaConfig;
}

/** What the Prefettura sums of an accepted comune, kept as JSON beside its package. */
export interface CountedComune {
  readonly comune: string;
  readonly sectionsTotal: number;
  readonly sectionsCounted: number;
  /** The consultation's contests as the comune tally sums them, and as the comune's election defines them. */
  readonly contests: readonly SummedContest[];
  readonly definitions: Election['contests'];
  /** Per checkpoint, the sections of the tally that reported it and their sums. */
  readonly turnout: Readonly<Record<string, { readonly sections: number; readonly contests: Readonly<Record<string, SexCounts>> }>>;
}

const refused = (problems: readonly Problem[], identified: ComuneIdentified | null = null) => ({ action: { type: 'refused', problems } as SubmissionAction, identified });

function asProblem(comune: string, f: ComuneFailure): Problem {
  if (f.check === 'signature') return problem('comune-signature', { comune, reason: f.detail });
  if (f.check === 'listed' || f.check === 'unlisted') return problem('comune-section-mismatch', { comune, place: f.place, detail: f.detail });
  return problem('comune-check-failed', { comune, check: f.check, place: f.place, detail: f.detail.slice(0, 300) });
}

export async function judgeComune(ctx: PrefetturaContext, archive: Uint8Array): Promise<{ action: SubmissionAction; identified: ComuneIdentified | null }> {
  const read = await readComunePackage(archive);
  if (!read.ok) return refused([read.problem]);
  const pkg = read.value;
  // The comune the tally names chooses the key it is checked with; the signature is then that key's.
  const json = parseStrictJson(pkg.tally, { maxBytes: 16 * 1024 * 1024, maxDepth: 16 });
  const named = json.ok ? (json.value as { comune?: unknown } | null)?.comune : undefined;
  if (typeof named !== 'string') return refused([problem('comune-check-failed', { comune: '?', check: 'format', place: 'comune-tally.json', detail: json.ok ? 'names no comune' : `${json.error.path}: ${json.error.message}` })]);
  const comune = ctx.config.comuni.find((c) => c.istat === named);
  if (!comune) return refused([problem('comune-unknown', { comune: named.slice(0, 40) })]);

  const unpacked = pkg.sections.map((s) => ({ name: s.name, ...unpack(s.files) }));
  let result;
  try {
    result = await verifyComune(ctx.crypto, { tally: pkg.tally, signature: pkg.signature, officeKey: comune.officeKey, sections: unpacked, training: ctx.config.training, workers: 1 });
  } finally {
    for (const u of unpacked) u.remove();
  }
  if (!result.ok) return refused(result.failures.slice(0, MAX_PROBLEMS).map((f) => asProblem(comune.istat, f)));
  const election = result.election!.value;
  const other = otherElectionField(ctx.config, election);
  if (other) return refused([problem('comune-other-election', { comune: comune.istat, field: other })]);

  const ids = ctx.config.contests.map((c) => c.id);
  const turnout: Record<string, { sections: number; contests: Record<string, SexCounts> }> = {};
  for (const { tally } of result.counted) {
    for (const report of tally.turnout) {
      const cp = (turnout[report.checkpoint] ??= { sections: 0, contests: {} });
      cp.sections++;
      for (const id of ids) {
        const f = report.contests[id];
        if (!f) continue;
        const sum = (cp.contests[id] ??= { M: 0, F: 0, T: 0 });
        cp.contests[id] = { M: sum.M + f.M, F: sum.F + f.F, T: sum.T + f.T };
      }
    }
  }
  const counted: CountedComune = {
    comune: comune.istat, sectionsTotal: result.tally!.sectionsTotal, sectionsCounted: result.tally!.sections.length,
    contests: result.tally!.contests.filter((c) => ids.includes(c.id)), definitions: election.contests.filter((c) => ids.includes(c.id)), turnout,
  };
  const identified: ComuneIdentified = { comune: comune.istat, tallyDigest: ctx.crypto.sha256Hex(pkg.tally), counted: JSON.stringify(counted) };
  const accepted = ctx.store.acceptedFor(comune.istat);
  if (accepted?.tallyDigest === identified.tallyDigest) return refused([problem('comune-same-tally', { comune: comune.istat, accepted: accepted.id })], identified);
  if (accepted) return { action: { type: 'conflicts', problems: [problem('comune-second-tally', { comune: comune.istat, accepted: accepted.id })] }, identified };
  return { action: { type: 'verified', flags: [] }, identified };
}
