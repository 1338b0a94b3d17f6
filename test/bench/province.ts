// `npm run bench:province [-- --comuni N | --full] [--workers W] [--parallel P] [--disk]`: the province of
// Cremona's 2020 referendum replayed (data/referendum-2020-comuni.csv, province/data.ts): each section's day
// run through a console and two booths (province/section.ts) in W child processes (one a core by default),
// P sections at once in each, since a section's day waits on its link round trips; in this process, as each
// section comes back, its turnout and public export pushed over HTTP to its comune's office as the console
// pushes them, with a reader of the public page following its live stream (province/office.ts), each
// comune summed and signed once its last section is in, then each comune's package imported by the Prefettura
// (apps/office's Prefettura mode: verify-comune with each comune's pinned key) and the province summed.
// Every comune's and the province's totals must equal the published ones (invalid and contested ballots
// excepted: no booth makes them). The default is the first 12 comuni; --full runs all 113 (405 sections).
// The stores are on tmpfs (/dev/shm) unless --disk: the same code and commits, nothing the bench checks
// depends on the disk. Prints each phase's wall and CPU time, the intake rates and the load average as JSON.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, getPriority, loadavg, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReferendumResults } from '@seggio/ballot-core';
import { toBase64 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { comunePackage, Prefettura } from '@seggio/office';
import { REPO_ROOT } from '../support/index.js';
import { electionFor, published, votersFor, type Published } from './province/data.js';
import { ComuneAtOffice } from './province/office.js';
import type { SectionOut } from './province/section.js';
import type { FromWorker, Job, ToWorker } from './province/worker.js';

const arg = (name: string) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : undefined);
const COMUNI = process.argv.includes('--full') ? undefined : (arg('--comuni') ?? 12);
const DISK = process.argv.includes('--disk');
const WORKERS = arg('--workers') ?? availableParallelism();
const PARALLEL = arg('--parallel') ?? 4;
/** No section's day takes this long even on a loaded machine; one that does has hung. */
const SECTION_LIMIT_MS = 10 * 60_000;

// The offices and the Prefettura are machines of their own, the sections' consoles and booths others: this
// process (the offices' intake) is scheduled before the children (the sections' days), so that an
// office's answer is not timed behind 405 simulated polling stations sharing its cores. The children run
// niced (CHILD_NICE above the bench's start), so that this process's other threads (its collector's, its
// file system pool's) also come before them; this thread, raised 5, comes first. Where the system does
// not allow raising it (not root), this process keeps its priority, the children are still niced, and
// the JSON says so.
const STARTED_AT = getPriority();
const CHILD_NICE = 10;
const CHILD_PRIORITY = Math.min(19, STARTED_AT + CHILD_NICE);
let officesFirst = true;
try {
  setPriority(STARTED_AT - 5);
} catch {
  officesFirst = false;
}

const root = mkdtempSync(join(!DISK && existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'seggio-bench-province-'));
const comuni = published().slice(0, COMUNI);
const mismatches: string[] = [];
const phases = { simulate: { wallMs: 0, cpuMs: 0 }, comuneIntake: { wallMs: 0, cpuMs: 0 }, comuneSummed: { wallMs: 0, cpuMs: 0 }, prefetturaIntake: { wallMs: 0, cpuMs: 0 }, provinceSummed: { wallMs: 0, cpuMs: 0 } };
/** Runs `work`, adding its wall and this process's CPU time to `phase`; returns its result and its wall time. */
async function timed<T>(phase: keyof typeof phases, work: () => Promise<T> | T): Promise<[T, number]> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(cpu);
  const ms = performance.now() - wall;
  phases[phase].wallMs += ms;
  phases[phase].cpuMs += (used.user + used.system) / 1000;
  return [value, ms];
}
const intakeMs: number[] = [];
const liveMs: number[] = [];
const packageMs: number[] = [];
const packages: { istat: string; bytes: Uint8Array }[] = [];
const started = performance.now();

const elections = new Map(comuni.map((c) => [c.istat, { c, e: electionFor(c), key: nodeCrypto.generateSigningKeyPair() }]));
const jobs: (Job & { istat: string })[] = comuni.flatMap((c) => {
  const { e, key } = elections.get(c.istat)!;
  return votersFor(c).map((voters, i) => ({ id: 0, istat: c.istat, root, bytes: e.bytes, publicKey: key.publicKey, secretKey: key.secretKey, section: String(i + 1), voters }));
}).map((job, id) => ({ ...job, id }));

