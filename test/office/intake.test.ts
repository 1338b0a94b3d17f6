// The office's intake on a real SQLite file: three sections accepted and summed; each refusal with its
// reason and nothing of it counted; a second result for a section kept and flagged; a restarted office
// resumes where it was; the HTTP face's limits.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { documentBytes, encodeSidecar, EXPORT_ANSWER_CODES, signBytes, sumContests, tallyDigest, type SectionTally } from '@seggio/ballot-core';
import { main } from '@seggio/cli';
import { fromBase64, toBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { Office, OfficeServer, packArchive, readArchive, type Office as OfficeType } from '@seggio/office';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeElection, simulateSection, type SimulatedSection } from './sections.js';

const dir = mkdtempSync(join(tmpdir(), 'seggio-office-intake-'));
const officeKey = nodeCrypto.generateSigningKeyPair();
const electionBytes = officeElection({ sections: ['1', '2', '3'] });
const otherElection = officeElection({ sections: ['1', '2', '3'], id: '2020-09-21-999001' });
const sections: Record<string, SimulatedSection> = {};
let rerun1: SimulatedSection;
let rerun2: SimulatedSection;
let foreign: SimulatedSection;

const turnoutBody = (t: Record<string, string>) => ({ turnout: fromBase64(t.turnout!), turnoutSignature: fromBase64(t.turnoutSignature!), setup: fromBase64(t.setup!), setupSignature: fromBase64(t.setupSignature!) });
const start = (store: string) => Office.start(nodeCrypto, { storePath: store, electionBytes, key: officeKey });
type Turnout = { contests: Record<string, { M: number; F: number; T: number }> };
const turnoutDoc = (t: Record<string, string>) => JSON.parse(new TextDecoder().decode(fromBase64(t.turnout!))) as Turnout;
const tallyOf = async (s: SimulatedSection) => {
  const read = await readArchive(s.archive);
  if (!read.ok) throw new Error('unreadable');
  return JSON.parse(new TextDecoder().decode(read.files.get('tally.json'))) as SectionTally;
};

