// Sections of one election for the office's tests: an election of several sections signed by one
// office key, each section's day simulated through console and booths, its public export as a tar.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDay, parseElection, seededRandom, type Election } from '@seggio/ballot-core';
import type { SigningKeyPair } from '@seggio/crypto';
import { publicExportArchive } from '@seggio/seat-console';
import { endDay, runDay, type DayResult } from '../simulate/day.js';
import { REPO_ROOT } from '../support/paths.js';

/** The Sanvalle package with `sections` sections of one booth each, and optionally the office's address, another comune, other edits. */
export function officeElection(options: { sections: readonly string[]; url?: string; id?: string; training?: boolean; comune?: { istat: string; name: string }; edit?: (e: Election) => void }): Uint8Array {
  const e = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures', 'sanvalle-2020.election.json'), 'utf8')) as Election & { office?: { url: string } };
  const base = e.sections[0]!;
  const sections = options.sections.map((id) => ({ ...base, id, name: `Sezione ${id}`, booths: 1 }));
  const doc = { ...e, id: options.id ?? e.id, sections, ...(options.comune ? { comune: { ...e.comune, ...options.comune } } : {}), ...(options.url ? { office: { url: options.url } } : {}), ...(options.training ? { training: true } : {}) };
  options.edit?.(doc);
  const bytes = new TextEncoder().encode(`${JSON.stringify(doc, null, 2)}\n`);
  const parsed = parseElection(bytes);
  if (!parsed.ok) throw new Error(`the test election does not parse: ${JSON.stringify(parsed.error)}`);
  return bytes;
}

export interface SimulatedSection {
  readonly section: string;
  readonly bundle: string;
  /** The public export as the console pushes it. */
  readonly archive: Uint8Array;
  /** The turnout submissions of each checkpoint recorded during the day, as the console sends them. */
  readonly turnout: readonly Record<string, string>[];
}

/** One section's whole day; the console and booth are stopped before it returns unless `keep` is set. */
export async function simulateSection(dir: string, options: { electionBytes: Uint8Array; section: string; officeKey: SigningKeyPair; voters: number; seed: number; keep?: boolean }): Promise<SimulatedSection & { day: DayResult }> {
  const parsed = parseElection(options.electionBytes);
  if (!parsed.ok) throw new Error('the election does not parse');
  const election = parsed.value;
  const out = join(dir, `section-${options.section}-${options.seed}`);
  mkdirSync(out, { recursive: true });
  const day = await runDay({
    election, electionBytes: options.electionBytes, section: options.section, booths: 1, out, officeKey: options.officeKey,
    day: generateDay(election, options.section, options.voters, seededRandom(options.seed)),
  });
  const turnout = day.console.store.turnout().map((t) => day.console.office.turnoutSubmission(t.checkpoint)!);
  const archive = await publicExportArchive(day.bundle);
  if (!options.keep) await endDay(day);
  return { section: options.section, bundle: day.bundle, archive, turnout, day };
}