// Each comune's office, opened when its first section comes back and closed once its last is in and it is summed.
const offices = new Map<string, { office: Promise<ComuneAtOffice>; received: number }>();
const RENDERER = join(REPO_ROOT, 'apps', 'office', 'dist', 'renderer');
async function receive(job: Job & { istat: string }, out: SectionOut): Promise<void> {
  const { c, e, key } = elections.get(job.istat)!;
  const entry = offices.get(c.istat) ?? { office: ComuneAtOffice.open(join(root, `office-${c.istat}.db`), e.bytes, key, RENDERER), received: 0 };
  offices.set(c.istat, entry);
  const comune = await entry.office;
  const [pushed] = await timed('comuneIntake', () => comune.push(out, entry.received + 1));
  intakeMs.push(pushed.intakeMs);
  if (pushed.liveMs !== null) liveMs.push(pushed.liveMs);
  else mismatches.push(`${c.name} section ${job.section}: ${JSON.stringify(pushed.answer).slice(0, 300)}`);
  if (++entry.received < c.sections) return;
  const [r, bytes] = (await timed('comuneSummed', async () => [comune.office.comuneTally().document.contests[0]!, await comunePackage(comune.office)] as const))[0];
  const want = { yes: c.yes, no: c.no, blank: c.blank, electors: c.ele.M + c.ele.F, voters: c.vot.M + c.vot.F - c.invalid };
  const got = { yes: (r.results as ReferendumResults).YES, no: (r.results as ReferendumResults).NO, blank: r.blank, electors: r.electors.T, voters: r.voters.T };
  if (JSON.stringify(want) !== JSON.stringify(got)) mismatches.push(`${c.name}: published ${JSON.stringify(want)}, summed ${JSON.stringify(got)}`);
  packages.push({ istat: c.istat, bytes });
  await comune.close();
}

/**
 * Every section simulated in the pool, PARALLEL at a time in each child; each one back is received in
 * this process, one after another in the order they came back, while the children go on.
 * Resolves with the CPU time the children used.
 */
function simulate(): Promise<number> {
  let next = 0;
  let done = 0;
  let intake = Promise.resolve();
  let childCpuMs = 0;
  const children: ChildProcess[] = [];
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      for (const child of children) child.kill();
      reject(new Error(reason));
    };
    const timers = new Map<number, NodeJS.Timeout>();
    const give = (child: ChildProcess) => {
      const job = jobs[next++];
      if (!job) return;
      timers.set(job.id, setTimeout(() => fail(`section ${job.section} of ${job.istat} took over ${SECTION_LIMIT_MS} ms`), SECTION_LIMIT_MS));
      child.send({ type: 'job', job } satisfies ToWorker);
    };
    let ended = 0;
    for (let w = 0; w < Math.min(WORKERS, jobs.length); w++) {
      const child = fork(new URL('./province/worker.js', import.meta.url), [], { serialization: 'advanced' });
      children.push(child);
      // A child inherits this thread's priority: it is set below the one the bench was started with
      // (its main thread's; the threads Node starts later inherit it).
      if (child.pid !== undefined) {
        try {
          setPriority(child.pid, CHILD_PRIORITY);
        } catch (error) {
          fail(`the simulation child ${child.pid} could not be niced: ${(error as Error).message}`);
        }
      }
      child.on('exit', (code) => {
        if (code !== 0 && code !== null) fail(`a bench child exited with ${code}`);
      });
      child.on('message', (message: FromWorker) => {
        if (message.type === 'cpu') {
          childCpuMs += message.cpuMs;
          if (++ended === children.length) void intake.then(() => resolve(childCpuMs), reject);
          return;
        }
        clearTimeout(timers.get(message.id));
        const job = jobs[message.id]!;
        if (message.type === 'failed') mismatches.push(`${elections.get(job.istat)!.c.name} section ${job.section}: ${message.reason}`);
        else intake = intake.then(() => receive(job, message.out));
        give(child);
        if (++done === jobs.length) {
          phases.simulate.wallMs = performance.now() - started;
          for (const c of children) c.send({ type: 'end' } satisfies ToWorker);
        }
      });
      for (let i = 0; i < PARALLEL; i++) give(child);
    }
  });
}
phases.simulate.cpuMs = await simulate();

