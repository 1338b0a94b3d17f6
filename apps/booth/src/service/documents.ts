// What the booth makes of a confirmed set-up, and the two documents it signs (docs/design.md §3):
// the zero report, computed from the store and not asserted (R14), and the seal at close (R13).
import { documentBytes, EMPTY_DIGEST, parseElection, type BoothSeal, type Election, type Setup, type ZeroReport } from '@seggio/ballot-core';
import { fromBase64, toBase64, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import { chunkByBytes, type BoothMessage } from '@seggio/link';
import type { PendingSetup } from './machine.js';
import { StoreError, type BoothStore, type Pairing, type SignedDocument } from './store.js';

export const SOFTWARE = 'seggio-booth/0.1.0';

/** The pairing a confirmed set-up pins, and its election. */
export function pairingOf(crypto: SeggioCrypto, pending: PendingSetup): { pairing: Pairing; election: Election } {
  const { body } = pending;
  const electionBytes = fromBase64(body.election.bytes);
  const parsed = parseElection(electionBytes);
  if (!parsed.ok) throw new StoreError('the kept set-up no longer parses');
  const setup = JSON.parse(new TextDecoder().decode(fromBase64(body.setup.bytes))) as Setup;
  return {
    election: parsed.value,
    pairing: {
      booth: body.booth,
      section: setup.section,
      election: body.election,
      electionDigest: crypto.sha256Hex(electionBytes),
      setup: body.setup,
      consoleKey: fromBase64(pending.from),
      consoleMachine: pending.machine,
      urnaKey: fromBase64(setup.urnaPublicKey),
    },
  };
}

/** The zero report of a store just paired, signed; `empty` says whether the store holds nothing yet. */
export function zeroReport(crypto: SeggioCrypto, key: SigningKeyPair, store: BoothStore, pairing: Pairing, election: Election): { empty: boolean; digest: string; report: SignedDocument } {
  const figures = store.sealFigures(election.scrutinyOrder);
  const empty = Object.values(figures).every((f) => f.count === 0 && f.ballotsDigest === EMPTY_DIGEST) && store.lastTokenCounter() === 0;
  const report: ZeroReport = {
    format: 'seggio/zero-report@1',
    election: pairing.electionDigest,
    section: pairing.section,
    booth: pairing.booth,
    software: SOFTWARE,
    boothKey: toBase64(key.publicKey),
    console: toBase64(pairing.consoleKey),
    urnaPublicKey: toBase64(pairing.urnaKey),
    contests: figures,
    counter: 0,
  };
  const bytes = documentBytes(report);
  return { empty, digest: crypto.sha256Hex(bytes), report: { bytes: toBase64(bytes), signature: toBase64(crypto.sign(bytes, key)) } };
}

/**
 * What a closed booth sends (R13): its ballots and its log, in frames the console takes (R33), and the
 * seal last, which tells the console the booth is done.
 */
export function closingFrames(crypto: SeggioCrypto, key: SigningKeyPair, store: BoothStore, paired: { pairing: Pairing; election: Election }): BoothMessage[] {
  const ballots = chunkByBytes(store.ballots().map((b) => ({ h: b.h, contest: b.contest, ct: toBase64(b.ct), sig: toBase64(b.sig) })));
  const lines = chunkByBytes(store.log().map((e) => JSON.stringify(e)));
  return [...ballots.map((chunk) => ({ type: 'ballots' as const, ballots: chunk })), ...lines.map((chunk) => ({ type: 'log' as const, lines: chunk })), { type: 'seal', seal: seal(crypto, key, store, paired.pairing, paired.election) }];
}

/** The seal of a closed store: its figures, its sessions and the zero report it started from. */
function seal(crypto: SeggioCrypto, key: SigningKeyPair, store: BoothStore, pairing: Pairing, election: Election): SignedDocument {
  const report = store.zeroReport();
  if (!report) throw new StoreError('the store holds no zero report to seal against');
  const tokens = store.tokens();
  const document: BoothSeal = {
    format: 'seggio/booth-seal@1',
    election: pairing.electionDigest,
    section: pairing.section,
    booth: pairing.booth,
    contests: store.sealFigures(election.scrutinyOrder),
    sessions: { cast: tokens.filter((t) => t.outcome === 'cast').length, cancelled: tokens.filter((t) => t.outcome === 'cancelled').length },
    zeroReport: crypto.sha256Hex(fromBase64(report.bytes)),
  };
  const bytes = documentBytes(document);
  return { bytes: toBase64(bytes), signature: toBase64(crypto.sign(bytes, key)) };
}