beforeAll(async () => {
  for (const [i, id] of ['1', '2', '3'].entries()) sections[id] = await simulateSection(dir, { electionBytes, section: id, officeKey, voters: 12, seed: i + 1 });
  rerun1 = await simulateSection(dir, { electionBytes, section: '1', officeKey, voters: 12, seed: 11 });
  rerun2 = await simulateSection(dir, { electionBytes, section: '2', officeKey, voters: 12, seed: 12 });
  foreign = await simulateSection(dir, { electionBytes: otherElection, section: '1', officeKey, voters: 12, seed: 13 });
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the office intake', () => {
  let office: OfficeType;
  const store = join(dir, 'office.db');

  it('takes turnout from the console, sums it per checkpoint by sex and names the sections not reported', async () => {
    office = await start(store);
    for (const t of sections['1']!.turnout) expect(office.turnout(turnoutBody(t))).toMatchObject({ ok: true, state: 'accepted' });
    for (const t of sections['3']!.turnout) expect(office.turnout(turnoutBody(t))).toMatchObject({ ok: true, state: 'accepted' });
    // A replay is answered as held; nothing is added.
    expect(office.turnout(turnoutBody(sections['1']!.turnout[0]!))).toMatchObject({ ok: true, state: 'accepted' });
    expect(office.store.turnout()).toHaveLength(sections['1']!.turnout.length + sections['3']!.turnout.length);
    const first = office.results().turnout[0]!;
    expect(first.reported).toEqual(['1', '3']);
    expect(first.missing).toEqual(['2']);
    const figures = (s: SimulatedSection) => turnoutDoc(s.turnout[0]!).contests;
    const contest = Object.keys(first.contests)[0]!;
    expect(first.contests[contest]!.T).toBe(figures(sections['1']!)[contest]!.T + figures(sections['3']!)[contest]!.T);
    expect(first.contests[contest]!.M + first.contests[contest]!.F).toBe(first.contests[contest]!.T);
  });

  it('refuses a turnout document whose signature or figures were changed, and one from another set-up is kept but not summed', () => {
    const t = sections['2']!.turnout[0]!;
    const doc = turnoutDoc(t);
    const contest = Object.keys(doc.contests)[0]!;
    doc.contests[contest]!.T += 1;
    doc.contests[contest]!.M += 1;
    const forged = { ...turnoutBody(t), turnout: new TextEncoder().encode(`${JSON.stringify(doc, null, 2)}\n`) };
    expect(office.turnout(forged)).toMatchObject({ ok: false, problems: [{ code: 'turnout-signature', params: { file: 'turnout.json' } }] });
    const other = office.turnout(turnoutBody(rerun1.turnout[0]!));
    expect(other).toMatchObject({ ok: true, state: 'conflict', problems: [{ code: 'turnout-other-setup' }] });
    expect(office.results().turnout[0]!.reported).toEqual(['1', '3']);
  });

  it('accepts each section verified by seggio verify, and sums the accepted sections per contest', async () => {
    // The figures are summed once a change: asked again with nothing new, the same view.
    const none = office.results();
    expect(office.results()).toBe(none);
    expect(none.sectionsAccepted).toBe(0);
    for (const id of ['1', '2', '3']) {
      const answer = await office.submit('upload', `sezione-${id}.tar`, sections[id]!.archive);
      expect(answer).toMatchObject({ ok: true, submission: { state: 'accepted', section: id } });
    }
    const accepted = office.store.accepted();
    expect(accepted.find((s) => s.section === '2')!.problems.map((p) => p.code)).toEqual(['no-turnout-reported']);
    expect(accepted.find((s) => s.section === '1')!.problems).toEqual([]);
    const tallies = await Promise.all(['1', '2', '3'].map((id) => tallyOf(sections[id]!)));
    const results = office.results();
    expect(results.sectionsAccepted).toBe(3);
    const expected = sumContests(office.election.scrutinyOrder, tallies);
    for (const c of results.contests) {
      const e = expected.find((x) => x.id === c.id)!;
      expect(c.voters).toEqual(e.voters);
      expect(c.blank).toBe(e.blank);
      expect(c.rows.reduce((n, r) => n + (r.group === 'preference' || r.group === 'list' ? 0 : r.votes), 0) + c.blank).toBe(c.voters.T);
    }
    const comune = office.comuneTally();
    expect(comune.document.sections.map((s) => s.tallyDigest)).toEqual(tallies.map(tallyDigest));
    expect(comune.document.contests).toEqual(expected);
  });

  it('is recomputed by seggio verify-comune from the public exports, and a changed sum or a missing section fails it', async () => {
    const pub = join(dir, 'published');
    const comune = office.comuneTally();
    const publish = async (bytes: Uint8Array, sections: readonly string[]) => {
      rmSync(pub, { recursive: true, force: true });
      mkdirSync(join(pub, 'sections'), { recursive: true });
      writeFileSync(join(pub, 'comune-tally.json'), bytes);
      writeFileSync(join(pub, 'comune-tally.json.sig'), encodeSidecar(signBytes(nodeCrypto, bytes, officeKey)));
      for (const id of sections) {
        const read = await readArchive(office.store.archive(office.store.acceptedFor(id)!.id)!);
        if (!read.ok) throw new Error('unreadable');
        for (const [name, b] of read.files) {
          mkdirSync(dirname(join(pub, 'sections', id, name)), { recursive: true });
          writeFileSync(join(pub, 'sections', id, name), b);
        }
      }
    };
    const run = async () => {
      let out = '';
      const code = await main(['verify-comune', pub, '--office-key', toBase64(officeKey.publicKey), '--workers', '1'], { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (out += s) } });
      return { code, out };
    };
    await publish(comune.bytes, ['1', '2', '3']);
    expect(await run()).toMatchObject({ code: 0, out: expect.stringContaining('RESULT: PASS') as string });
    await publish(comune.bytes, ['1', '2']);
    expect((await run()).out).toContain('fail  comune-tally.json: lists section 3 with a tally digest or set-up no export here has');
    const changed = structuredClone(comune.document) as unknown as { contests: { blank: number }[] };
    changed.contests[0]!.blank += 1;
    await publish(documentBytes(changed), ['1', '2', '3']);
    const failed = await run();
    expect(failed.code).toBe(1);
    expect(failed.out).toContain(`contest ${comune.document.contests[0]!.id}: the sums are not those of the sections`);
  });

  it('answers the same bytes twice with the first judgement, and keeps one row', async () => {
    const before = office.store.submissions().length;
    const again = await office.submit('push', '127.0.0.1', sections['1']!.archive);
    expect(again).toMatchObject({ ok: true, submission: { state: 'accepted', section: '1' } });
    expect(office.store.submissions()).toHaveLength(before);
  });

  it('takes another copy of an accepted result (other bytes, the same signed tally) as that result: not counted again, no conflict', async () => {
    const before = office.results();
    const read = await readArchive(sections['1']!.archive);
    if (!read.ok) throw new Error('unreadable');
    // The same files written at another time, as an export made again is.
    const pack = tar.pack();
    for (const [name, bytes] of read.files) pack.entry({ name, size: bytes.length, mtime: new Date(1_600_000_000_000), mode: 0o644 }, Buffer.from(bytes));
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const chunk of pack) chunks.push(chunk);
    const copy = Buffer.concat(chunks);
    expect(Buffer.compare(Buffer.from(copy), Buffer.from(sections['1']!.archive))).not.toBe(0);
    const accepted = office.store.acceptedFor('1')!.id;
    const answer = await office.submit('push', '127.0.0.1', copy);
    expect(answer).toMatchObject({ ok: true, submission: { state: 'refused', problems: [{ code: 'same-result', params: { section: '1', accepted: String(accepted) } }] } });
    expect(office.results().contests).toEqual(before.contests);
    expect(office.view().sections.find((s) => s.id === '1')).toMatchObject({ accepted, conflicts: 0 });
  });

  it('refuses a rerun of a section whose set-up is not the one that reported turnout', async () => {
    const answer = await office.submit('push', '127.0.0.1', rerun1.archive);
    expect(answer).toMatchObject({ ok: true, submission: { state: 'refused', problems: [{ code: 'setup-not-turnout', params: { section: '1' } }] } });
  });

  it('keeps and flags a second, different result for an accepted section, never counting it', async () => {
    const before = office.results();
    const answer = await office.submit('push', '127.0.0.1', rerun2.archive);
    expect(answer).toMatchObject({ ok: true, submission: { state: 'conflict', problems: [{ code: 'second-submission', params: { section: '2' } }] } });
    expect(office.results().contests).toEqual(before.contests);
    expect(office.view().sections.find((s) => s.id === '2')).toMatchObject({ conflicts: 1 });
  });

  it("keeps and flags turnout from a set-up other than the accepted result's, naming that set-up on the staff's screen too", () => {
    const answer = office.turnout(turnoutBody(rerun2.turnout[0]!));
    const accepted = office.store.acceptedFor('2')!.setup;
    expect(answer).toMatchObject({ ok: true, state: 'conflict', problems: [{ code: 'turnout-other-setup', params: { section: '2', turnoutSetup: accepted } }] });
    expect(office.view().turnoutFlags.filter((f) => f.section === '2').map((f) => f.problems)).toEqual([(answer as { problems: unknown }).problems]);
  });

  it("refuses another election's export", async () => {
    const answer = await office.submit('folder', 'altra.tar', foreign.archive);
    expect(answer).toMatchObject({ ok: true, submission: { state: 'refused', problems: [{ code: 'other-election' }] } });
  });

  it('refuses a tampered export with the check that failed, and counts nothing of it', async () => {
    const read = await readArchive(sections['3']!.archive);
    if (!read.ok) throw new Error('unreadable');
    const files = new Map(read.files);
    const tally = JSON.parse(new TextDecoder().decode(files.get('tally.json'))) as { contests: { results: Record<string, unknown> }[] };
    tally.contests[0]!.results.YES = (tally.contests[0]!.results.YES as number) + 1;
    files.set('tally.json', new TextEncoder().encode(`${JSON.stringify(tally, null, 2)}\n`));
    const before = office.results();
    const answer = await office.submit('upload', 'manomessa.tar', await packArchive(files));
    expect(answer.ok && answer.submission.state).toBe('refused');
    const codes = answer.ok ? answer.submission.problems.map((p) => `${p.code}:${'check' in p.params ? p.params.check : ''}`) : [];
    expect(codes).toContain('bundle-check-failed:signatures');
    expect(office.results().contests).toEqual(before.contests);
  });

  it("answers every export with reasons and notes that a console's president reads in words", () => {
    const codes = office.store.submissions().flatMap((x) => x.problems.map((p) => p.code));
    expect(new Set(codes)).toEqual(new Set(['no-turnout-reported', 'same-result', 'setup-not-turnout', 'second-submission', 'other-election', 'bundle-check-failed']));
    for (const code of codes) expect(Object.keys(EXPORT_ANSWER_CODES), code).toContain(code);
  });

  it('resumes after a restart with every submission, state and figure as it was', async () => {
    const before = office.view();
    await office.close();
    office = await start(store);
    expect(office.view()).toEqual({ ...before, results: { ...before.results, version: 0 } });
    await office.close();
  });

  it('refuses to open a store of another election', async () => {
    await expect(Office.start(nodeCrypto, { storePath: store, electionBytes: otherElection, key: officeKey })).rejects.toThrow(/give each election its own store/);
  });
});

