import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findUp(from: string, isRoot: (dir: string) => boolean): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (isRoot(dir)) return dir;
    if (dirname(dir) === dir) throw new Error(`no enclosing folder found from ${from}`);
  }
}

const isPackage = (name: string) => (dir: string) =>
  existsSync(join(dir, 'package.json')) && (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === name;

const here = dirname(fileURLToPath(import.meta.url));

/** The test workspace, whether running from sources or from dist/. */
export const TEST_ROOT = findUp(here, isPackage('@seggio/test'));
/** The repository root. */
export const REPO_ROOT = findUp(here, isPackage('seggio'));
