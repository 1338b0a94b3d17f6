// A console-signed turnout document (docs/design.md §7), sent with the set-up that signs it: checked
// against this election, its set-up's signature and digest, and the office's own record of the
// section. Returns what to keep, or why not; writes nothing.
import { parseSidecar, parseStrictJson, verifySidecar, type Setup, type TurnoutDocument } from '@seggio/ballot-core';
import { fromBase64, toBase64 } from '@seggio/crypto';
import { problem, type Problem } from '../shared/codes.js';
import type { OfficeContext } from './checks.js';
import type { TurnoutRow } from './store.js';

export interface TurnoutSubmission {
  readonly turnout: Uint8Array;
  readonly turnoutSignature: Uint8Array;
  readonly setup: Uint8Array;
  readonly setupSignature: Uint8Array;
}

/** What a turnout submission comes to: kept (accepted or as a conflict), already held, or refused. */
export type TurnoutJudgement =
  | { readonly kind: 'keep'; readonly row: Omit<TurnoutRow, 'id' | 'receivedAt'>; readonly problems: readonly Problem[] }
  | { readonly kind: 'held'; readonly row: TurnoutRow }
  | { readonly kind: 'refused'; readonly problems: readonly Problem[] };

const MAX_VOTERS = 100_000;

function document<T>(bytes: Uint8Array, format: string, field: string): { ok: true; value: T } | { ok: false; problem: Problem } {
  const json = parseStrictJson(bytes, { maxBytes: 64 * 1024, maxDepth: 6 });
  if (!json.ok) return { ok: false, problem: problem('turnout-document', { field: `${field}${json.error.path.slice(1)}`, reason: json.error.message }) };
  const value = json.value as { format?: unknown } | null;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value.format !== format) return { ok: false, problem: problem('turnout-document', { field: `${field}.format`, reason: `is not ${format}` }) };
  return { ok: true, value: value as T };
}

export function judgeTurnout(ctx: OfficeContext, input: TurnoutSubmission): TurnoutJudgement {
  const refuse = (p: Problem): TurnoutJudgement => ({ kind: 'refused', problems: [p] });
  const turnout = document<TurnoutDocument>(input.turnout, 'seggio/turnout@1', 'turnout');
  if (!turnout.ok) return refuse(turnout.problem);
  const setup = document<Setup>(input.setup, 'seggio/setup@1', 'setup');
  if (!setup.ok) return refuse(setup.problem);
  const t = turnout.value;
  const s = setup.value;
  if (t.election !== ctx.electionDigest) return refuse(problem('other-election', { digest: String(t.election).slice(0, 64) }));
  if (s.election !== ctx.electionDigest) return refuse(problem('turnout-setup-mismatch', { field: 'setup.election' }));
  if (typeof t.section !== 'string' || !ctx.election.sections.some((x) => x.id === t.section)) return refuse(problem('section-unknown', { section: String(t.section).slice(0, 40) }));
  if (s.section !== t.section) return refuse(problem('turnout-setup-mismatch', { field: 'setup.section' }));
  const setupDigest = ctx.crypto.sha256Hex(input.setup);
  if (t.setup !== setupDigest) return refuse(problem('turnout-setup-mismatch', { field: 'turnout.setup' }));
  if (!ctx.election.turnoutCheckpoints.some((c) => c.id === t.checkpoint)) return refuse(problem('turnout-checkpoint-unknown', { checkpoint: String(t.checkpoint).slice(0, 40) }));
  if (typeof t.contests !== 'object' || t.contests === null) return refuse(problem('turnout-document', { field: 'turnout.contests', reason: 'must be an object' }));
  for (const [contest, f] of Object.entries(t.contests)) {
    if (!ctx.election.scrutinyOrder.includes(contest)) return refuse(problem('turnout-contest-unknown', { contest: contest.slice(0, 40) }));
    const whole = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= MAX_VOTERS;
    if (!whole(f?.M) || !whole(f?.F) || !whole(f?.T) || f.M + f.F !== f.T) return refuse(problem('turnout-figures', { contest }));
  }

  // Signatures: the set-up by the console it names, the turnout by that same console.
  let consoleKey: Uint8Array;
  try {
    consoleKey = fromBase64(s.console);
  } catch {
    return refuse(problem('turnout-setup-mismatch', { field: 'setup.console' }));
  }
  for (const [file, bytes, sig] of [['setup.json', input.setup, input.setupSignature], ['turnout.json', input.turnout, input.turnoutSignature]] as const) {
    const sidecar = parseSidecar(sig);
    if (!sidecar.ok) return refuse(problem('turnout-signature', { file, reason: sidecar.error }));
    const verified = verifySidecar(ctx.crypto, bytes, sidecar.value, consoleKey);
    if (!verified.ok) return refuse(problem('turnout-signature', { file, reason: verified.error }));
  }

  const held = ctx.store.turnoutHeld(t.section, t.checkpoint, setupDigest);
  if (held) {
    // A replay of what is held is answered as held; the same checkpoint with other figures is not taken.
    return toBase64(held.document) === toBase64(input.turnout) ? { kind: 'held', row: held } : refuse(problem('turnout-replayed-different', { section: t.section, checkpoint: t.checkpoint }));
  }
  const reported = ctx.store.reportedSetup(t.section);
  const other = reported !== undefined && reported !== setupDigest;
  const row = {
    section: t.section, checkpoint: t.checkpoint, setup: setupDigest, state: other ? ('conflict' as const) : ('accepted' as const),
    document: input.turnout, signature: input.turnoutSignature, setupDocument: input.setup, setupSignature: input.setupSignature,
    figures: JSON.stringify(t.contests),
  };
  return { kind: 'keep', row, problems: other ? [problem('turnout-other-setup', { section: t.section, setup: setupDigest, turnoutSetup: reported })] : [] };
}
