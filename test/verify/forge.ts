// What an attacker does to a bundle (issue: provenance), as code: re-sign it with keys of their own,
// or, holding a corrupt console's key, add a phantom booth with ballots of its own; every signature,
// count, digest, log chain and the tally made to agree again, so that only provenance can tell.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  ballotLine, ballotSignatureMessage, ballotsDigest, decodeBallotPlaintext, documentBytes, encodeBallotPlaintext, encodeSidecar, nextEntry, parseElection, signBytes, signCertificate, tallyCsv, tallySection,
  type BallotLine, type BoothSeal, type CountedBallot, type Election, type LogEntry, type PollbookDocument, type Setup, type TallyDocument, type ZeroReport,
} from '@seggio/ballot-core';
import { fromBase64, toBase64, toHex, type SigningKeyPair } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';

const read = <T>(dir: string, name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;

export function writeSigned(dir: string, name: string, bytes: Uint8Array, key: SigningKeyPair): void {
  writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, `${name}.sig`), encodeSidecar(signBytes(nodeCrypto, bytes, key)));
}

const rewrite = <T extends object>(dir: string, name: string, key: SigningKeyPair, change: (doc: T) => T) => writeSigned(dir, name, documentBytes(change(read<T>(dir, name))), key);

/** The tally's file digests made right again, the tally signed by `console`. */
export function relist(dir: string, console: SigningKeyPair, change: (tally: TallyDocument) => TallyDocument = (t) => t): void {
  const names = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((n) => n !== 'tally.json' && n !== 'tally.json.sig')
    .sort();
  const files = Object.fromEntries(names.map((n) => [n, nodeCrypto.sha256Hex(readFileSync(join(dir, n)))]));
  rewrite<TallyDocument>(dir, 'tally.json', console, (t) => ({ ...change(t), files }));
}

/** A certificate in machines/, signed by `signer` (the office, or anyone else). */
export function putCertificate(dir: string, signer: SigningKeyPair, fields: { comune: string; role: 'console' | 'booth'; machine: string; publicKey: string }): void {
  const signed = signCertificate(nodeCrypto, signer, fields);
  writeFileSync(join(dir, 'machines', `${fields.machine}.json`), signed.bytes);
  writeFileSync(join(dir, 'machines', `${fields.machine}.json.sig`), encodeSidecar(signed.sidecar));
}

/**
 * The outsider's forgery: the same election and its office signature, every other signature by keys
 * the attacker made. `machines`: 'drop' removes the certificates, 'forge' writes new ones signed by
 * the attacker's own "office" key.
 */
