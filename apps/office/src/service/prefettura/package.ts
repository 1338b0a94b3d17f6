// A comune's package, as its office gives it to the Prefettura (docs/design.md §7): one tar holding
// comune-tally.json, its .sig, and sections/ID.tar, each section's public export as the office received
// it. Read under its own limits; each section's archive then under a section export's.
import { problem, type Problem } from '../../shared/codes.js';
import { ARCHIVE_LIMITS, packArchive, readArchive, type ArchiveLimits } from '../archive.js';
import type { Office } from '../office.js';

export const PACKAGE_LIMITS: ArchiveLimits = {
  /** A comune's sections' exports together: a large comune's few hundred sections. */
  bytes: 512 * 1024 * 1024,
  entries: 2 + 1_500,
  entryBytes: ARCHIVE_LIMITS.bytes,
};

const SECTION = /^sections\/([A-Za-z0-9._-]{1,64})\.tar$/;

export interface ComunePackage {
  readonly tally: Uint8Array;
  readonly signature: Uint8Array;
  /** Each section's export, by the section id its entry names, in that order. */
  readonly sections: readonly { readonly name: string; readonly files: ReadonlyMap<string, Uint8Array> }[];
}

export async function readComunePackage(bytes: Uint8Array): Promise<{ ok: true; value: ComunePackage } | { ok: false; problem: Problem }> {
  const outer = await readArchive(bytes, PACKAGE_LIMITS);
  if (!outer.ok) return outer;
  const sections: { name: string; files: ReadonlyMap<string, Uint8Array> }[] = [];
  for (const [entry, inner] of [...outer.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (entry === 'comune-tally.json' || entry === 'comune-tally.json.sig') continue;
    const name = SECTION.exec(entry)?.[1];
    if (name === undefined) return { ok: false, problem: problem('comune-package-entry', { entry: entry.slice(0, 200) }) };
    const read = await readArchive(inner);
    if (!read.ok) return read;
    sections.push({ name, files: read.files });
  }
  for (const file of ['comune-tally.json', 'comune-tally.json.sig']) if (!outer.files.has(file)) return { ok: false, problem: problem('comune-package-missing', { file }) };
  return { ok: true, value: { tally: outer.files.get('comune-tally.json')!, signature: outer.files.get('comune-tally.json.sig')!, sections } };
}

/** What the comune's office gives the Prefettura: its signed comune tally and the exports it lists. */
export async function comunePackage(office: Office): Promise<Uint8Array> {
  const tally = office.comuneTally();
  const files = new Map<string, Uint8Array>([
    ['comune-tally.json', tally.bytes],
    ['comune-tally.json.sig', new TextEncoder().encode(tally.signature)],
  ]);
  for (const row of office.store.accepted()) files.set(`sections/${row.section!}.tar`, office.store.archive(row.id)!);
  return packArchive(files);
}
