// The console's two folders on disk: where election packages arrive (the removable drive) and where
// its exports go. Every refusal is one of the console's own (shared/refusals.ts).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { err, ok, type Result } from '@seggio/crypto';
import type { PackageEntry } from '../shared/api.js';
import { refusal, type Refusal } from '../shared/refusals.js';

/** The election packages in the import folder: each `*.json` with, or without, its `.sig`. */
export function listPackages(dir: string | null | undefined): Result<PackageEntry[], Refusal> {
  if (!dir) return err(refusal('no-import-folder'));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return err(refusal('import-folder-missing', { dir }));
  const names = readdirSync(dir);
  return ok(names.filter((n) => n.endsWith('.json') && statSync(join(dir, n)).isFile()).sort().map((file) => ({ file, signature: names.includes(`${file}.sig`) })));
}

/** A package and its signature from the import folder, by file name (never a path). */
export function readPackage(dir: string | null | undefined, name: unknown): Result<{ bytes: Uint8Array; signature: Uint8Array }, Refusal[]> {
  if (!dir) return err([refusal('no-import-folder')]);
  if (typeof name !== 'string' || basename(name) !== name || !name.endsWith('.json')) return err([refusal('not-a-package', { file: String(name) })]);
  const file = join(dir, name);
  if (!existsSync(file)) return err([refusal('package-missing', { file })]);
  if (!existsSync(`${file}.sig`)) return err([refusal('signature-missing', { file })]);
  return ok({ bytes: readFileSync(file), signature: readFileSync(`${file}.sig`) });
}

/** `base`, or `base-2`, `base-3` … : the first that does not exist or is empty. */
export function freeFolder(base: string): string {
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    if (!existsSync(candidate) || readdirSync(candidate).length === 0) return candidate;
  }
}

/** Writes one file into a folder, made if need be; returns its path, or why it could not. */
export function writeInto(dir: string, name: string, text: string): Result<{ file: string }, Refusal> {
  const file = join(dir, name);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    return err(refusal('file-write', { file, reason: (error as Error).message }));
  }
  return ok({ file });
}
