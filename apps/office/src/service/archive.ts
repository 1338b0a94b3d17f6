// A section's public export as it travels: a tar archive of the bundle folder. Read with tar-stream
// under limits, and refused whole on the first entry that is not a plain file or folder with a
// relative name inside the bundle (no `../`, no absolute path, no link, nothing oversize).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { problem, type Problem } from '../shared/codes.js';

export const ARCHIVE_LIMITS = {
  /** The whole archive: a large section's ballots are a few MB. */
  bytes: 64 * 1024 * 1024,
  entries: 256,
  entryBytes: 48 * 1024 * 1024,
} as const;

const NAME = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** The name inside the bundle, or null when it could point outside it. */
function bundleName(raw: string): string | null {
  const name = raw.replace(/^(\.\/)+/, '').replace(/\/$/, '');
  if (name === '' || name === '.') return '';
  if (!NAME.test(name) || name.split('/').some((part) => part === '..' || part === '.')) return null;
  return name;
}

export type ArchiveResult = { readonly ok: true; readonly files: ReadonlyMap<string, Uint8Array> } | { readonly ok: false; readonly problem: Problem };

export interface ArchiveLimits {
  readonly bytes: number;
  readonly entries: number;
  readonly entryBytes: number;
}

/** Reads a tar under `limits`: a section's export by default, a comune's package (the Prefettura) with its own. */
export async function readArchive(bytes: Uint8Array, limits: ArchiveLimits = ARCHIVE_LIMITS): Promise<ArchiveResult> {
  if (bytes.length > limits.bytes) return { ok: false, problem: problem('body-too-large', { limit: limits.bytes }) };
  const files = new Map<string, Uint8Array>();
  const folders = new Set<string>();
  const extract = tar.extract();
  let refusal: Problem | null = null;
  let entries = 0;
  const done = new Promise<void>((resolvePromise, reject) => {
    extract.on('entry', (header, stream, nextEntry) => {
      const refuse = (p: Problem) => {
        refusal = p;
        stream.resume();
        extract.destroy();
      };
      entries++;
      const name = bundleName(header.name);
      if (entries > limits.entries) return refuse(problem('archive-too-many-entries', { limit: limits.entries }));
      if (name === null || header.name.startsWith('/')) return refuse(problem('archive-entry-path', { entry: header.name.slice(0, 200) }));
      if (header.type === 'directory') {
        if (files.has(name)) return refuse(problem('archive-entry-twice', { entry: name }));
        if (name !== '') folders.add(name);
        stream.resume();
        return void stream.on('end', nextEntry);
      }
      if (header.type !== 'file' && header.type !== 'contiguous-file') return refuse(problem('archive-entry-type', { entry: name, type: header.type ?? 'unknown' }));
      // A file must have a name, and not be a folder of another: unpack() could not write both out.
      if (name === '') return refuse(problem('archive-entry-path', { entry: header.name.slice(0, 200) }));
      if ((header.size ?? 0) > limits.entryBytes) return refuse(problem('archive-entry-too-large', { entry: name, limit: limits.entryBytes }));
      const parents = name.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'));
      const clash = [name, ...parents].find((n) => files.has(n)) ?? (folders.has(name) ? name : undefined);
      if (clash !== undefined) return refuse(problem('archive-entry-twice', { entry: clash }));
      for (const parent of parents) folders.add(parent);
      if (name === 'urna-key.json' || name === 'urna-key.json.sig') return refuse(problem('archive-audit-set', { entry: name }));
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
      stream.on('end', () => {
        files.set(name, Buffer.concat(chunks));
        nextEntry();
      });
    });
    extract.on('finish', resolvePromise);
    extract.on('close', () => (refusal ? resolvePromise() : undefined));
    extract.on('error', reject);
  });
  Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]).pipe(extract);
  try {
    await done;
  } catch (error) {
    return { ok: false, problem: refusal ?? problem('archive-unreadable', { reason: (error as Error).message.slice(0, 200) }) };
  }
  if (refusal) return { ok: false, problem: refusal };
  if (files.size === 0) return { ok: false, problem: problem('archive-unreadable', { reason: 'no files in the archive' }) };
  return { ok: true, files };
}

/** Writes the files into a new temporary folder for the verifier; the caller removes it. */
export function unpack(files: ReadonlyMap<string, Uint8Array>): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'seggio-office-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    for (const [name, bytes] of files) {
      const path = resolve(dir, name);
      // readArchive allows no such name; checked again where the file is written.
      if (!path.startsWith(dir + sep)) throw new Error(`${name} is outside the bundle`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    }
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, remove };
}

/** A folder's files as a tar archive: how the console pushes its public export, and how tests make one. */
export async function packArchive(files: ReadonlyMap<string, Uint8Array>): Promise<Uint8Array> {
  const pack = tar.pack();
  for (const [name, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) pack.entry({ name, size: bytes.length, mtime: new Date(0), mode: 0o644 }, Buffer.from(bytes));
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
