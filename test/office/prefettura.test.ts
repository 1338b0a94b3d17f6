// The Prefettura mode: each comune's package (its signed comune tally and its sections' public exports)
// checked with verify-comune's own code against the office key pinned for that comune, then summed for
// the province; each refusal with its reason, nothing of it counted; a second tally kept and flagged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSidecar, signBytes, type Election, type SectionTally, type SummedContest } from '@seggio/ballot-core';
import { toBase64, type SigningKeyPair } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { comunePackage, Office, packArchive, Prefettura, PrefetturaServer, readArchive, type SubmissionView } from '@seggio/office';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeElection, simulateSection, type SimulatedSection } from './sections.js';

const dir = mkdtempSync(join(tmpdir(), 'seggio-prefettura-'));
const keyA = nodeCrypto.generateSigningKeyPair();
const keyB = nodeCrypto.generateSigningKeyPair();
const A = { istat: '019001', name: 'Acquanegra Cremonese' };
const B = { istat: '019002', name: 'Agnadello' };
const electionA = officeElection({ sections: ['1', '2'], comune: A });
const electionB = officeElection({ sections: ['1'], comune: B });
// Comune B's office with another referendum: signed by B's own key, but not the Prefettura's consultation.
const electionOther = officeElection({ sections: ['1'], comune: B, id: 'other', edit: (e: Election) => void ((e.contests[0] as { title: string }).title = 'Un altro referendum') });
const REF = 'REF-2020-1';
let a1: SimulatedSection, a2: SimulatedSection, b1: SimulatedSection, a1again: SimulatedSection, other1: SimulatedSection;

const config = (pin: Record<string, SigningKeyPair> = { [A.istat]: keyA, [B.istat]: keyB }) => new TextEncoder().encode(JSON.stringify({
  format: 'seggio/prefettura@1', province: { name: 'Cremona', code: 'CR' }, title: 'Referendum costituzionale del 20 e 21 settembre 2020', days: ['2020-09-20', '2020-09-21'],
  turnoutCheckpoints: [
    { id: 'C1', at: '2020-09-20T12:00:00+02:00' }, { id: 'C2', at: '2020-09-20T19:00:00+02:00' }, { id: 'C3', at: '2020-09-20T23:00:00+02:00' }, { id: 'C4', at: '2020-09-21T15:00:00+02:00', bySex: true },
  ],
  contests: [{ id: REF, type: 'referendum', title: 'Referendum costituzionale - riduzione del numero dei parlamentari' }],
  comuni: [{ ...A, officeKey: toBase64(pin[A.istat]!.publicKey) }, { ...B, officeKey: toBase64(pin[B.istat]!.publicKey) }],
}));

/** A comune office that received these sections (with their turnout), and the package it gives the Prefettura. */
async function packageOf(electionBytes: Uint8Array, key: SigningKeyPair, sections: readonly SimulatedSection[]) {
  const office = await Office.start(nodeCrypto, { storePath: null, electionBytes, key });
  for (const s of sections) {
    for (const t of s.turnout) office.turnout({ turnout: Buffer.from(t.turnout!, 'base64'), turnoutSignature: Buffer.from(t.turnoutSignature!, 'base64'), setup: Buffer.from(t.setup!, 'base64'), setupSignature: Buffer.from(t.setupSignature!, 'base64') });
    expect(await office.submit('upload', s.section, s.archive)).toMatchObject({ submission: { state: 'accepted' } });
  }
  const tally = office.comuneTally();
  const bytes = await comunePackage(office);
  await office.close();
  return { bytes, tally };
}

const tallyOf = async (s: SimulatedSection) => {
  const read = await readArchive(s.archive);
  if (!read.ok) throw new Error('unreadable');
  return JSON.parse(new TextDecoder().decode(read.files.get('tally.json'))) as SectionTally;
};
const ref = <C extends { id: string }>(contests: readonly C[]): C => contests.find((c) => c.id === REF)!;
const yesOf = (c: SummedContest) => (c.results as { YES: number }).YES;