export function rekey(dir: string, machines: 'drop' | 'forge'): { console: SigningKeyPair } {
  const election = (parseElection(readFileSync(join(dir, 'election.json'))) as { ok: true; value: Election }).value;
  const setup = read<Setup>(dir, 'setup.json');
  const console = nodeCrypto.generateSigningKeyPair();
  const booths = new Map(setup.booths.map((b) => [b.id, nodeCrypto.generateSigningKeyPair()]));
  const key = (id: string) => toBase64(booths.get(id)!.publicKey);
  rewrite<Setup>(dir, 'setup.json', console, (s) => ({ ...s, console: toBase64(console.publicKey), booths: s.booths.map((b) => ({ ...b, publicKey: key(b.id) })) }));
  for (const b of setup.booths) {
    const zeroName = `booths/${b.id}.zero-report.json`;
    rewrite<ZeroReport>(dir, zeroName, booths.get(b.id)!, (z) => ({ ...z, boothKey: key(b.id), console: toBase64(console.publicKey) }));
    const zeroDigest = nodeCrypto.sha256Hex(readFileSync(join(dir, zeroName)));
    rewrite<BoothSeal>(dir, `booths/${b.id}.json`, booths.get(b.id)!, (s) => ({ ...s, zeroReport: zeroDigest }));
  }
  const lines = readFileSync(join(dir, 'ballots.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as BallotLine);
  const resigned = lines.map((l) => ({ ...l, sig: toBase64(nodeCrypto.sign(ballotSignatureMessage(setup.election, setup.section, l.contest, fromBase64(l.ct)), booths.get(l.booth)!)) }));
  writeFileSync(join(dir, 'ballots.jsonl'), resigned.map((l) => `${ballotLine(l)}\n`).join(''));
  for (const name of ['pollbook.json', 'urna-key.json']) rewrite<object>(dir, name, console, (d) => d);
  rmSync(join(dir, 'machines'), { recursive: true, force: true });
  if (machines === 'forge') {
    const office = nodeCrypto.generateSigningKeyPair();
    const fields = (role: 'console' | 'booth', machine: string, publicKey: string) => ({ comune: election.comune.istat, role, machine, publicKey });
    mkdirSync(join(dir, 'machines'));
    putCertificate(dir, office, fields('console', setup.consoleMachine, toBase64(console.publicKey)));
    for (const b of setup.booths) putCertificate(dir, office, fields('booth', b.machine, key(b.id)));
  }
  relist(dir, console);
  return { console };
}

/**
 * The corrupt console's forgery: its own key kept, a booth `id` added whose key the attacker made,
 * with `count` blank ballots in every contest, its zero report, seal and log, the poll book and the
 * tally counted again. `certificate`: one for the phantom signed by this key, or none.
 */
export function addPhantomBooth(dir: string, console: SigningKeyPair, id: string, machine: string, count: number, certificate: SigningKeyPair | null = null): void {
  const electionBytes = readFileSync(join(dir, 'election.json'));
  const election = (parseElection(electionBytes) as { ok: true; value: Election }).value;
  const setup = read<Setup>(dir, 'setup.json');
  const phantom = nodeCrypto.generateSigningKeyPair();
  const publicKey = toBase64(phantom.publicKey);
  const urna = read<{ publicKey: string; secretKey: string }>(dir, 'urna-key.json');
  rewrite<Setup>(dir, 'setup.json', console, (s) => ({ ...s, booths: [...s.booths, { id, publicKey, machine }] }));
  if (certificate) putCertificate(dir, certificate, { comune: election.comune.istat, role: 'booth', machine, publicKey });

  const empty = Object.fromEntries(election.scrutinyOrder.map((c) => [c, { count: 0, ballotsDigest: ballotsDigest([]) }]));
  const zero: ZeroReport = { format: 'seggio/zero-report@1', election: setup.election, section: setup.section, booth: id, software: 'seggio-booth/0.1.0', boothKey: publicKey, console: setup.console, urnaPublicKey: setup.urnaPublicKey, contests: empty, counter: 0 };
  writeSigned(dir, `booths/${id}.zero-report.json`, documentBytes(zero), phantom);
  const added: BallotLine[] = [];
  for (const contestId of election.scrutinyOrder) {
    const contest = election.contests.find((c) => c.id === contestId)!;
    for (let i = 0; i < count; i++) {
      const ct = nodeCrypto.seal(encodeBallotPlaintext(setup.election, contest, { blank: true }), fromBase64(setup.urnaPublicKey));
      added.push({ h: toHex(nodeCrypto.sha256(ct)), contest: contestId, booth: id, ct: toBase64(ct), sig: toBase64(nodeCrypto.sign(ballotSignatureMessage(setup.election, setup.section, contestId, ct), phantom)) });
    }
  }
  const contests = Object.fromEntries(election.scrutinyOrder.map((c) => [c, { count, ballotsDigest: ballotsDigest(added.filter((b) => b.contest === c).map((b) => b.h).sort()) }]));
  const seal: BoothSeal = { format: 'seggio/booth-seal@1', election: setup.election, section: setup.section, booth: id, contests, sessions: { cast: count, cancelled: 0 }, zeroReport: nodeCrypto.sha256Hex(documentBytes(zero)) };
  writeSigned(dir, `booths/${id}.json`, documentBytes(seal), phantom);
  const lines = [...readFileSync(join(dir, 'ballots.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as BallotLine), ...added].sort((a, b) => (a.h < b.h ? -1 : 1));
  writeFileSync(join(dir, 'ballots.jsonl'), lines.map((l) => `${ballotLine(l)}\n`).join(''));

  // The phantom's voters, as men of the poll book and of the final turnout it reports (which only the
  // office's own record of the day's turnout contradicts); the tally counted again from every ballot.
  const final = election.turnoutCheckpoints.find((c) => c.final)?.id;
  const more = (f: { M: number; F: number; T: number }) => ({ M: f.M + count, F: f.F, T: f.T + count });
  rewrite<PollbookDocument>(dir, 'pollbook.json', console, (p) => ({
    ...p,
    turnout: p.turnout.map((t) => (t.checkpoint === final ? { ...t, contests: Object.fromEntries(Object.entries(t.contests).map(([c, f]) => [c, more(f)])) } : t)),
    contests: Object.fromEntries(Object.entries(p.contests).map(([c, v]) => [c, { voters: more(v.voters) }])),
    sessions: { ...p.sessions, enabled: p.sessions.enabled + count, cast: p.sessions.cast + count },
  }));
  const pollbook = read<PollbookDocument>(dir, 'pollbook.json');
  const ballots: Record<string, CountedBallot[]> = {};
  for (const l of lines) {
    const contest = election.contests.find((c) => c.id === l.contest)!;
    const opened = decodeBallotPlaintext(nodeCrypto.sealOpen(fromBase64(l.ct), { publicKey: fromBase64(urna.publicKey), secretKey: fromBase64(urna.secretKey) })!, setup.election, contest);
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    (ballots[l.contest] ??= []).push({ h: l.h, selection: opened.value });
  }
  const castSessions = Object.fromEntries(election.scrutinyOrder.map((c) => [c, ballots[c]?.length ?? 0]));
  const outcome = tallySection({ election, electionDigest: setup.election, section: setup.section, pollbook, ballots, castSessions });
  writeFileSync(join(dir, 'tally.csv'), tallyCsv(election, outcome.tally));
  const log = readFileSync(join(dir, 'log.jsonl'), 'utf8');
  const entry: LogEntry = nextEntry(undefined, 'store-opened', { state: 'unpaired' });
  writeFileSync(join(dir, 'log.jsonl'), `${log}${JSON.stringify({ source: `booth:${id}`, ...entry })}\n`);
  relist(dir, console, (t) => ({ ...t, ...outcome.tally, logHead: { ...t.logHead, [`booth:${id}`]: entry.hash } }));
}
