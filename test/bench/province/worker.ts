// A child process of the province bench: runs the sections the bench sends it, each in its own folder
// under the bench's, and answers each with the section's export and turnout; asked to end, it says how
// much CPU it used and exits.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseElection } from '@seggio/ballot-core';
import type { Voter } from './data.js';
import { runSection, type SectionOut } from './section.js';

export interface Job { readonly id: number; readonly root: string; readonly bytes: Uint8Array; readonly publicKey: Uint8Array; readonly secretKey: Uint8Array; readonly section: string; readonly voters: readonly Voter[] }
export type ToWorker = { type: 'job'; job: Job } | { type: 'end' };
export type FromWorker = { type: 'out'; id: number; out: SectionOut } | { type: 'failed'; id: number; reason: string } | { type: 'cpu'; cpuMs: number };

const send = (message: FromWorker): void => {
  process.send!(message);
};

async function run(job: Job): Promise<void> {
  const parsed = parseElection(job.bytes);
  if (!parsed.ok) return send({ type: 'failed', id: job.id, reason: JSON.stringify(parsed.error) });
  const dir = join(job.root, `${parsed.value.comune.istat}-${job.section}`);
  mkdirSync(dir);
  try {
    const out = await runSection(dir, { bytes: job.bytes, election: parsed.value }, { publicKey: job.publicKey, secretKey: job.secretKey }, job.section, job.voters);
    send({ type: 'out', id: job.id, out });
  } catch (error) {
    send({ type: 'failed', id: job.id, reason: (error as Error).stack ?? String(error) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'job') void run(message.job);
  else {
    const used = process.cpuUsage();
    send({ type: 'cpu', cpuMs: (used.user + used.system) / 1000 });
    process.disconnect();
  }
});