describe('turnout replayed', () => {
  it('takes a checkpoint once per set-up: the same document again is held, other figures for it are refused', async () => {
    const office = await Office.start(nodeCrypto, { storePath: null, electionBytes, key: officeKey });
    const consoleKey = nodeCrypto.generateSigningKeyPair();
    const sidecar = (b: Uint8Array) => new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, b, consoleKey)));
    const setup = documentBytes({ format: 'seggio/setup@1', election: office.ctx.electionDigest, section: '2', console: toBase64(consoleKey.publicKey), urnaPublicKey: toBase64(new Uint8Array(32)), booths: [], shares: { threshold: 3, count: 5 } });
    const turnout = (T: number) => documentBytes({ format: 'seggio/turnout@1', election: office.ctx.electionDigest, section: '2', setup: nodeCrypto.sha256Hex(setup), checkpoint: 'C1', contests: { 'REF-2020-1': { M: T, F: 0, T } } });
    const send = (T: number) => office.turnout({ turnout: turnout(T), turnoutSignature: sidecar(turnout(T)), setup, setupSignature: sidecar(setup) });
    expect(send(4)).toMatchObject({ ok: true, state: 'accepted' });
    expect(send(4)).toMatchObject({ ok: true, state: 'accepted' });
    expect(send(5)).toEqual({ ok: false, problems: [{ code: 'turnout-replayed-different', params: { section: '2', checkpoint: 'C1' } }] });
    expect(office.results().turnout[0]!.contests['REF-2020-1']).toEqual({ M: 4, F: 0, T: 4 });
    await office.close();
  });
});

