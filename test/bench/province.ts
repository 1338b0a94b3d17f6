// `npm run bench:province [-- --comuni N] [--parallel P]`: the province of Cremona's 2020 referendum replayed
// (data/referendum-2020-comuni.csv): each comune's electors, voters by sex, YES, NO and blank spread
// over its sections, each section's day run through a console and two booths (in this process), its
// public export received by the comune's office, each comune summed and signed, the province summed
// from the signed comune tallies (each office key pinned). Every comune's and the province's totals
// must equal the published ones (invalid and contested ballots excepted: no booth makes them).
// Prints the time of each phase and the intake rate as JSON.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSidecar, parseElection, parseSidecar, signBytes, sumContests, verifySidecar, type ComuneTally, type Election, type ReferendumResults, type Selection } from '@seggio/ballot-core';
import { BoothService } from '@seggio/booth';
import { nodeCrypto } from '@seggio/crypto/node';
import { Office } from '@seggio/office';
import { publicExportArchive, SeatConsole } from '@seggio/seat-console';
import { waitFor } from '../simulate/day.js';
import { enrolled, pairEnrolled, REPO_ROOT } from '../support/index.js';

const arg = (name: string) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : undefined);
const COMUNI = arg('--comuni');
/** Sections run at once: a section's day mostly waits on its link round trips, so several share the cores. */
const PARALLEL = arg('--parallel') ?? 8;
const BOOTHS = 2;

interface Published { istat: string; name: string; sections: number; ele: { M: number; F: number }; vot: { M: number; F: number }; yes: number; no: number; blank: number; invalid: number }

function published(): Published[] {
  const [header, ...lines] = readFileSync(join(REPO_ROOT, 'data', 'referendum-2020-comuni.csv'), 'utf8').trim().split(/\r?\n/);
  const keys = header!.split(',');
  return lines
    .map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i]!, v])))
    .filter((r) => r.desc_prov === 'CREMONA')
    .map((r) => ({
      istat: r['CODICE ISTAT']!, name: r.desc_com!, sections: Number(r.sezioni_totali),
      ele: { M: Number(r.elettori_maschi), F: Number(r.elettrici_femmine) }, vot: { M: Number(r.votatanti_maschi), F: Number(r.votanti_femmine) },
      yes: Number(r.voti_si), no: Number(r.voti_no), blank: Number(r.schede_bianche), invalid: Number(r.schede_nulle) + Number(r.schede_contestate),
    }));
}

/** `total` over `n` parts, the first ones one more. */
const spread = (total: number, n: number) => Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));

