// `npm run bench:province [-- --comuni N | --full] [--parallel P] [--disk]`: the province of Cremona's 2020
// referendum replayed (data/referendum-2020-comuni.csv): each comune's electors, voters by sex, YES, NO and
// blank spread over its sections, each section's day run through a console and two booths (in this
// process), its turnout and public export received by the comune's office, each comune summed and
// signed, each comune's package imported by the Prefettura (apps/office's Prefettura mode: verify-comune
// with each comune's pinned key) and the province summed. Every comune's and the province's totals must
// equal the published ones (invalid and contested ballots excepted: no booth makes them).
// The default is the first 12 comuni; --full runs all 113 (405 sections). Why a voter took ~74 ms:
// each step's synchronous=FULL commit waits on the disk (console and booth stores, several a voter),
// and every wait polled a whole view on a 2 ms timer. So the stores are on tmpfs (/dev/shm) unless
// --disk (the same code and commits, nothing the bench checks depends on the disk), the waits follow
// the services' `view` events, and sections of different comuni run at once.
// Prints each phase's wall and CPU time, the intake rates and the load average as JSON.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSidecar, parseElection, signBytes, type Election, type ReferendumResults, type Selection } from '@seggio/ballot-core';
import { fromBase64, toBase64 } from '@seggio/crypto';
import { BoothService } from '@seggio/booth';
import { nodeCrypto } from '@seggio/crypto/node';
import { comunePackage, Office, Prefettura } from '@seggio/office';
import { publicExportArchive, SeatConsole } from '@seggio/seat-console';
import { enrolled, pairEnrolled, REPO_ROOT } from '../support/index.js';

const arg = (name: string) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : undefined);
const COMUNI = process.argv.includes('--full') ? undefined : (arg('--comuni') ?? 12);
const DISK = process.argv.includes('--disk');
/** Sections run at once, across comuni: a section's day waits on its link round trips, so several share the cores. */
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

/**
 * Resolves once `probe` holds, looked at on each `view` the service emits rather than on a 2 ms timer
 * (the timers, each taking a whole view, were most of a voter's time); a slow poll still looks, so a
 * change that emits nothing is not missed.
 */
function when<T>(source: { on(e: 'view', f: () => void): unknown; off(e: 'view', f: () => void): unknown }, probe: () => T | undefined | false, what: string, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      source.off('view', check);
      clearInterval(timer);
      clearTimeout(limit);
    };
    function check(): boolean {
      const value = probe();
      if (value === undefined || value === false) return false;
      stop();
      resolve(value);
      return true;
    }
    const timer = setInterval(check, 25);
    const limit = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    source.on('view', check);
    check();
  });
}

interface SectionOut {
  readonly archive: Uint8Array;
  /** Each checkpoint's turnout as the console sends it to the office. */
  readonly turnout: readonly Record<'turnout' | 'turnoutSignature' | 'setup' | 'setupSignature', string>[];
}

async function runSection(dir: string, e: { bytes: Uint8Array; election: Election }, key: ReturnType<typeof nodeCrypto.generateSigningKeyPair>, section: string, voters: { sex: 'M' | 'F'; selection: Selection }[]): Promise<SectionOut> {
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
    await when(seat, () => seat.getView().booths.find((b) => b.id === id && b.state === 'idle' && !b.session), 'a free booth');
    const { session } = must(seat.enableBooth({ booth: id, category: 'IT', sex: voter.sex, accepts: ['REF-2020-1'] }));
    await when(booth, () => booth.getView().session?.id === session, 'the session');
    must(booth.castBallots({ session, selections: { 'REF-2020-1': voter.selection } }));
    const due = checkpoints[Math.floor(((i + 1) * checkpoints.length) / (voters.length + 1)) - 1];
    if (due && !due.final && !seat.store.turnout().some((t) => t.checkpoint === due.id)) {
      await when(seat, () => seat.getView().sessions.cast === i + 1, 'the casts so far');
      must(seat.recordTurnout({ checkpoint: due.id }));
    }
  }
  await when(seat, () => seat.getView().sessions.cast === voters.length, 'every cast at the console');
  for (const c of checkpoints) if (!seat.store.turnout().some((t) => t.checkpoint === c.id)) must(seat.recordTurnout({ checkpoint: c.id }));
  must(seat.closeVoting());
  await when(seat, () => seat.phase === 'closed' && seat.store.booths().every((b) => b.log), 'the seals');
  must(await seat.count({ shares: [shares[0]!, shares[2]!, shares[4]!] }));
  const bundle = join(dir, `bundle-${section}`);
  must(await seat.exportBundle({ dir: bundle, publicOnly: true }));
  const turnout = seat.store.turnout().map((t) => seat.office.turnoutSubmission(t.checkpoint)!);
  for (const booth of booths) booth.stop();
  await seat.stop();
  return { archive: await publicExportArchive(bundle), turnout };
}