beforeAll(async () => {
  a1 = await simulateSection(dir, { electionBytes: electionA, section: '1', officeKey: keyA, voters: 10, seed: 1 });
  a2 = await simulateSection(dir, { electionBytes: electionA, section: '2', officeKey: keyA, voters: 10, seed: 2 });
  b1 = await simulateSection(dir, { electionBytes: electionB, section: '1', officeKey: keyB, voters: 10, seed: 3 });
  a1again = await simulateSection(dir, { electionBytes: electionA, section: '1', officeKey: keyA, voters: 10, seed: 4 });
  other1 = await simulateSection(dir, { electionBytes: electionOther, section: '1', officeKey: keyB, voters: 10, seed: 5 });
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Prefettura', () => {
  let prefettura: Prefettura;
  const store = join(dir, 'prefettura.db');
  const codes = (s: object) => (s as { submission: SubmissionView }).submission.problems.map((p) => p.code);
  const state = (s: object) => (s as { submission: SubmissionView }).submission.state;

  it('sums two comuni, each checked with its own pinned key, into the province; a restarted Prefettura keeps them', async () => {
    prefettura = await Prefettura.start(nodeCrypto, { storePath: store, configBytes: config(), configFile: 'prefettura.json' });
    const pa = await packageOf(electionA, keyA, [a1, a2]);
    const pb = await packageOf(electionB, keyB, [b1]);
    expect(state(await prefettura.submit('upload', 'a.tar', pa.bytes))).toBe('accepted');
    // Summed once a change: asked again with nothing new, the same view; the next comune makes it anew.
    const one = prefettura.results();
    expect(prefettura.results()).toBe(one);
    expect(one.sectionsAccepted).toBe(1);
    expect(state(await prefettura.submit('folder', 'b.tar', pb.bytes))).toBe('accepted');
    const results = prefettura.results();
    expect(results).toMatchObject({ sectionsAccepted: 2, sectionsTotal: 2, election: { level: 'provincia', comune: 'Cremona' } });
    // Only the consultation's contest is summed: each comune's own municipal contest stays at the comune.
    expect(results.contests.map((c) => c.id)).toEqual([REF]);
    const tallies = await Promise.all([a1, a2, b1].map(tallyOf));
    const yes = tallies.reduce((n, t) => n + (t.contests.find((c) => c.id === REF)!.results as { YES: number }).YES, 0);
    expect(ref(results.contests).rows.find((r) => r.id === 'YES')!.votes).toBe(yes);
    expect(ref(results.contests).rows.find((r) => r.id === 'YES')!.votes).toBe(yesOf(ref(pa.tally.document.contests)) + yesOf(ref(pb.tally.document.contests)));
    // Turnout at the last checkpoint, from every section's signed tally, summed over both comuni.
    const last = results.turnout.at(-1)!;
    expect(last.reported).toEqual([A.istat, B.istat]);
    expect(last.contests[REF]!.T).toBe(tallies.reduce((n, t) => n + t.turnout.at(-1)!.contests[REF]!.T, 0));
    // The CSV: each comune's TOTALE and the province's, in the Eligendo vocabulary.
    const csv = prefettura.csv().split('\r\n');
    expect(csv.some((l) => l.startsWith(`CR;TOTALE;${REF};`))).toBe(true);
    expect(csv.some((l) => l.startsWith(`${A.istat};TOTALE;${REF};`))).toBe(true);
    await prefettura.close();
    prefettura = await Prefettura.start(nodeCrypto, { storePath: store, configBytes: config(), configFile: 'prefettura.json' });
    expect(prefettura.results().sectionsAccepted).toBe(2);
  });

  it('refuses a comune tally not signed by the key pinned for its comune', async () => {
    const p = await Prefettura.start(nodeCrypto, { storePath: null, configBytes: config({ [A.istat]: keyA, [B.istat]: keyA }), configFile: 'prefettura.json' });
    const answer = await p.submit('upload', 'b.tar', (await packageOf(electionB, keyB, [b1])).bytes);
    expect(state(answer)).toBe('refused');
    expect(codes(answer)[0]).toBe('comune-signature');
    expect(p.results().sectionsAccepted).toBe(0);
    await p.close();
  });

  it("refuses a package whose section export is not the one the comune tally lists by digest", async () => {
    const p = await Prefettura.start(nodeCrypto, { storePath: null, configBytes: config(), configFile: 'prefettura.json' });
    const good = await packageOf(electionA, keyA, [a1, a2]);
    // Section 1's export swapped for another day of section 1: valid and signed, but not the one counted.
    const swapped = await packArchive(new Map([['comune-tally.json', good.tally.bytes], ['comune-tally.json.sig', new TextEncoder().encode(good.tally.signature)], ['sections/1.tar', a1again.archive], ['sections/2.tar', a2.archive]]));
    const answer = await p.submit('upload', 'a.tar', swapped);
    expect(state(answer)).toBe('refused');
    const mismatch = (a: object) => (a as { submission: SubmissionView }).submission.problems.filter((x) => x.code === 'comune-section-mismatch').map((x) => (x.params as { place: string }).place);
    // The tally lists section 1 by a digest no export has, and section 1's export here is not listed.
    expect(mismatch(answer)).toEqual(['comune-tally.json', 'sections']);
    // A package without section 1's export: the tally lists a section the Prefettura cannot recompute.
    const short = await packArchive(new Map([['comune-tally.json', good.tally.bytes], ['comune-tally.json.sig', new TextEncoder().encode(good.tally.signature)], ['sections/2.tar', a2.archive]]));
    expect(mismatch(await p.submit('upload', 'a-short.tar', short))).toEqual(['comune-tally.json']);
    expect(p.results().sectionsAccepted).toBe(0);
    await p.close();
  });

  it("refuses a comune's package of another election, though its own office signed it", async () => {
    const p = await Prefettura.start(nodeCrypto, { storePath: null, configBytes: config(), configFile: 'prefettura.json' });
    const answer = await p.submit('upload', 'b.tar', (await packageOf(electionOther, keyB, [other1])).bytes);
    expect(state(answer)).toBe('refused');
    expect((answer as { submission: SubmissionView }).submission.problems).toEqual([{ code: 'comune-other-election', params: { comune: B.istat, field: `contests ${REF}` } }]);
    expect(p.results().sectionsAccepted).toBe(0);
    await p.close();
  });

  it('keeps and flags a second, different tally for a comune, never counting it; the same tally again is not counted twice', async () => {
    const before = prefettura.results();
    const partial = await packageOf(electionA, keyA, [a2]);
    const answer = await prefettura.submit('upload', 'a-partial.tar', partial.bytes);
    expect(state(answer)).toBe('conflict');
    expect(codes(answer)).toEqual(['comune-second-tally']);
    expect(prefettura.view().comuni.find((c) => c.id === A.istat)).toMatchObject({ conflicts: 1, sectionsCounted: 2 });
    // The first package again: the same bytes get the first answer; other bytes (the tar padded with
    // two more empty blocks) holding the same tally are not a second count.
    const again = await packageOf(electionA, keyA, [a2, a1]);
    expect(await prefettura.submit('upload', 'a-again.tar', again.bytes)).toMatchObject({ submission: { state: 'accepted', id: prefettura.view().comuni.find((c) => c.id === A.istat)!.accepted } });
    const padded = Buffer.concat([again.bytes, new Uint8Array(1024)]);
    expect(codes(await prefettura.submit('upload', 'a-padded.tar', padded))).toEqual(['comune-same-tally']);
    expect(prefettura.results().contests).toEqual(before.contests);
  });

  it('refuses a package entry that is not the tally, its signature or a section export, and a comune not configured', async () => {
    const good = await packageOf(electionB, keyB, [b1]);
    const extra = await packArchive(new Map([['comune-tally.json', good.tally.bytes], ['comune-tally.json.sig', new TextEncoder().encode(good.tally.signature)], ['sections/1.tar', b1.archive], ['notes.txt', new Uint8Array(3)]]));
    expect(await prefettura.submit('upload', 'x.tar', extra)).toMatchObject({ submission: { state: 'refused', problems: [{ code: 'comune-package-entry', params: { entry: 'notes.txt' } }] } });
    const c = await Prefettura.start(nodeCrypto, { storePath: null, configBytes: config(), configFile: 'prefettura.json' });
    const elsewhere = officeElection({ sections: ['1'], comune: { istat: '019099', name: 'Altrove' } });
    const bytes = await packArchive(new Map([['comune-tally.json', new TextEncoder().encode(JSON.stringify({ format: 'seggio/comune-tally@1', comune: '019099' }))], ['comune-tally.json.sig', new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, elsewhere, keyA)))]]));
    expect(await c.submit('upload', 'y.tar', bytes)).toMatchObject({ submission: { state: 'refused', problems: [{ code: 'comune-unknown', params: { comune: '019099' } }] } });
    await c.close();
  });

  it('serves the province on its public page, CSV and JSON, and each comune package counted', async () => {
    const server = await PrefetturaServer.listen(prefettura, { host: '127.0.0.1', port: 0, staffPort: 0, rendererDir: join(dir, 'none') });
    try {
      const page = await (await fetch(server.publicUrl)).text();
      expect(page).toContain('Provincia di Cremona');
      expect(page).toContain('Comuni pervenuti: 2 su 2');
      expect(await (await fetch(`${server.publicUrl}risultati.json`)).json()).toMatchObject({ sectionsAccepted: 2 });
      expect(await (await fetch(`${server.publicUrl}risultati.csv`)).text()).toContain(`CR;TOTALE;${REF};`);
      const pkg = await fetch(`${server.publicUrl}comuni/${A.istat}.tar`);
      expect(pkg.status).toBe(200);
      expect((await fetch(`${server.publicUrl}comuni/../x.tar`)).status).toBe(404);
      expect((await fetch(`${server.staffUrl.split('?')[0]}api/view`)).status).toBe(401);
      expect(await (await fetch(`${server.staffUrl.split('?')[0]}api/view`, { headers: { 'x-seggio-token': server.token } })).json()).toMatchObject({ mode: 'prefettura' });
    } finally {
      await server.close();
      await prefettura.close();
    }
  });
});
