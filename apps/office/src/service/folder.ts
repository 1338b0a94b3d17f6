// The import folder: where the office copies the drive the president brings. Each `.tar` in it is a
// submission by the channel "folder"; the same bytes twice are one submission (the store's digest).
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { problem } from '../shared/codes.js';
import { ARCHIVE_LIMITS } from './archive.js';
import type { Office } from './office.js';

/** What the folder hands its files to: a comune's office, or the Prefettura (with its package limit). */
export type FolderTarget = Pick<Office, 'submit' | 'folderRefused'>;

export class ImportFolder {
  /** name → size and time already taken, so a file is read once, and again only if it changes. */
  readonly #seen = new Map<string, string>();
  #timer: NodeJS.Timeout | null = null;
  #scanning: Promise<void> | null = null;

  constructor(readonly office: FolderTarget, readonly dir: string, readonly log: (line: string) => void = () => {}, readonly limit: number = ARCHIVE_LIMITS.bytes) {}

  start(everyMs = 500): void {
    this.#timer = setInterval(() => void this.scan(), everyMs);
  }

  /** Takes every new or changed archive in the folder; refuses links, folders and oversize files by name. */
  scan(): Promise<void> {
    this.#scanning ??= this.#scan().finally(() => (this.#scanning = null));
    return this.#scanning;
  }

  async #scan(): Promise<void> {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith('.tar')).sort();
    } catch (error) {
      return this.log(`import folder ${this.dir}: ${(error as Error).message}`);
    }
    for (const name of names) {
      const path = join(this.dir, name);
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      const mark = `${stat.size}:${stat.mtimeMs}`;
      if (this.#seen.get(name) === mark) continue;
      this.#seen.set(name, mark);
      if (!stat.isFile()) {
        this.office.folderRefused(problem('folder-entry-not-file', { file: name }));
        continue;
      }
      if (stat.size > this.limit) {
        this.office.folderRefused(problem('folder-file-too-large', { file: name, limit: this.limit }));
        continue;
      }
      await this.office.submit('folder', name, readFileSync(path));
    }
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#scanning;
  }
}
