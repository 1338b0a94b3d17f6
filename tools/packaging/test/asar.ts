// A reader of asar archives written for the tests, apart from the @electron/asar that wrote them: the
// archive is a pickled header size (8 bytes), a pickled JSON header, then the files' bytes.
import { closeSync, openSync, readSync } from 'node:fs';

interface Entry {
  files?: Record<string, Entry>;
  size?: number;
  offset?: string;
  unpacked?: boolean;
}

export interface AsarFile {
  path: string;
  size: number;
  unpacked: boolean;
}

export interface Asar {
  files: AsarFile[];
  read(path: string): Buffer;
}

/** Headers of real apps are a few hundred KB. */
const MAX_HEADER = 16 * 1024 * 1024;

export function openAsar(file: string): Asar {
  const fd = openSync(file, 'r');
  try {
    const prefix = Buffer.alloc(16);
    readSync(fd, prefix, 0, 16, 0);
    const headerSize = prefix.readUInt32LE(4);
    const jsonLength = prefix.readUInt32LE(12);
    if (headerSize > MAX_HEADER || jsonLength > headerSize) throw new Error(`${file}: not an asar header`);
    const json = Buffer.alloc(jsonLength);
    readSync(fd, json, 0, jsonLength, 16);
    const root = JSON.parse(json.toString('utf8')) as Entry;
    const dataStart = 8 + headerSize;
    const files: AsarFile[] = [];
    const entries = new Map<string, Entry>();
    const walk = (entry: Entry, prefix: string) => {
      for (const [name, child] of Object.entries(entry.files ?? {})) {
        const path = prefix === '' ? name : `${prefix}/${name}`;
        if (child.files) walk(child, path);
        else {
          files.push({ path, size: child.size ?? 0, unpacked: child.unpacked === true });
          entries.set(path, child);
        }
      }
    };
    walk(root, '');
    return {
      files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      read(path) {
        const entry = entries.get(path);
        if (!entry || entry.unpacked || entry.offset === undefined) throw new Error(`${path}: not packed in ${file}`);
        const bytes = Buffer.alloc(entry.size ?? 0);
        const fd2 = openSync(file, 'r');
        try {
          readSync(fd2, bytes, 0, bytes.length, dataStart + Number(entry.offset));
        } finally {
          closeSync(fd2);
        }
        return bytes;
      },
    };
  } finally {
    closeSync(fd);
  }
}
