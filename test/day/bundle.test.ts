// A simulated day on each fixture election (issue: booth and console services): the bundle's
// signatures verify with the OpenSSL command line and libsodium alone, its ballots open with libsodium
// using urna-key.json, and the recount equals the tally and expected.json.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ballotSignatureMessage, decodeBallotPlaintext, generateDay, parseElection, seededRandom, tallyDigest, tallySection, type CountedBallot, type Election, type PollbookDocument, type Setup, type TallyDocument } from '@seggio/ballot-core';
import { fromBase64, toBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { opensslVerify, pdfQrCodes, pdfText, REPO_ROOT, sodium } from '../support/index.js';
import { endDay, runDay, type DayResult } from '../simulate/day.js';

const FIXTURES = ['referendum-2020', 'sanvalle-2020', 'rivafonda-2020'];
const days: DayResult[] = [];
afterAll(async () => {
  for (const d of days) await endDay(d);
});

const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
const json = <T>(dir: string, name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;

describe.each(FIXTURES)('a simulated day on %s', (name) => {
  it('ends in a bundle that OpenSSL and libsodium verify, and whose recount is the tally and the expected counts', async () => {
    const electionBytes = readFileSync(join(REPO_ROOT, 'fixtures', `${name}.election.json`));
    const election = (parseElection(electionBytes) as { ok: true; value: Election }).value;
    const section = election.sections[0]!;
    const day = generateDay(election, section.id, 36, seededRandom(name.length));
    const out = mkdtempSync(join(tmpdir(), `seggio-day-${name}-`));
    const result = await runDay({ election, electionBytes, section: section.id, day, booths: section.booths, out, cancelEvery: 12 });
    days.push(result);
    const dir = result.bundle;

    // Every signature, by the key the set-up names for it, with OpenSSL and with libsodium.
    const setup = json<Setup>(dir, 'setup.json');
    const office = readFileSync(join(out, 'office.pub'), 'utf8').trim();
    const expectedSigner = (file: string) =>
      file === 'election.json' || file.startsWith('machines/') ? office : file.startsWith('booths/') ? setup.booths.find((b) => file.startsWith(`booths/${b.id}.`))!.publicKey : setup.console;
    const signed = files(dir).filter((f) => f.endsWith('.sig')).map((f) => f.slice(0, -4));
    expect(signed.sort()).toEqual(['booths/B1.json', 'booths/B1.zero-report.json', ...(section.booths > 1 ? ['booths/B2.json', 'booths/B2.zero-report.json'] : []), ...(section.booths > 2 ? ['booths/B3.json', 'booths/B3.zero-report.json'] : []), ...(section.booths > 3 ? ['booths/B4.json', 'booths/B4.zero-report.json'] : []), 'election.json', ...[setup.consoleMachine, ...setup.booths.map((x) => x.machine)].map((m) => `machines/${m}.json`).sort(), 'pollbook.json', 'setup.json', 'tally.json', 'urna-key.json']);
    const verdicts = sodium<{ valid: boolean }>(
      signed.map((f) => {
        const sig = json<{ signer: string; signature: string }>(dir, `${f}.sig`);
        expect([f, sig.signer]).toEqual([f, expectedSigner(f)]);
        expect(opensslVerify(readFileSync(join(dir, f)), fromBase64(sig.signature), fromBase64(sig.signer))).toBe(true);
        return { op: 'verify', publicKey: sig.signer, message: readFileSync(join(dir, f)).toString('base64'), signature: sig.signature };
      }),
    );
    expect(verdicts.every((v) => v.valid)).toBe(true);

    // Every ballot: its hash, its booth's signature and its opening, with libsodium.
    const tally = json<TallyDocument>(dir, 'tally.json');
    const urna = json<{ publicKey: string; secretKey: string }>(dir, 'urna-key.json');
    expect(urna.publicKey).toBe(setup.urnaPublicKey);
    const lines = readFileSync(join(dir, 'ballots.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { h: string; contest: string; booth: string; ct: string; sig: string });
    expect(lines.map((l) => l.h)).toEqual(lines.map((l) => l.h).sort());
    for (const l of lines) expect(nodeCrypto.sha256Hex(fromBase64(l.ct))).toBe(l.h);
    const ballotSigs = sodium<{ valid: boolean }>(lines.map((l) => ({ op: 'verify', publicKey: setup.booths.find((b) => b.id === l.booth)!.publicKey, message: toBase64(ballotSignatureMessage(tally.election, section.id, l.contest, fromBase64(l.ct))), signature: l.sig })));
    expect(ballotSigs.every((v) => v.valid)).toBe(true);
    const opened = sodium<{ message?: string; error?: string }>(lines.map((l) => ({ op: 'open', secretKey: urna.secretKey, ciphertext: l.ct })));
    expect(opened.filter((o) => o.error)).toEqual([]);

    // The recount from libsodium's plaintexts: the tally, and what the generator cast.
    const ballots: Record<string, CountedBallot[]> = {};
    lines.forEach((l, i) => {
      const contest = election.contests.find((c) => c.id === l.contest)!;
      const decoded = decodeBallotPlaintext(fromBase64(opened[i]!.message!), tally.election, contest);
      if (!decoded.ok) throw new Error(JSON.stringify(decoded.error));
      (ballots[l.contest] ??= []).push({ h: l.h, selection: decoded.value });
    });
    const pollbook = json<PollbookDocument>(dir, 'pollbook.json');
    const castSessions = Object.fromEntries(Object.entries(pollbook.contests).map(([id, c]) => [id, c.voters.T]));
    const recount = tallySection({ election, electionDigest: tally.election, section: section.id, pollbook, ballots, castSessions });
    expect(recount.checks.filter((c) => !c.ok)).toEqual([]);
    expect(recount.tally.contests).toEqual(tally.contests);
    const expected = json<{ contests: Record<string, { blank: number; results: unknown }> }>(out, 'expected.json');
    for (const c of tally.contests) expect({ blank: c.blank, results: c.results }).toEqual(expected.contests[c.id]);
    expect(lines).toHaveLength(Object.values(pollbook.contests).reduce((s, c) => s + c.voters.T, 0));

    // verbale.pdf: its QR code is the tally's digest, and it carries the figures.
    expect(pdfQrCodes(join(dir, 'verbale.pdf'))).toEqual([tallyDigest(tally)]);
    const text = pdfText(join(dir, 'verbale.pdf'));
    expect(text).toContain("Verbale delle operazioni dell'ufficio elettorale di sezione");
    const referendum = tally.contests.find((c) => c.type === 'referendum');
    if (referendum) {
      const r = referendum.results as { YES: number; NO: number };
      // Rows of the results table, as pdftotext lays them out.
      expect(text).toMatch(new RegExp(`^ *SÌ +${r.YES} *$`, 'm'));
      expect(text).toMatch(new RegExp(`^ *NO +${r.NO} *$`, 'm'));
    }
    expect(text).toMatch(new RegExp(`^ *Schede bianche +${tally.contests[0]!.blank} *$`, 'm'));
    expect(text).toMatch(/^ *Schede nulle +0 *$/m);

    // Every other file's digest is in the tally.
    for (const f of files(dir).filter((f) => f !== 'tally.json' && f !== 'tally.json.sig')) expect([f, tally.files[f]]).toEqual([f, nodeCrypto.sha256Hex(readFileSync(join(dir, f)))]);
  });
});