function electionFor(c: Published): { bytes: Uint8Array; election: Election } {
  const template = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures', 'referendum-2020.election.json'), 'utf8')) as Election;
  const eleM = spread(c.ele.M, c.sections);
  const eleF = spread(c.ele.F, c.sections);
  const name = c.name.replace(/[^A-Za-zÀ-ÿ' -]/g, ' ').trim();
  const doc = {
    ...template, id: `2020-09-20-ref-${c.istat}`, comune: { name, istat: c.istat, province: 'CR' },
    sections: eleM.map((M, i) => ({ id: String(i + 1), name: `Sezione ${i + 1}`, electors: { IT: { M, F: eleF[i]! } }, booths: BOOTHS })),
  };
  const bytes = new TextEncoder().encode(`${JSON.stringify(doc, null, 2)}\n`);
  const parsed = parseElection(bytes);
  if (!parsed.ok) throw new Error(`${c.name}: ${JSON.stringify(parsed.error)}`);
  return { bytes, election: parsed.value };
}

/** The comune's voters, spread over its sections: who voted (by sex) and what they answered. */
function votersFor(c: Published): { sex: 'M' | 'F'; selection: Selection }[][] {
  // The invalid and contested ballots' voters are left out, from the women first and the men after, half each.
  const outF = Math.min(c.vot.F, Math.ceil(c.invalid / 2));
  const sexes = { M: spread(c.vot.M - (c.invalid - outF), c.sections), F: spread(c.vot.F - outF, c.sections) };
  const answers = { YES: spread(c.yes, c.sections), NO: spread(c.no, c.sections), blank: spread(c.blank, c.sections) };
  return Array.from({ length: c.sections }, (_, s) => {
    const choices: Selection[] = [
      ...Array<Selection>(answers.YES[s]!).fill({ answer: 'YES' }), ...Array<Selection>(answers.NO[s]!).fill({ answer: 'NO' }), ...Array<Selection>(answers.blank[s]!).fill({ blank: true }),
    ];
    const who: ('M' | 'F')[] = [...Array<'M'>(sexes.M[s]!).fill('M'), ...Array<'F'>(sexes.F[s]!).fill('F')];
    // The two spreads may differ by a voter in a section; the comune's sums are what must match.
    while (who.length < choices.length) who.push('F');
    return choices.map((selection, i) => ({ sex: who[i]!, selection }));
  });
}

const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

async function runSection(dir: string, e: { bytes: Uint8Array; election: Election }, key: ReturnType<typeof nodeCrypto.generateSigningKeyPair>, section: string, voters: { sex: 'M' | 'F'; selection: Selection }[]): Promise<Uint8Array> {
  const comune = e.election.comune.istat;
  const seat = await SeatConsole.start(nodeCrypto, { storePath: join(dir, `console-${section}.db`), machineKeyPath: enrolled(key, 'console', `C-${section}`, comune, dir), say: () => undefined, officeKey: key.publicKey, host: '127.0.0.1', port: 0 });
  must(seat.loadElection({ bytes: e.bytes, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, e.bytes, key))) }));
  const { shares } = must(await seat.createKeys({ section }));
  const booths = Array.from({ length: BOOTHS }, (_, i) =>
    BoothService.start(nodeCrypto, { storePath: join(dir, `booth-${section}-${i}.db`), machineKeyPath: enrolled(key, 'booth', `K-${section}-${i + 1}`, comune, dir), say: () => undefined, officeKey: key.publicKey, consoleUrl: seat.url }),
  );
  for (const [i, booth] of booths.entries()) await pairEnrolled(seat, booth, `B${i + 1}`);
  must(seat.openVoting());
  const checkpoints = e.election.turnoutCheckpoints;
  for (const [i, voter] of voters.entries()) {
    const id = `B${(i % BOOTHS) + 1}`;
    const booth = booths[i % BOOTHS]!;
    await waitFor(() => seat.getView().booths.find((b) => b.id === id && b.state === 'idle' && !b.session), 'a free booth');
    const { session } = must(seat.enableBooth({ booth: id, category: 'IT', sex: voter.sex, accepts: ['REF-2020-1'] }));
    await waitFor(() => booth.getView().session?.id === session, 'the session');
    must(booth.castBallots({ session, selections: { 'REF-2020-1': voter.selection } }));
    const due = checkpoints[Math.floor(((i + 1) * checkpoints.length) / (voters.length + 1)) - 1];
    if (due && !due.final && !seat.store.turnout().some((t) => t.checkpoint === due.id)) {
      await waitFor(() => seat.getView().sessions.cast === i + 1, 'the casts so far');
      must(seat.recordTurnout({ checkpoint: due.id }));
    }
  }
  await waitFor(() => seat.getView().sessions.cast === voters.length, 'every cast at the console', 60_000);
  for (const c of checkpoints) if (!seat.store.turnout().some((t) => t.checkpoint === c.id)) must(seat.recordTurnout({ checkpoint: c.id }));
  must(seat.closeVoting());
  await waitFor(() => seat.phase === 'closed' && seat.store.booths().every((b) => b.log), 'the seals', 60_000);
  must(await seat.count({ shares: [shares[0]!, shares[2]!, shares[4]!] }));
  const bundle = join(dir, `bundle-${section}`);
  must(await seat.exportBundle({ dir: bundle, publicOnly: true }));
  for (const booth of booths) booth.stop();
  await seat.stop();
  return publicExportArchive(bundle);
}

const root = mkdtempSync(join(tmpdir(), 'seggio-bench-province-'));
const comuni = published().slice(0, COMUNI);
const started = performance.now();
let simulateMs = 0;
const intakeMs: number[] = [];
const comuneTallies: { istat: string; key: Uint8Array; bytes: Uint8Array; signature: string }[] = [];
const mismatches: string[] = [];

