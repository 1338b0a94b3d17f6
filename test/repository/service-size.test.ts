// No file over 400 lines in any app's service (docs/design.md §1): a file that long holds more than
// one part, and wants a seam. The limit is checked here rather than remembered.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/index.js';

export const MAX_SERVICE_LINES = 400;

/** Every file under each apps/<app>/src/service, with its count of lines. */
export function serviceFiles(root: string): { file: string; lines: number }[] {
  return readdirSync(join(root, 'apps'), { withFileTypes: true })
    .filter((app) => app.isDirectory())
    .flatMap((app) => {
      const dir = join('apps', app.name, 'src', 'service');
      let names: string[];
      try {
        names = readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' });
      } catch {
        return [];
      }
      return names.map((name) => join(dir, name)).filter((file) => /\.(ts|tsx|sql)$/.test(file));
    })
    .map((file) => ({ file, lines: readFileSync(join(root, file), 'utf8').split('\n').length }));
}

describe("the apps' services", () => {
  it(`have no file over ${MAX_SERVICE_LINES} lines`, () => {
    const files = serviceFiles(REPO_ROOT);
    expect(files.map((f) => f.file)).toContain(join('apps', 'seat-console', 'src', 'service', 'console.ts'));
    expect(files.filter((f) => f.lines > MAX_SERVICE_LINES)).toEqual([]);
  });
});
