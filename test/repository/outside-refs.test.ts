// The repository stands alone: no tracked file may point at a folder outside it, neither the team's
// ../shared brief nor any relative path that climbs above the root, so a clone on a fresh machine has
// everything its documents, tests and tools refer to.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/index.js';

/** A run of `../` (or `..\`), as in a path written in code, a document or a config file. */
const CLIMB = /(?<![\w.])((?:\.\.[/\\])+)([\w@.-]*)/g;
/** Absolute paths to the machine the repository was written on. */
const ABSOLUTE = /(?:^|[\s'"`(=])(\/work\/[\w.-]+)/g;

/** Each reference in `text` (a tracked file at `file`, relative to `root`) that leads outside `root`. */
export function outsideReferences(root: string, file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(CLIMB)) {
      // A bare `../` (prose about paths, say) names no folder; a reference goes on to a name.
      if (m[2] === '') continue;
      const target = resolve(root, dirname(file), m[1]!.replaceAll('\\', '/'), m[2]!);
      const inside = relative(root, target);
      if (inside.startsWith('..') || isAbsolute(inside)) found.push(`${file}:${i + 1}: ${m[0].trim()}`);
    }
    for (const m of line.matchAll(ABSOLUTE)) found.push(`${file}:${i + 1}: ${m[1]}`);
  });
  return found;
}

const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);

describe('the repository refers to nothing outside itself', () => {
  it('no tracked text file names ../shared or climbs above the root', () => {
    const found = tracked.flatMap((file) => {
      const bytes = readFileSync(join(REPO_ROOT, file));
      if (bytes.includes(0)) return []; // images, PDFs, SQLite files: no paths to follow
      return outsideReferences(REPO_ROOT, file, bytes.toString('utf8'));
    });
    expect(found).toEqual([]);
  });

  it('finds the references it is there to find', () => {
    // Written with UP and BRIEF so that this file's own examples are not references of its own.
    const UP = '../';
    const BRIEF = ['sha', 'red'].join('');
    const root = '/repo';
    expect(outsideReferences(root, 'README.md', `The design is in ${UP}${BRIEF}/DESIGN.md.`)).toEqual([`README.md:1: ${UP}shared`]);
    expect(outsideReferences(root, 'test/verify/a.test.ts', `const f = '${UP.repeat(4)}${BRIEF}/fixtures/x.json';`)).toHaveLength(1);
    expect(outsideReferences(root, 'a/b/c.ts', `import x from '${UP.repeat(3)}elsewhere/x.js';`)).toHaveLength(1);
    expect(outsideReferences(root, 'docs/x.md', `see ${UP.replaceAll('/', '\\').repeat(2)}shared`)).toHaveLength(1);
    expect(outsideReferences(root, 'docs/x.md', `read ${'/wo'}rk/${BRIEF}/DESIGN.md`)).toEqual([`docs/x.md:1: ${'/wo'}rk/shared`]);
    expect(outsideReferences(root, 'test/tsconfig.json', `{"path": "${UP}packages/crypto"}`)).toEqual([]);
    expect(outsideReferences(root, 'docs/design.md', `[the README](${UP}README.md)`)).toEqual([]);
    expect(outsideReferences(root, 'README.md', `archives with \`${UP}\` paths are refused`)).toEqual([]);
  });
});