describe('the office over HTTP', () => {
  it('refuses an oversize body and a malformed turnout with their reasons, and takes a pushed export, shown on the public page', async () => {
    const office = await start(join(dir, 'http.db'));
    const server = await OfficeServer.listen(office, { host: '127.0.0.1', port: 0, staffPort: 0, rendererDir: join(dir, 'no-renderer') });
    try {
      const big = await fetch(new URL('api/v1/sections', server.publicUrl), { method: 'POST', headers: { 'content-type': 'application/x-tar' }, body: new Uint8Array(65 * 1024 * 1024) });
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ ok: false, problems: [{ code: 'body-too-large' }] });
      const bad = await fetch(new URL('api/v1/turnout', server.publicUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ turnout: 'x' }) });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { problems: unknown[] }).problems[0]).toMatchObject({ code: 'body-invalid' });
      // The public page is drawn once a change and a language: what it shows follows each section in.
      const page = async (query = '') => (await (await fetch(new URL(query, server.publicUrl))).text()).match(/id="sections-in"[^>]*>([^<]*)</)?.[1];
      expect(await page()).toBe('Sezioni pervenute: 0 su 3');
      expect(await page()).toBe('Sezioni pervenute: 0 su 3');
      const pushed = await fetch(new URL('api/v1/sections', server.publicUrl), { method: 'POST', headers: { 'content-type': 'application/x-tar' }, body: Buffer.from(sections['1']!.archive) });
      expect(await pushed.json()).toMatchObject({ ok: true, submission: { state: 'accepted', section: '1' } });
      expect(office.store.submissions()).toHaveLength(1);
      expect(await page()).toBe('Sezioni pervenute: 1 su 3');
      expect(await page('?lang=en')).toBe('Sections in: 1 of 3');
      expect(await page('?lang=de')).toBe('Eingegangene Sprengel: 1 von 3');
      const staff = await fetch(new URL('api/view', server.staffUrl.split('?')[0]));
      expect(staff.status).toBe(401);
      const authorised = await fetch(new URL(`api/view?token=${server.token}`, server.staffUrl.split('?')[0]));
      expect(((await authorised.json()) as { results: { sectionsAccepted: number } }).results.sectionsAccepted).toBe(1);
    } finally {
      await server.close();
      await office.close();
    }
  });
});
