// A section's figures, printed as JSON: cast latency at the service level on a real disk (p50, p99;
// the whole castBallots call: validate, encrypt, sign, one synchronous=FULL transaction), and the time
// from close to a signed bundle (seals and ballots from every booth, key rebuilt, every ballot opened,
// counted, checked and written). `--voters N` (default 1200) on sanvalle-2020: 2 contests a voter.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSidecar, generateDay, parseElection, seededRandom, signBytes, type Election } from '@seggio/ballot-core';
import { BoothService } from '@seggio/booth';
import { nodeCrypto } from '@seggio/crypto/node';
import { SeatConsole } from '@seggio/seat-console';
import { REPO_ROOT } from '../support/index.js';
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
const seat = await SeatConsole.start(nodeCrypto, { storePath: join(dir, 'console.db'), officeKey: office.publicKey, host: '127.0.0.1', port: 0 });
const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
must(seat.loadElection({ bytes, signature: new TextEncoder().encode(encodeSidecar(signBytes(nodeCrypto, bytes, office))) }));
const { shares } = must(await seat.createKeys({ section: '3' }));
const booths = Array.from({ length: BOOTHS }, (_, i) => BoothService.start(nodeCrypto, { storePath: join(dir, `booth-${i + 1}.db`), officeKey: office.publicKey, consoleUrl: seat.url }));
for (const [i, booth] of booths.entries()) {
  const fp = booth.getView().boothFingerprint;
  await waitFor(() => seat.getView().pendingBooths.some((p) => p.fingerprint === fp), 'the booth');
  must(seat.pairBooth({ fingerprint: fp, id: `B${i + 1}` }));
}
await waitFor(() => seat.getView().booths.every((b) => b.zeroReport), 'zero reports');
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

const closeStart = process.hrtime.bigint();
must(seat.closeVoting());
await waitFor(() => seat.phase === 'closed' && seat.store.booths().every((b) => b.log), 'the seals', 60_000);
const sealed = process.hrtime.bigint();
const outcome = must(await seat.count({ shares: [shares[0]!, shares[2]!, shares[4]!] }));
const counted = process.hrtime.bigint();
must(await seat.exportBundle({ dir: join(dir, 'bundle') }));
const written = process.hrtime.bigint();

const ms = (a: bigint, b: bigint) => Math.round(Number(b - a) / 1e4) / 100;
const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
console.log(
  JSON.stringify(
    {
      benchmark: 'section',
      voters: VOTERS,
      contestsPerVoter: election.contests.length,
      ballots: seat.store.ballots().length,
      booths: BOOTHS,
      castLatencyMs: { p50: pct(50), p99: pct(99), max: pct(100) },
      closeToSignedBundleMs: { total: ms(closeStart, written), sealsCollected: ms(closeStart, sealed), count: ms(sealed, counted), write: ms(counted, written) },
      checksHold: outcome.ok,
      goals: { castP99Ms: 30, closeToBundleMs: 2000 },
    },
    null,
    2,
  ),
);
for (const booth of booths) booth.stop();
await seat.stop();
