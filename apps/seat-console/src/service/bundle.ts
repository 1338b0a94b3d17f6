// Writes the exported bundle exactly per docs/bundle-format.md: every signed file with its `.sig` sidecar over
// its exact bytes, ballots.jsonl sorted by h, and tally.json listing the digest of every other file.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  ballotLine, documentBytes, encodeSidecar, tallyCsv,
  type Election, type LogEntry, type PollbookDocument, type SectionTally, type Setup, type TallyDocument, type UrnaKeyDocument,
} from '@seggio/ballot-core';
import { fromBase64, toBase64, utf8, type BoxKeyPair, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import type { WireCertificate } from '@seggio/link';
import type { BoothRow, ConsoleStore, SignedDocument, StoredElection } from './store.js';

export interface BundleParts {
  readonly dir: string;
  readonly key: SigningKeyPair;
  /** The pinned office key, which signed election.json. */
  readonly officeKey: Uint8Array;
  readonly store: ConsoleStore;
  /** The election package as loaded: its bytes and the office's signature. */
  readonly stored: StoredElection;
  readonly election: Election;
  readonly tally: SectionTally;
  readonly pollbook: PollbookDocument;
  readonly setup: Setup;
  /** The console's own certificate (docs/design.md §6); the booths' are in the store. */
  readonly consoleCertificate: WireCertificate;
  /** The printable record (verbale.pdf), with the QR code of the tally's digest. */
  readonly verbale: Uint8Array;
  /** The rebuilt urna key for the audit set; null for the public export (docs/bundle-format.md, R22). */
  readonly urna: BoxKeyPair | null;
  /** Called once every figure is final, to log the signing before the log is written. */
  readonly beforeLog: () => void;
}

export function writeBundle(crypto: SeggioCrypto, parts: BundleParts): { files: string[] } {
  if (existsSync(parts.dir) && readdirSync(parts.dir).length > 0) throw new Error(`${parts.dir} is not empty: a bundle is never written over other files`);
  const staging = `${parts.dir}.partial-${Date.now().toString(36)}`;
  rmSync(staging, { recursive: true, force: true });
  const written = new Map<string, Uint8Array>();
  const put = (name: string, bytes: Uint8Array) => {
    mkdirSync(dirname(join(staging, name)), { recursive: true });
    writeFileSync(join(staging, name), bytes);
    written.set(name, bytes);
  };
  const putSigned = (name: string, bytes: Uint8Array, signer: Uint8Array, signature: Uint8Array) => {
    put(name, bytes);
    put(`${name}.sig`, utf8(encodeSidecar({ signer, signature })));
  };
  const signAndPut = (name: string, bytes: Uint8Array) => putSigned(name, bytes, parts.key.publicKey, crypto.sign(bytes, parts.key));
  const { store } = parts;

  putSigned('election.json', fromBase64(parts.stored.bytes), parts.officeKey, fromBase64(parts.stored.signature));
  signAndPut('setup.json', documentBytes(parts.setup));
  // Every machine's certificate, as the office signed it: what ties each key to the office (§7).
  const putCertificate = (machine: string, wire: WireCertificate) => putSigned(`machines/${machine}.json`, fromBase64(wire.bytes), fromBase64(wire.signer), fromBase64(wire.signature));
  putCertificate(parts.setup.consoleMachine, parts.consoleCertificate);
  const putBoothSigned = (name: string, booth: BoothRow, doc: SignedDocument | null) => {
    // Reconciled before the count, so every booth has both; a store that says otherwise is damaged.
    if (!doc) throw new Error(`booth ${booth.id} has no ${name} in the store`);
    putSigned(`booths/${booth.id}${name}`, fromBase64(doc.bytes), fromBase64(booth.publicKey), fromBase64(doc.signature));
  };
  for (const booth of store.booths()) {
    putCertificate(booth.machine, JSON.parse(booth.certificate) as WireCertificate);
    putBoothSigned('.json', booth, booth.seal);
    putBoothSigned('.zero-report.json', booth, booth.zeroReport);
  }
  put('ballots.jsonl', utf8(store.ballots().map((b) => `${ballotLine(b)}\n`).join('')));
  signAndPut('pollbook.json', documentBytes(parts.pollbook));
  if (parts.urna) {
    const urna: UrnaKeyDocument = { format: 'seggio/urna-key@1', publicKey: toBase64(parts.urna.publicKey), secretKey: toBase64(parts.urna.secretKey) };
    signAndPut('urna-key.json', documentBytes(urna));
  }
  put('tally.csv', utf8(tallyCsv(parts.election, parts.tally)));
  put('verbale.pdf', parts.verbale);

  parts.beforeLog();
  const logs: [string, LogEntry[]][] = [['console', store.log()], ...store.booths().map((b) => [`booth:${b.id}`, JSON.parse(b.log ?? '[]') as LogEntry[]] as [string, LogEntry[]])];
  put('log.jsonl', utf8(logs.flatMap(([source, entries]) => entries.map((e) => `${JSON.stringify({ source, ...e })}\n`)).join('')));
  const logHead = Object.fromEntries(logs.map(([source, entries]) => [source, entries.at(-1)?.hash ?? '']));

  const files = Object.fromEntries([...written.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, bytes]) => [name, crypto.sha256Hex(bytes)]));
  const tally: TallyDocument = { ...parts.tally, files, logHead };
  signAndPut('tally.json', documentBytes(tally));

  rmSync(parts.dir, { recursive: true, force: true });
  renameSync(staging, parts.dir);
  return { files: [...written.keys()].sort() };
}

