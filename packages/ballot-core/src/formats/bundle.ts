// The documents of an exported bundle (docs/bundle-format.md) and the bytes their signatures cover.
import { concatBytes, fromHex, pureCrypto, utf8 } from '@seggio/crypto';
import { canonicalJson } from '../plaintext.js';
import type { Pollbook, SectionTally, SexCounts } from '../tally/types.js';

export const BALLOT_DOMAIN = 'seggio/ballot@1';
const ID = /^[A-Za-z0-9._-]+$/;

/**
 * The message a booth signs for one ballot: "seggio/ballot@1" 0x00 <election digest, 32 raw bytes>
 * 0x00 <section id> 0x00 <contest id> 0x00 <ct bytes>.
 */
export function ballotSignatureMessage(electionDigest: string, section: string, contest: string, ct: Uint8Array): Uint8Array {
  if (!ID.test(section) || !ID.test(contest)) throw new RangeError('section and contest ids must match [A-Za-z0-9._-]+');
  const zero = Uint8Array.of(0);
  return concatBytes(utf8(BALLOT_DOMAIN), zero, fromHex(electionDigest), zero, utf8(section), zero, utf8(contest), zero, ct);
}

/** Every document is written as indented JSON with a final newline; signatures cover these bytes. */
export const documentBytes = (document: object): Uint8Array => utf8(`${JSON.stringify(document, null, 2)}\n`);

export const EMPTY_DIGEST = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface ContestSeal {
  readonly count: number;
  readonly ballotsDigest: string;
}

/** What a booth signs before opening (docs/threat-model.md R14): an empty box, counter 0. */
export interface ZeroReport {
  readonly format: 'seggio/zero-report@1';
  readonly election: string;
  readonly section: string;
  readonly booth: string;
  readonly software: string;
  readonly boothKey: string;
  readonly console: string;
  readonly urnaPublicKey: string;
  readonly contests: Readonly<Record<string, ContestSeal>>;
  readonly counter: 0;
}

export interface BoothSeal {
  readonly format: 'seggio/booth-seal@1';
  readonly election: string;
  readonly section: string;
  readonly booth: string;
  readonly contests: Readonly<Record<string, ContestSeal>>;
  readonly sessions: { readonly cast: number; readonly cancelled: number };
  /** SHA-256 of the zero report's bytes, hex. */
  readonly zeroReport: string;
}

export interface Setup {
  readonly format: 'seggio/setup@1';
  readonly election: string;
  readonly section: string;
  readonly console: string;
  /** The console's machine id: its certificate is machines/<consoleMachine>.json (docs/design.md §6). */
  readonly consoleMachine: string;
  readonly urnaPublicKey: string;
  readonly booths: readonly { readonly id: string; readonly publicKey: string; readonly machine: string }[];
  readonly shares: { readonly threshold: number; readonly count: number };
}

export interface UrnaKeyDocument {
  readonly format: 'seggio/urna-key@1';
  readonly publicKey: string;
  readonly secretKey: string;
}

export interface PollbookDocument extends Pollbook {
  readonly election: string;
  readonly section: string;
}

export interface TallyDocument extends SectionTally {
  readonly files: Readonly<Record<string, string>>;
  readonly logHead: Readonly<Record<string, string>>;
}

/** One line of ballots.jsonl, keys in this order. */
export interface BallotLine {
  readonly h: string;
  readonly contest: string;
  readonly booth: string;
  readonly ct: string;
  readonly sig: string;
}

export const ballotLine = (b: BallotLine): string => JSON.stringify({ h: b.h, contest: b.contest, booth: b.booth, ct: b.ct, sig: b.sig });

export type { SexCounts };

/**
 * The tally's digest, printed as a QR code on verbale.pdf: SHA-256 of the RFC 8785 canonical JSON of
 * the tally's figures, that is tally.json without `files` and `logHead`. (tally.json lists the digest
 * of verbale.pdf, so the verbale cannot carry the digest of tally.json's own bytes.)
 */
export function tallyDigest(tally: SectionTally | TallyDocument): string {
  const { files: _files, logHead: _logHead, ...figures } = tally as TallyDocument;
  return pureCrypto.sha256Hex(utf8(canonicalJson(figures)));
}