for (const c of comuni) {
  const dir = join(root, c.istat);
  mkdirSync(dir);
  const key = nodeCrypto.generateSigningKeyPair();
  const e = electionFor(c);
  const office = await Office.start(nodeCrypto, { storePath: join(root, `office-${c.istat}.db`), electionBytes: e.bytes, key });
  const sections = votersFor(c);
  const t0 = performance.now();
  const archives: Uint8Array[] = [];
  for (let i = 0; i < sections.length; i += PARALLEL) {
    archives.push(...(await Promise.all(sections.slice(i, i + PARALLEL).map((voters, k) => runSection(dir, e, key, String(i + k + 1), voters)))));
  }
  simulateMs += performance.now() - t0;
  for (const [i, archive] of archives.entries()) {
    const t = performance.now();
    const answer = await office.submit('push', `sezione ${i + 1}`, archive);
    intakeMs.push(performance.now() - t);
    if (!answer.ok || answer.submission.state !== 'accepted') mismatches.push(`${c.name} section ${i + 1}: ${JSON.stringify(answer)}`);
  }
  const tally = office.comuneTally();
  const r = tally.document.contests[0]!;
  const want = { yes: c.yes, no: c.no, blank: c.blank, electors: c.ele.M + c.ele.F, voters: c.vot.M + c.vot.F - c.invalid };
  const got = { yes: (r.results as ReferendumResults).YES, no: (r.results as ReferendumResults).NO, blank: r.blank, electors: r.electors.T, voters: r.voters.T };
  if (JSON.stringify(want) !== JSON.stringify(got)) mismatches.push(`${c.name}: published ${JSON.stringify(want)}, summed ${JSON.stringify(got)}`);
  comuneTallies.push({ istat: c.istat, key: key.publicKey, bytes: tally.bytes, signature: tally.signature });
  await office.close();
  rmSync(dir, { recursive: true, force: true });
}
const intakeDone = performance.now();

// The Prefettura: each comune's tally against that comune's pinned office key, then the province's sums.
const t = performance.now();
const pinned = new Map(comuneTallies.map((c) => [c.istat, c.key]));
const signedTallies = comuneTallies.map((c) => {
  const sidecar = parseSidecar(c.signature);
  if (!sidecar.ok || !verifySidecar(nodeCrypto, c.bytes, sidecar.value, pinned.get(c.istat)).ok) throw new Error(`${c.istat}: the comune tally is not signed by its office`);
  return JSON.parse(new TextDecoder().decode(c.bytes)) as ComuneTally;
});
const province = sumContests(['REF-2020-1'], signedTallies.map((c) => ({ contests: c.contests.map((x) => ({ ...x, ballots: { count: x.ballots, ballotsDigest: '', plaintextLength: 0 } })) })))[0]!;
const provinceMs = performance.now() - t;
const sum = (f: (c: Published) => number) => comuni.reduce((n, c) => n + f(c), 0);
const wantProvince = { yes: sum((c) => c.yes), no: sum((c) => c.no), blank: sum((c) => c.blank), electors: sum((c) => c.ele.M + c.ele.F), voters: sum((c) => c.vot.M + c.vot.F - c.invalid) };
const gotProvince = { yes: (province.results as ReferendumResults).YES, no: (province.results as ReferendumResults).NO, blank: province.blank, electors: province.electors.T, voters: province.voters.T };
if (JSON.stringify(wantProvince) !== JSON.stringify(gotProvince)) mismatches.push(`province: published ${JSON.stringify(wantProvince)}, summed ${JSON.stringify(gotProvince)}`);
rmSync(root, { recursive: true, force: true });

const sorted = [...intakeMs].sort((a, b) => a - b);
const round = (ms: number) => Math.round(ms);
console.log(
  JSON.stringify(
    {
      benchmark: 'province',
      comuni: comuni.length,
      parallelSections: PARALLEL,
      sections: intakeMs.length,
      voters: wantProvince.voters,
      totalsEqualPublished: mismatches.length === 0,
      mismatches: mismatches.slice(0, 10),
      phasesMs: { simulate: round(simulateMs), intake: round(intakeMs.reduce((a, b) => a + b, 0)), province: round(provinceMs), total: round(intakeDone - started + provinceMs) },
      intakeMsPerSection: { p50: round(sorted[Math.floor(sorted.length / 2)] ?? 0), max: round(sorted.at(-1) ?? 0) },
      intakeSectionsPerSecond: Math.round((intakeMs.length / (intakeMs.reduce((a, b) => a + b, 0) / 1000)) * 10) / 10,
      goals: { totalMs: 600_000, intakeMsPerSection: 200, provinceMs: 5_000 },
    },
    null,
    2,
  ),
);
process.exit(mismatches.length === 0 ? 0 : 1);
