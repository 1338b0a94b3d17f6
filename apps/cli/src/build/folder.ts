// The folder of spreadsheets and symbols, read under limits: plain files directly inside it, with plain
// names, each of a bounded size; no links, no subfolders, no paths. The office receives the same folder
// as uploaded files and checks them here too (folderFromEntries).
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '@seggio/ballot-core';
import { buildProblem, type BuildProblem } from './codes.js';

export const FOLDER_LIMITS = {
  files: 1200,
  totalBytes: 24 * 1024 * 1024,
  csvBytes: 4 * 1024 * 1024,
  /** The election format's own bound on a symbol. */
  pngBytes: LIMITS.symbolBytes,
  /** Any other file (a note, a README) is kept out of the package but still bounded. */
  otherBytes: 1024 * 1024,
} as const;

/** A file's name: no path, nothing hidden, nothing a shell or another system would read otherwise. */
export const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface Folder {
  /** File name to bytes. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly problems: readonly BuildProblem[];
}

export function limitFor(name: string): number {
  const lower = name.toLowerCase();
  return lower.endsWith('.csv') ? FOLDER_LIMITS.csvBytes : lower.endsWith('.png') ? FOLDER_LIMITS.pngBytes : FOLDER_LIMITS.otherBytes;
}

/** Files given by name and bytes (an upload): each name checked, each size bounded. */
export function folderFromEntries(entries: readonly { readonly name: string; readonly bytes: Uint8Array }[]): Folder {
  const problems: BuildProblem[] = [];
  const files = new Map<string, Uint8Array>();
  if (entries.length > FOLDER_LIMITS.files) return { files, problems: [buildProblem('folder-too-many-files', { limit: FOLDER_LIMITS.files })] };
  let total = 0;
  for (const { name, bytes } of entries) {
    if (!FILE_NAME.test(name)) problems.push(buildProblem('entry-name', { file: name.slice(0, 120) }));
    else if (files.has(name)) problems.push(buildProblem('entry-not-file', { file: name }));
    else if (bytes.length > limitFor(name)) problems.push(buildProblem('file-too-large', { file: name, limit: limitFor(name) }));
    else files.set(name, bytes);
    total += bytes.length;
  }
  if (total > FOLDER_LIMITS.totalBytes) return { files: new Map(), problems: [buildProblem('folder-too-large', { limit: FOLDER_LIMITS.totalBytes })] };
  return { files, problems };
}

/** Reads one file without following a link, refusing it if it is not a plain file or is over its limit. */
export function readBounded(path: string, name: string, limit = limitFor(name)): Uint8Array | BuildProblem {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ELOOP' ? buildProblem('entry-not-file', { file: name }) : buildProblem('folder-unreadable', { file: name, reason: code ?? 'error' });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return buildProblem('entry-not-file', { file: name });
    if (stat.size > limit) return buildProblem('file-too-large', { file: name, limit });
    const bytes = new Uint8Array(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** A folder on disk: only its own plain files, never what a link points to. */
export function readFolder(dir: string): Folder {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    return { files: new Map(), problems: [buildProblem('folder-unreadable', { file: dir, reason: (error as NodeJS.ErrnoException).code ?? 'error' })] };
  }
  if (entries.length > FOLDER_LIMITS.files) return { files: new Map(), problems: [buildProblem('folder-too-many-files', { limit: FOLDER_LIMITS.files })] };
  const problems: BuildProblem[] = [];
  const read: { name: string; bytes: Uint8Array }[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!FILE_NAME.test(entry.name)) {
      problems.push(buildProblem('entry-name', { file: entry.name.slice(0, 120) }));
      continue;
    }
    if (!entry.isFile()) {
      problems.push(buildProblem('entry-not-file', { file: entry.name }));
      continue;
    }
    const bytes = readBounded(join(dir, entry.name), entry.name);
    if (bytes instanceof Uint8Array) read.push({ name: entry.name, bytes });
    else problems.push(bytes);
  }
  const folder = folderFromEntries(read);
  return { files: folder.files, problems: [...problems, ...folder.problems] };
}
