// kill -9 of the office process during intake, 30 times at random points, each followed by a restart
// on the same store: every submission the office acknowledged is there once and in the state it
// answered, nothing received is left unjudged, and only whole, verified sections are counted.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSidecar, seededRandom, signBytes, sumContests, type SectionTally } from '@seggio/ballot-core';
import { nodeCrypto } from '@seggio/crypto/node';
import { Office, packArchive, readArchive } from '@seggio/office';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, within } from '../support/index.js';
import { officeElection, simulateSection, type SimulatedSection } from './sections.js';

const KILLS = Number(process.env.SEGGIO_KILLS ?? 30);
const MAIN = join(REPO_ROOT, 'apps', 'office', 'dist', 'src', 'service', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'seggio-office-kill-'));
/** Offices still running if a step failed: killed, so that a failure does not leave them behind. */
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** One push to an office, answered within ANSWER_MS or failed with the reason (the office's death included). */
async function pushArchive(url: string, archive: Uint8Array): Promise<{ state: string }> {
  const response = await fetch(new URL('api/v1/sections', url), { method: 'POST', headers: { 'content-type': 'application/x-tar' }, body: Buffer.from(archive), signal: AbortSignal.timeout(ANSWER_MS) });
  return ((await response.json()) as { submission: { state: string } }).submission;
}
const timedOut = (error: unknown) => error instanceof DOMException && error.name === 'TimeoutError';

/** How long an office that is alive may take to answer one push: far more than a judgement of 12 voters takes. */
const ANSWER_MS = 30_000;

function startOffice(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the office did not start within 20 s')), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      resolve({ child, url: (JSON.parse(out.split('\n')[0]!) as { public: string }).public });
    });
    child.on('exit', () => reject(new Error(`the office exited before it started: ${out}`)));
  });
}

describe('kill -9 of the office during intake', () => {
  it(`keeps every acknowledged submission once, and counts nothing half-written, over ${KILLS} kills`, async () => {
    const officeKey = nodeCrypto.generateSigningKeyPair();
    const electionBytes = officeElection({ sections: ['1', '2', '3'] });
    const electionFile = join(dir, 'election.json');
    writeFileSync(electionFile, electionBytes);
    writeFileSync(`${electionFile}.sig`, encodeSidecar(signBytes(nodeCrypto, electionBytes, officeKey)));
    writeFileSync(join(dir, 'office.key'), `${JSON.stringify({ format: 'seggio/office-key@1', publicKey: Buffer.from(officeKey.publicKey).toString('base64'), secretKey: Buffer.from(officeKey.secretKey).toString('base64') })}\n`, { mode: 0o600 });
    const sections: SimulatedSection[] = [];
    for (const [i, id] of ['1', '2', '3'].entries()) sections.push(await simulateSection(dir, { electionBytes, section: id, officeKey, voters: 12, seed: 40 + i }));

    // What is pushed: the three sections, and distinct exports with one file too many (each refused by the verifier).
    const read = await readArchive(sections[0]!.archive);
    if (!read.ok) throw new Error('unreadable');
    const queue: Uint8Array[] = [];
    for (let k = 0; k < KILLS; k++) queue.push(await packArchive(new Map([...read.files, [`extra-${k}.txt`, new TextEncoder().encode(`${k}\n`)]])));
    queue.splice(3, 0, sections[0]!.archive);
    queue.splice(9, 0, sections[1]!.archive);
    queue.splice(15, 0, sections[2]!.archive);

    const store = join(dir, 'office.db');
    const args = ['--election', electionFile, '--key', join(dir, 'office.key'), '--store', store];
    const acknowledged = new Map<string, string>();
    const random = seededRandom(7);
    let next = 0;
    const started = Date.now();
    let kills = 0;
    // Bounded in count and in time: a loaded machine gets fewer kills, and the test says so below.
    for (; kills < KILLS && Date.now() - started < 200_000; kills++) {
      const { child, url } = await startOffice(args);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const killAt = setTimeout(() => child.kill('SIGKILL'), random() * 400);
      // Two pushes at a time, until the process dies.
      const push = async () => {
        while (next < queue.length && child.exitCode === null && child.signalCode === null) {
          const archive = queue[next++ % queue.length]!;
          try {
            acknowledged.set(nodeCrypto.sha256Hex(archive), (await pushArchive(url, archive)).state);
          } catch (error) {
            // An office alive that does not answer is a fault; one killed before it answered did not acknowledge.
            if (timedOut(error) && child.exitCode === null && child.signalCode === null) throw new Error(`kill ${kills}: push ${next - 1} not answered within ${ANSWER_MS / 1000} s by an office still running`, { cause: error });
            // Pushed again later, as a console would.
            next--;
            return;
          }
        }
      };
      await within(2 * ANSWER_MS, `kill ${kills}: pushes`, Promise.all([push(), push()]));
      clearTimeout(killAt);
      child.kill('SIGKILL');
      await within(10_000, `kill ${kills}: exit after SIGKILL`, exited);
      if (next >= queue.length) next = 0;
    }

    expect(kills).toBe(KILLS);
    expect(acknowledged.size).toBeGreaterThan(KILLS / 3);
    // Then an office left alone takes what was never acknowledged, as the consoles would send it again.
    const last = await startOffice(args);
    for (const archive of queue.filter((a) => !acknowledged.has(nodeCrypto.sha256Hex(a)))) {
      acknowledged.set(nodeCrypto.sha256Hex(archive), (await pushArchive(last.url, archive)).state);
    }
    const stopped = new Promise((resolve) => last.child.on('exit', resolve));
    last.child.kill('SIGTERM');
    await within(30_000, 'last office: stop on SIGTERM', stopped);

    const office = await within(30_000, 'office opened in the test', Office.start(nodeCrypto, { storePath: store, electionBytes, key: officeKey }));
    try {
      const rows = office.store.submissions();
      expect(rows.filter((r) => r.state === 'received')).toEqual([]);
      for (const [digest, state] of acknowledged) {
        const mine = rows.filter((r) => r.digest === digest);
        expect(mine.map((r) => r.state)).toEqual([state]);
      }
      const accepted = office.store.accepted();
      expect(new Set(accepted.map((a) => a.section)).size).toBe(accepted.length);
      expect(accepted.map((a) => a.digest).sort()).toEqual(sections.map((s) => nodeCrypto.sha256Hex(s.archive)).sort());
      expect(rows).toHaveLength(queue.length);
      const tallies = accepted.map((a) => JSON.parse(a.tally!) as SectionTally);
      expect(office.results().contests.map((c) => c.voters)).toEqual(sumContests(office.election.scrutinyOrder, tallies).map((c) => c.voters));
    } finally {
      await within(30_000, 'office closed in the test', office.close());
    }
  }, 420_000);
});
