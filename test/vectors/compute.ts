// Every byte string a bundle signs or hashes, recomputed from the files of a bundle with Seggio's own
// code (docs/bundle-format.md). make.ts writes the result as docs/vectors/vectors.json; the vectors
// test recomputes it from the committed bundles and compares.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  ballotSignatureMessage, ballotsDigest, canonicalJson, chainHash, decodeBallotPlaintext, describeBallotProblem, parseElection, parseSidecar, plaintextLength, tallyDigest,
  type BoothSeal, type Election, type LogEntry, type Setup, type TallyDocument,
} from '@seggio/ballot-core';
import { fingerprint, fromBase64, toHex, utf8 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';

const json = <T>(dir: string, name: string): T => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
const sha = (bytes: Uint8Array) => nodeCrypto.sha256Hex(bytes);

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

const keyVector = (role: string, base64: string) => {
  const raw = fromBase64(base64);
  return { role, base64, hex: toHex(raw), sha256: sha(raw), fingerprint: fingerprint(raw) };
};

/** Each signed file of a bundle: the sidecar's signer and signature in hex, and the digest of the signed bytes. */
function sidecars(dir: string) {
  return filesOf(dir)
    .filter((name) => name.endsWith('.sig'))
    .map((sig) => {
      const file = sig.slice(0, -'.sig'.length);
      const sidecar = parseSidecar(readFileSync(join(dir, sig)));
      if (!sidecar.ok) throw new Error(`${sig}: ${sidecar.error}`);
      const bytes = readFileSync(join(dir, file));
      return { file, signer: toHex(sidecar.value.signer), signature: toHex(sidecar.value.signature), sha256: sha(bytes), valid: nodeCrypto.verify(bytes, sidecar.value.signature, sidecar.value.signer) };
    });
}

const fileDigests = (dir: string) => filesOf(dir).filter((n) => n !== 'tally.json' && n !== 'tally.json.sig').map((file) => ({ file, sha256: sha(readFileSync(join(dir, file))) }));

function ballots(dir: string, election: Election, digest: string, setup: Setup) {
  const urna = json<{ publicKey: string; secretKey: string }>(dir, 'urna-key.json');
  const keyPair = nodeCrypto.boxKeyPairFromSecret(fromBase64(urna.secretKey));
  const lines = readFileSync(join(dir, 'ballots.jsonl'), 'utf8').split('\n').filter((l) => l);
  return lines.map((text, i) => {
    const line = JSON.parse(text) as { h: string; contest: string; booth: string; ct: string; sig: string };
    const contest = election.contests.find((c) => c.id === line.contest)!;
    const ct = fromBase64(line.ct);
    const plaintext = nodeCrypto.sealOpen(ct, keyPair);
    if (!plaintext) throw new Error(`ballots.jsonl line ${i + 1} does not open`);
    const selection = decodeBallotPlaintext(plaintext, digest, contest);
    if (!selection.ok) throw new Error(`ballots.jsonl line ${i + 1}: ${describeBallotProblem(selection.error)}`);
    return {
      line: i + 1, contest: line.contest, booth: line.booth,
      ct: toHex(ct), h: sha(ct), ephemeralPublicKey: toHex(ct.subarray(0, 32)),
      signatureMessage: toHex(ballotSignatureMessage(digest, setup.section, line.contest, ct)), signature: toHex(fromBase64(line.sig)),
      plaintext: toHex(plaintext), plaintextLength: plaintextLength(contest), selection: selection.value,
    };
  });
}

function digests(dir: string, election: Election, setup: Setup, lines: ReturnType<typeof ballots>) {
  const of = (hs: string[]) => ({ input: [...hs].sort().join(''), sha256: ballotsDigest(hs) });
  const out = [{ scope: 'empty', ...of([]) }];
  for (const contest of election.scrutinyOrder) {
    out.push({ scope: `contest ${contest}`, ...of(lines.filter((b) => b.contest === contest).map((b) => b.h)) });
    for (const booth of setup.booths) {
      const seal = json<BoothSeal>(dir, `booths/${booth.id}.json`);
      const mine = of(lines.filter((b) => b.contest === contest && b.booth === booth.id).map((b) => b.h));
      if (seal.contests[contest]?.ballotsDigest !== mine.sha256) throw new Error(`booth ${booth.id}'s seal disagrees for ${contest}`);
      out.push({ scope: `booth ${booth.id} contest ${contest}`, ...mine });
    }
  }
  return out;
}

function logChain(dir: string) {
  return readFileSync(join(dir, 'log.jsonl'), 'utf8').split('\n').filter((l) => l).map((text) => {
    const { source, ...e } = JSON.parse(text) as LogEntry & { source: string };
    const input = utf8(`${e.prev}\n${canonicalJson({ seq: e.seq, event: e.event, detail: e.detail })}`);
    return { source, seq: e.seq, input: toHex(input), hash: chainHash(e.prev, e.seq, e.event, e.detail) };
  });
}

function tallyVector(dir: string) {
  const { files: _files, logHead: _head, ...figures } = json<TallyDocument>(dir, 'tally.json');
  const canonical = canonicalJson(figures);
  return { canonical: toHex(utf8(canonical)), sha256: tallyDigest(json<TallyDocument>(dir, 'tally.json')) };
}

/** The machine certificates (seggio/machine@1), where the bundle has them. */
const machines = (dir: string) =>
  filesOf(dir).filter((n) => n.startsWith('machines/') && n.endsWith('.json')).map((file) => {
    const doc = json<{ role: string; machine: string; comune: string; publicKey: string }>(dir, file);
    return { file, role: doc.role, machine: doc.machine, comune: doc.comune, publicKey: toHex(fromBase64(doc.publicKey)) };
  });

/** The vectors of an audit set and of the public export of the same count. */
export function computeVectors(root: string) {
  const audit = join(root, 'audit');
  const pub = join(root, 'public');
  const electionBytes = readFileSync(join(audit, 'election.json'));
  const parsed = parseElection(electionBytes);
  if (!parsed.ok) throw new Error('election.json does not parse');
  const election = parsed.value;
  const digest = sha(electionBytes);
  const setup = json<Setup>(audit, 'setup.json');
  const urna = json<{ publicKey: string }>(audit, 'urna-key.json');
  const lines = ballots(audit, election, digest, setup);
  return {
    format: 'seggio/vectors@1',
    bundleFormat: 'seggio bundle 1',
    electionDigest: digest,
    keys: [
      keyVector('office', readFileSync(join(root, 'office.pub'), 'utf8').trim()),
      keyVector('console', setup.console),
      ...setup.booths.map((b) => keyVector(`booth ${b.id}`, b.publicKey)),
      keyVector('urna', urna.publicKey),
    ],
    plaintextLengths: Object.fromEntries(election.contests.map((c) => [c.id, plaintextLength(c)])),
    ballots: lines,
    ballotsDigests: digests(audit, election, setup, lines),
    zeroReports: setup.booths.map((b) => ({ booth: b.id, sha256: sha(readFileSync(join(audit, `booths/${b.id}.zero-report.json`))) })),
    log: { audit: logChain(audit), public: logChain(pub) },
    tally: { audit: tallyVector(audit), public: tallyVector(pub) },
    sidecars: { audit: sidecars(audit), public: sidecars(pub) },
    files: { audit: fileDigests(audit), public: fileDigests(pub) },
    machines: { audit: machines(audit), public: machines(pub) },
  };
}
