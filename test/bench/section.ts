// A section's figures, printed as JSON: cast latency at the service level on a real disk (p50, p99;
// the whole castBallots call: validate, encrypt, sign, one synchronous=FULL transaction), next to its
// floor measured in the same run on the same disk (per voter: one seal and one signature per ballot and
// one fdatasync of a written page), and the time from close to a signed bundle (seals and ballots from
// every booth, key rebuilt, every ballot opened, counted, checked and written). `--voters N` (default
// 1200) on sanvalle-2020: 2 contests a voter.
import { closeSync, fdatasyncSync, mkdtempSync, openSync, readFileSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ballotSignatureMessage, encodeBallotPlaintext, encodeSidecar, generateDay, parseElection, seededRandom, signBytes, type Election } from '@seggio/ballot-core';
import { BoothService } from '@seggio/booth';
import { nodeCrypto } from '@seggio/crypto/node';
import { SeatConsole } from '@seggio/seat-console';
import { enrolled, pairEnrolled, REPO_ROOT } from '../support/index.js';
import { waitFor } from '../simulate/day.js';

const arg = process.argv.indexOf('--voters');
const VOTERS = arg > 0 ? Number(process.argv[arg + 1]) : 1200;
const BOOTHS = 3;

// sanvalle-2020, with its section enlarged to the law's largest (1,200 electors and more).
const fixture = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures', 'sanvalle-2020.election.json'), 'utf8')) as Election;
fixture.sections[0]!.electors.IT = { M: 610, F: 650 };
const bytes = new TextEncoder().encode(JSON.stringify(fixture, null, 2));
const election = (parseElection(bytes) as { ok: true; value: Election }).value;
const dir = mkdtempSync(join(tmpdir(), 'seggio-bench-section-'));
const office = nodeCrypto.generateSigningKeyPair();
const seat = await SeatConsole.start(nodeCrypto, { storePath: join(dir, 'console.db'), machineKeyPath: enrolled(office, 'console', 'C1', '999001', dir), officeKey: office.publicKey, host: '127.0.0.1', port: 0 });
const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
must(seat.loadElection({ bytes, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, bytes, office))) }));
const { shares } = must(await seat.createKeys({ section: '3' }));
const booths = Array.from({ length: BOOTHS }, (_, i) =>
  BoothService.start(nodeCrypto, { storePath: join(dir, `booth-${i + 1}.db`), machineKeyPath: enrolled(office, 'booth', `K${i + 1}`, '999001', dir), officeKey: office.publicKey, consoleUrl: seat.url }),
);
for (const [i, booth] of booths.entries()) await pairEnrolled(seat, booth, `B${i + 1}`);
must(seat.openVoting());

const day = generateDay(election, '3', VOTERS, seededRandom(1200));
const latencies: number[] = [];
for (const [i, voter] of day.voters.entries()) {
  const id = `B${(i % BOOTHS) + 1}`;
  const booth = booths[i % BOOTHS]!;
  await waitFor(() => seat.getView().booths.find((b) => b.id === id && b.state === 'idle' && !b.session), 'a free booth');
  const { session } = must(seat.enableBooth({ booth: id, category: voter.category, sex: voter.sex, accepts: Object.keys(voter.selections) }));
  await waitFor(() => booth.getView().session?.id === session, 'the session');
  const start = process.hrtime.bigint();
  const result = booth.castBallots({ session, selections: voter.selections });
  latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
}
await waitFor(() => seat.getView().sessions.cast === VOTERS, 'every cast at the console', 60_000);

/** The floor of a cast: the crypto it cannot avoid and one durable write, voter by voter. */
function floor(): number[] {
  const digest = nodeCrypto.sha256Hex(bytes);
  const urna = nodeCrypto.generateBoxKeyPair().publicKey;
  const key = nodeCrypto.generateSigningKeyPair();
  const fd = openSync(join(dir, 'floor.page'), 'w');
  const page = new Uint8Array(4096);
  const out: number[] = [];
  try {
    for (const voter of day.voters) {
      const start = process.hrtime.bigint();
      for (const [id, selection] of Object.entries(voter.selections)) {
        const contest = election.contests.find((c) => c.id === id)!;
        const ct = nodeCrypto.seal(encodeBallotPlaintext(digest, contest, selection), urna);
        page.set(nodeCrypto.sign(ballotSignatureMessage(digest, '3', id, ct), key));
      }
      writeSync(fd, page, 0, page.length, 0);
      fdatasyncSync(fd);
      out.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  } finally {
    closeSync(fd);
  }
  return out;
}
const floorLatencies = floor();

// CPU time beside wall time: on a machine shared with other work the wall clock also counts waiting.
const cpu = () => process.cpuUsage();
const cpuMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => Math.round((b.user + b.system - a.user - a.system) / 1e3);
const closeCpu = cpu();
const closeStart = process.hrtime.bigint();
must(seat.closeVoting());
await waitFor(() => seat.phase === 'closed' && seat.store.booths().every((b) => b.log), 'the seals', 60_000);
const sealed = process.hrtime.bigint();
const sealedCpu = cpu();
const outcome = must(await seat.count({ shares: [shares[0]!, shares[2]!, shares[4]!] }));
const counted = process.hrtime.bigint();
const countedCpu = cpu();
must(await seat.exportBundle({ dir: join(dir, 'bundle') }));
const written = process.hrtime.bigint();
const writtenCpu = cpu();

const ms = (a: bigint, b: bigint) => Math.round(Number(b - a) / 1e4) / 100;
const percentile = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
};
const pct = percentile(latencies);
const floorPct = percentile(floorLatencies);
console.log(
  JSON.stringify(
    {
      benchmark: 'section',
      voters: VOTERS,
      contestsPerVoter: election.contests.length,
      ballots: seat.store.ballots().length,
      booths: BOOTHS,
      castLatencyMs: { p50: pct(50), p99: pct(99), max: pct(100) },
      castFloorMs: { p50: floorPct(50), p99: floorPct(99), max: floorPct(100) },
      castP99OverFloorP99: Math.round((pct(99) / floorPct(99)) * 100) / 100,
      closeToSignedBundleMs: { total: ms(closeStart, written), sealsCollected: ms(closeStart, sealed), count: ms(sealed, counted), write: ms(counted, written) },
      closeToSignedBundleCpuMs: { total: cpuMs(closeCpu, writtenCpu), sealsCollected: cpuMs(closeCpu, sealedCpu), count: cpuMs(sealedCpu, countedCpu), write: cpuMs(countedCpu, writtenCpu) },
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      checksHold: outcome.ok,
      goals: { castP99Ms: 30, castP99OverFloorP99: 3, closeToBundleMs: 1000 },
    },
    null,
    2,
  ),
);
for (const booth of booths) booth.stop();
await seat.stop();
