// The documents name files and folders of the repository (the threat model names the test that holds
// each requirement): every such path must exist, so a renamed test or file cannot leave a doc behind.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/index.js';

/** A path in backquotes that starts at one of the repository's top folders. */
const PATH = /`((?:apps|packages|test|tools|hardware|kiosk|scripts|fixtures|data|docs|demo|\.ci)\/[\w./-]*)`/g;

export function namedPaths(text: string): string[] {
  return [...text.matchAll(PATH)].map((m) => m[1]!);
}

const documents = [
  'README.md',
  ...readdirSync(join(REPO_ROOT, 'docs')).filter((n) => n.endsWith('.md')).map((n) => `docs/${n}`),
  ...['docs/vectors', 'fixtures', 'data', 'demo'].map((d) => `${d}/README.md`),
];

describe('the documents', () => {
  it.each(documents)('%s names only paths that exist', (doc) => {
    const missing = namedPaths(readFileSync(join(REPO_ROOT, doc), 'utf8')).filter((p) => !existsSync(join(REPO_ROOT, p)));
    expect(missing).toEqual([]);
  });

  it('finds the paths it is there to check', () => {
    expect(namedPaths('held by `test/day/kill.test.ts` › kill -9; see `docs/vectors/` and `npm test`')).toEqual(['test/day/kill.test.ts', 'docs/vectors/']);
  });
});