const root = mkdtempSync(join(!DISK && existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'seggio-bench-province-'));
const comuni = published().slice(0, COMUNI);
const mismatches: string[] = [];
/** Wall and CPU time of each phase, summed over the comuni. */
const phases = { simulate: { wallMs: 0, cpuMs: 0 }, comuneIntake: { wallMs: 0, cpuMs: 0 }, prefetturaIntake: { wallMs: 0, cpuMs: 0 }, provinceSummed: { wallMs: 0, cpuMs: 0 } };
async function timed<T>(phase: keyof typeof phases, work: () => Promise<T> | T): Promise<T> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  try {
    return await work();
  } finally {
    const used = process.cpuUsage(cpu);
    phases[phase].wallMs += performance.now() - wall;
    phases[phase].cpuMs += (used.user + used.system) / 1000;
  }
}
const intakeMs: number[] = [];
const packageMs: number[] = [];
const packages: { istat: string; bytes: Uint8Array }[] = [];
const keys = new Map<string, Uint8Array>();
const started = performance.now();
const startedCpu = process.cpuUsage();

// Every section of every comune simulated first, PARALLEL at a time across comuni (most comuni have
// one to three sections, so a pool per comune would leave the cores idle); each export kept on disk.
const elections = new Map(comuni.map((c) => [c.istat, { e: electionFor(c), key: nodeCrypto.generateSigningKeyPair() }]));
const jobs = comuni.flatMap((c) => votersFor(c).map((voters, i) => ({ c, section: String(i + 1), voters })));
const outs = new Map<string, string>();
await timed('simulate', async () => {
  let next = 0;
  const worker = async () => {
    for (let job = jobs[next++]; job; job = jobs[next++]) {
      const dir = join(root, `${job.c.istat}-${job.section}`);
      mkdirSync(dir);
      const { e, key } = elections.get(job.c.istat)!;
      const out = await runSection(dir, e, key, job.section, job.voters);
      const file = `${dir}.json`;
      writeFileSync(file, JSON.stringify({ archive: toBase64(out.archive), turnout: out.turnout }));
      outs.set(`${job.c.istat}-${job.section}`, file);
      rmSync(dir, { recursive: true, force: true });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
});

for (const c of comuni) {
  const { e, key } = elections.get(c.istat)!;
  keys.set(c.istat, key.publicKey);
  const office = await Office.start(nodeCrypto, { storePath: join(root, `office-${c.istat}.db`), electionBytes: e.bytes, key });
  for (let i = 0; i < c.sections; i++) {
    const saved = JSON.parse(readFileSync(outs.get(`${c.istat}-${i + 1}`)!, 'utf8')) as { archive: string; turnout: SectionOut['turnout'] };
    const t = performance.now();
    const answer = await timed('comuneIntake', async () => {
      for (const body of saved.turnout) office.turnout({ turnout: fromBase64(body.turnout), turnoutSignature: fromBase64(body.turnoutSignature), setup: fromBase64(body.setup), setupSignature: fromBase64(body.setupSignature) });
      return office.submit('push', `sezione ${i + 1}`, fromBase64(saved.archive));
    });
    intakeMs.push(performance.now() - t);
    if (!answer.ok || answer.submission.state !== 'accepted') mismatches.push(`${c.name} section ${i + 1}: ${JSON.stringify(answer).slice(0, 300)}`);
  }
  const r = office.comuneTally().document.contests[0]!;
  const want = { yes: c.yes, no: c.no, blank: c.blank, electors: c.ele.M + c.ele.F, voters: c.vot.M + c.vot.F - c.invalid };
  const got = { yes: (r.results as ReferendumResults).YES, no: (r.results as ReferendumResults).NO, blank: r.blank, electors: r.electors.T, voters: r.voters.T };
  if (JSON.stringify(want) !== JSON.stringify(got)) mismatches.push(`${c.name}: published ${JSON.stringify(want)}, summed ${JSON.stringify(got)}`);
  packages.push({ istat: c.istat, bytes: await comunePackage(office) });
  await office.close();
}

// The Prefettura: its configuration pins each comune's office key; each package is checked as
// `seggio verify-comune` does (every section's export again), then the province is summed.
const template = electionFor(comuni[0]!).election;
const config = new TextEncoder().encode(JSON.stringify({
  format: 'seggio/prefettura@1', province: { name: 'Cremona', code: 'CR' }, title: template.title, days: template.days.map((d) => d.date),
  turnoutCheckpoints: template.turnoutCheckpoints, contests: template.contests.map((k) => ({ id: k.id, type: k.type, title: k.title })),
  comuni: comuni.map((c) => ({ istat: c.istat, name: c.name, officeKey: toBase64(keys.get(c.istat)!) })),
}));
const prefettura = await Prefettura.start(nodeCrypto, { storePath: join(root, 'prefettura.db'), configBytes: config, configFile: 'prefettura.json' });
for (const p of packages) {
  const t = performance.now();
  const answer = await timed('prefetturaIntake', () => prefettura.submit('upload', `${p.istat}.tar`, p.bytes));
  packageMs.push(performance.now() - t);
  if (!answer.ok || answer.submission.state !== 'accepted') mismatches.push(`Prefettura, comune ${p.istat}: ${JSON.stringify(answer)}`);
}
const province = await timed('provinceSummed', () => prefettura.results());
await prefettura.close();
const ref = province.contests[0];
const votes = (id: string) => ref?.rows.find((x) => x.id === id)?.votes ?? 0;
const sum = (f: (c: Published) => number) => comuni.reduce((n, c) => n + f(c), 0);
const wantProvince = { yes: sum((c) => c.yes), no: sum((c) => c.no), blank: sum((c) => c.blank), electors: sum((c) => c.ele.M + c.ele.F), voters: sum((c) => c.vot.M + c.vot.F - c.invalid), comuni: comuni.length };
const gotProvince = { yes: votes('YES'), no: votes('NO'), blank: ref?.blank ?? 0, electors: ref?.electors.T ?? 0, voters: ref?.voters.T ?? 0, comuni: province.sectionsAccepted };
if (JSON.stringify(wantProvince) !== JSON.stringify(gotProvince)) mismatches.push(`province: published ${JSON.stringify(wantProvince)}, summed ${JSON.stringify(gotProvince)}`);
const totalCpu = process.cpuUsage(startedCpu);
const totalMs = performance.now() - started;
rmSync(root, { recursive: true, force: true });

const round = (ms: number) => Math.round(ms);
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(sorted[Math.floor(sorted.length / 2)] ?? 0), p99: round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0), max: round(sorted.at(-1) ?? 0) };
};
const perSecond = (n: number, ms: number) => Math.round((n / (ms / 1000)) * 10) / 10;
console.log(
  JSON.stringify(
    {
      benchmark: 'province',
      comuni: comuni.length,
      sections: intakeMs.length,
      voters: wantProvince.voters,
      parallelSections: PARALLEL,
      stores: DISK ? 'disk' : 'tmpfs',
      totalsEqualPublished: mismatches.length === 0,
      mismatches: mismatches.slice(0, 10),
      phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, { wallMs: round(v.wallMs), cpuMs: round(v.cpuMs) }])),
      total: { wallMs: round(totalMs), cpuMs: round((totalCpu.user + totalCpu.system) / 1000) },
      simulateMsPerVoter: Math.round((phases.simulate.wallMs / Math.max(1, wantProvince.voters)) * 100) / 100,
      comuneIntakeMsPerSection: stats(intakeMs),
      comuneIntakeSectionsPerSecond: perSecond(intakeMs.length, phases.comuneIntake.wallMs),
      prefetturaIntakeMsPerComune: stats(packageMs),
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      goals: { totalWallMs: 600_000, comuneIntakeMsPerSection: 200, provinceSummedMs: 5_000 },
    },
    null,
    2,
  ),
);
process.exit(mismatches.length === 0 ? 0 : 1);