// The Prefettura: its configuration pins each comune's office key; each package is checked as
// `seggio verify-comune` does (every section's export again), then the province is summed.
const template = elections.get(comuni[0]!.istat)!.e.election;
const config = new TextEncoder().encode(JSON.stringify({
  format: 'seggio/prefettura@1', province: { name: 'Cremona', code: 'CR' }, title: template.title, days: template.days.map((d) => d.date),
  turnoutCheckpoints: template.turnoutCheckpoints, contests: template.contests.map((k) => ({ id: k.id, type: k.type, title: k.title })),
  comuni: comuni.map((c) => ({ istat: c.istat, name: c.name, officeKey: toBase64(elections.get(c.istat)!.key.publicKey) })),
}));
const prefettura = await Prefettura.start(nodeCrypto, { storePath: join(root, 'prefettura.db'), configBytes: config, configFile: 'prefettura.json' });
for (const p of packages) {
  const [answer, ms] = await timed('prefetturaIntake', () => prefettura.submit('upload', `${p.istat}.tar`, p.bytes));
  packageMs.push(ms);
  if (!answer.ok || answer.submission.state !== 'accepted') mismatches.push(`Prefettura, comune ${p.istat}: ${JSON.stringify(answer)}`);
}
const [province] = await timed('provinceSummed', () => prefettura.results());
await prefettura.close();
const ref = province.contests[0];
const votes = (id: string) => ref?.rows.find((x) => x.id === id)?.votes ?? 0;
const sum = (f: (c: Published) => number) => comuni.reduce((n, c) => n + f(c), 0);
const wantProvince = { yes: sum((c) => c.yes), no: sum((c) => c.no), blank: sum((c) => c.blank), electors: sum((c) => c.ele.M + c.ele.F), voters: sum((c) => c.vot.M + c.vot.F - c.invalid), comuni: comuni.length };
const gotProvince = { yes: votes('YES'), no: votes('NO'), blank: ref?.blank ?? 0, electors: ref?.electors.T ?? 0, voters: ref?.voters.T ?? 0, comuni: province.sectionsAccepted };
if (JSON.stringify(wantProvince) !== JSON.stringify(gotProvince)) mismatches.push(`province: published ${JSON.stringify(wantProvince)}, summed ${JSON.stringify(gotProvince)}`);
const ownCpu = process.cpuUsage();
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
      workers: WORKERS,
      parallelSectionsPerWorker: PARALLEL,
      stores: DISK ? 'disk' : 'tmpfs',
      officesScheduledFirst: officesFirst,
      simulationNicedBy: CHILD_PRIORITY - STARTED_AT,
      totalsEqualPublished: mismatches.length === 0,
      mismatches: mismatches.slice(0, 10),
      // simulate: wall from the start to the last section back, CPU of the children; the others: this process.
      phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, { wallMs: round(v.wallMs), cpuMs: round(v.cpuMs) }])),
      total: { wallMs: round(totalMs), cpuMs: round(phases.simulate.cpuMs + (ownCpu.user + ownCpu.system) / 1000) },
      simulateCpuMsPerVoter: Math.round((phases.simulate.cpuMs / Math.max(1, wantProvince.voters)) * 100) / 100,
      comuneIntakeMsPerSection: stats(intakeMs),
      comuneIntakeSectionsPerSecond: perSecond(intakeMs.length, phases.comuneIntake.wallMs),
      comuneIntakeCpuMsPerSection: round(phases.comuneIntake.cpuMs / Math.max(1, intakeMs.length)),
      publicPageShowsSectionMs: stats(liveMs),
      prefetturaIntakeMsPerComune: stats(packageMs),
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      goals: { totalWallMs: 600_000, comuneIntakeMsPerSection: 200, publicPageShowsSectionMs: 1_000, provinceSummedMs: 5_000 },
    },
    null,
    2,
  ),
);
process.exit(mismatches.length === 0 ? 0 : 1);
