// What a voter's session takes at the booth: the enable token's checks (docs/threat-model.md R10) and
// the voter's ballots, each validated, sealed for the urna and signed (R1, R3).
import { ballotSignatureMessage, encodeBallotPlaintext, validate, type Election, type Refusal as BallotRefusal, type Selection } from '@seggio/ballot-core';
import { err, fromBase64Length, ok, toHex, type Result, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import { enableTokenBytes, type EnableToken } from '@seggio/link';
import type { OpenSession, TokenProblem } from './machine.js';
import { StoreError, type Pairing, type StoredBallot } from './store.js';

function decodeSignature(text: string): Uint8Array | null {
  try {
    return fromBase64Length(text, 64, 'signature');
  } catch {
    return null;
  }
}

/** What is wrong with a token's signature, booth, election, counter (`expected`) or contests; null if nothing. */
/** What is wrong with an enable token, as a code of the link's REFUSED_CODES with its figures; null when nothing is. */
export function tokenProblem(crypto: SeggioCrypto, token: EnableToken, signature: string, paired: { pairing: Pairing; election: Election } | null, expected: number): TokenProblem | null {
  if (!paired) return { code: 'not-paired', params: {} };
  const { pairing, election } = paired;
  const sig = decodeSignature(signature);
  return !sig || !crypto.verify(enableTokenBytes(token), sig, pairing.consoleKey)
    ? { code: 'token-not-signed', params: {} }
    : token.booth !== pairing.booth
      ? { code: 'token-other-booth', params: { booth: token.booth } }
      : token.election !== pairing.electionDigest
        ? { code: 'token-other-election', params: {} }
        : token.counter !== expected
          ? { code: 'token-counter', params: { counter: String(token.counter), expected: String(expected) } }
          : token.contests.some((c) => !election.contests.some((k) => k.id === c))
            ? { code: 'token-unknown-contest', params: {} }
            : null;
}

/** The session's ballots, one per contest it was enabled for, or the first contest whose selection the rules refuse. */
export function sealBallots(
  crypto: SeggioCrypto,
  key: SigningKeyPair,
  paired: { pairing: Pairing; election: Election },
  open: OpenSession,
  selections: Readonly<Record<string, Selection>>,
): Result<StoredBallot[], { contest: string; refusals: readonly BallotRefusal[] }> {
  const { pairing, election } = paired;
  const ballots: StoredBallot[] = [];
  for (const contestId of open.contests) {
    const contest = election.contests.find((c) => c.id === contestId);
    const selection = selections[contestId];
    // The machine let the cast through only with a selection for each contest of the session, and
    // the token only with contests of the election: either missing means the store was altered.
    if (!contest || !selection) throw new StoreError(`the open session names contest ${contestId}, which the election or the selections do not hold`);
    const checked = validate(contest, selection);
    if (!checked.ok) return err({ contest: contestId, refusals: checked.error });
    const ct = crypto.seal(encodeBallotPlaintext(pairing.electionDigest, contest, selection), pairing.urnaKey);
    const sig = crypto.sign(ballotSignatureMessage(pairing.electionDigest, pairing.section, contestId, ct), key);
    ballots.push({ h: toHex(crypto.sha256(ct)), contest: contestId, ct, sig });
  }
  return ok(ballots);
}
