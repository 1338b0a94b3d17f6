// The pushed archive: plain files with relative names inside the bundle, within limits; anything else
// refused whole, with the entry named.
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_LIMITS, packArchive, readArchive } from '../src/service/archive.js';
import { neutralise } from '../src/service/results.js';

type Entry = { name: string; size?: number; type?: 'file' | 'directory' | 'symlink' | 'link'; linkname?: string };

async function archive(entries: readonly Entry[]): Promise<Uint8Array> {
  const pack = tar.pack();
  for (const h of entries) {
    if ((h.type ?? 'file') === 'file') pack.entry(h, Buffer.alloc(h.size ?? 0, 0x61));
    else pack.entry(h);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const refusal = async (bytes: Uint8Array) => {
  const read = await readArchive(bytes);
  return read.ok ? null : read.problem;
};

describe('readArchive', () => {
  it('reads plain files and folders back, byte for byte', async () => {
    const files = new Map([['tally.json', new TextEncoder().encode('{}\n')], ['booths/B1.json', new Uint8Array([1, 2, 3])]]);
    const read = await readArchive(await packArchive(files));
    expect(read.ok && [...read.files].map(([n, b]) => [n, [...b]])).toEqual([...files].sort().map(([n, b]) => [n, [...b]]));
    expect(await refusal(await archive([{ name: './booths/', type: 'directory' }, { name: './tally.json', size: 2 }]))).toBeNull();
  });

  it.each([['../tally.json'], ['booths/../../etc/passwd'], ['/etc/passwd'], ['booths\\x.json']])('refuses the entry %s, which could point outside the bundle', async (name) => {
    expect(await refusal(await archive([{ name, size: 1 }]))).toEqual({ code: 'archive-entry-path', params: { entry: name } });
  });

  it.each([['symlink'], ['link']] as const)('refuses a %s', async (type) => {
    expect(await refusal(await archive([{ name: 'tally.json', type, linkname: '/etc/passwd' }]))).toEqual({ code: 'archive-entry-type', params: { entry: 'tally.json', type } });
  });

  it('refuses an oversize entry, too many entries, a file twice and the urna key', async () => {
    expect(await refusal(await archive([{ name: 'ballots.jsonl', size: ARCHIVE_LIMITS.entryBytes + 1 }]))).toEqual({ code: 'archive-entry-too-large', params: { entry: 'ballots.jsonl', limit: String(ARCHIVE_LIMITS.entryBytes) } });
    expect(await refusal(await archive(Array.from({ length: ARCHIVE_LIMITS.entries + 1 }, (_, i) => ({ name: `f${i}`, size: 1 }))))).toEqual({ code: 'archive-too-many-entries', params: { limit: String(ARCHIVE_LIMITS.entries) } });
    expect(await refusal(await archive([{ name: 'tally.json', size: 1 }, { name: './tally.json', size: 1 }]))).toEqual({ code: 'archive-entry-twice', params: { entry: 'tally.json' } });
    expect(await refusal(await archive([{ name: 'urna-key.json', size: 1 }]))).toEqual({ code: 'archive-audit-set', params: { entry: 'urna-key.json' } });
  });

  it('refuses what is not a tar archive', async () => {
    expect((await refusal(new TextEncoder().encode('x'.repeat(1024))))?.code).toBe('archive-unreadable');
    expect((await refusal(new Uint8Array(ARCHIVE_LIMITS.bytes + 1)))?.code).toBe('body-too-large');
  });
});

describe('the results CSV', () => {
  it.each([['=HYPERLINK("x")'], ['+1'], ['-1'], ['@SUM(A1)'], ['\tx'], ['\rx']])('neutralises a cell beginning like a formula: %j', (cell) => {
    expect(neutralise(cell)).toBe(`'${cell}`);
  });
  it('leaves other cells as they are', () => expect(neutralise('Lista civica')).toBe('Lista civica'));
});
