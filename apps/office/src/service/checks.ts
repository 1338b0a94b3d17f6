// The checks of one submission (docs/design.md §7): the verifier's own (`seggio verify`, as a library),
// then this election, the section's set-up against the one that reported turnout, and one counted
// result per section. Returns the action for the submission's state machine; writes nothing.
import { tallyDigest, type Election, type TallyDocument } from '@seggio/ballot-core';
import { CHECKS, verifyBundle, type CheckName } from '@seggio/cli/library';
import type { SeggioCrypto } from '@seggio/crypto';
import { problem, type Problem } from '../shared/codes.js';
import { readArchive, unpack } from './archive.js';
import type { SubmissionAction } from './submission.js';
import type { Identified, OfficeStore } from './store.js';

/** How many of the verifier's failures one submission shows: the first of each check say enough. */
const MAX_PROBLEMS = 40;

export interface OfficeContext {
  readonly crypto: SeggioCrypto;
  readonly store: OfficeStore;
  readonly election: Election;
  readonly electionDigest: string;
  readonly officeKey: Uint8Array;
}

export interface Judgement {
  readonly action: SubmissionAction;
  readonly identified: Identified | null;
}

const refused = (problems: readonly Problem[], identified: Identified | null = null): Judgement => ({ action: { type: 'refused', problems }, identified });

export async function judge(ctx: OfficeContext, archive: Uint8Array): Promise<Judgement> {
  const read = await readArchive(archive);
  if (!read.ok) return refused([read.problem]);
  const { files } = read;
  const electionBytes = files.get('election.json');
  if (electionBytes && ctx.crypto.sha256Hex(electionBytes) !== ctx.electionDigest) return refused([problem('other-election', { digest: ctx.crypto.sha256Hex(electionBytes) })]);

  const { dir, remove } = unpack(files);
  let report;
  try {
    report = await verifyBundle(ctx.crypto, dir, { officeKey: ctx.officeKey, workers: 1, training: ctx.election.training === true });
  } finally {
    remove();
  }
  const problems: Problem[] = [];
  for (const check of Object.keys(CHECKS) as CheckName[]) {
    for (const item of report.items.get(check) ?? []) {
      if (item.status !== 'fail' || problems.length >= MAX_PROBLEMS) continue;
      const place = [item.file && `${item.file}${item.line ? `:${item.line}` : ''}`, item.booth && `booth ${item.booth}`, item.contest && `contest ${item.contest}`].filter(Boolean).join(', ');
      problems.push(problem('bundle-check-failed', { check, place, detail: item.message.slice(0, 300) }));
    }
  }
  if (!report.ok && problems.length === 0) problems.push(problem('bundle-check-failed', { check: 'files', place: '', detail: 'the verifier found failures it could not list' }));
  if (problems.length > 0) return refused(problems);

  // Everything below was checked by the verifier: the tally and set-up are signed and parse.
  const tallyText = new TextDecoder().decode(files.get('tally.json'));
  const tally = JSON.parse(tallyText) as TallyDocument;
  const setup = ctx.crypto.sha256Hex(files.get('setup.json')!);
  const identified: Identified = { section: tally.section, setup, tallyDigest: tallyDigest(tally), tally: tallyText };
  if (!ctx.election.sections.some((s) => s.id === tally.section)) return refused([problem('section-unknown', { section: tally.section })], identified);

  const reported = ctx.store.turnoutSetup(tally.section);
  if (reported !== undefined && reported !== setup) return refused([problem('setup-not-turnout', { section: tally.section, setup, turnoutSetup: reported })], identified);
  const accepted = ctx.store.acceptedFor(tally.section);
  // Another copy of the result accepted (an export made again): the same signed tally, already counted.
  if (accepted?.tallyDigest === identified.tallyDigest) return refused([problem('same-result', { section: tally.section, accepted: accepted.id })], identified);
  if (accepted) return { action: { type: 'conflicts', problems: [problem('second-submission', { section: tally.section, accepted: accepted.id })] }, identified };
  const flags = reported === undefined ? [problem('no-turnout-reported', { section: tally.section })] : [];
  return { action: { type: 'verified', flags }, identified };
}
