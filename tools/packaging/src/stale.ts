// Compiled files left in dist/ by a source that was since removed or renamed: `tsc -b` writes but never
// deletes, and electron-builder would package them as if they were the app's.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.cjs': ['.cts'], '.mjs': ['.mts'] };

/** The compiled files under `packageDir`/dist/src with no source under `packageDir`/src, relative to the package. */
export function staleCompiled(packageDir: string): string[] {
  const compiled = join(packageDir, 'dist', 'src');
  if (!existsSync(compiled)) return [];
  return readdirSync(compiled, { recursive: true, encoding: 'utf8' })
    .filter((file) => {
      const extension = Object.keys(SOURCES).find((ext) => file.endsWith(ext));
      if (extension === undefined) return false;
      const stem = file.slice(0, -extension.length);
      return !SOURCES[extension]!.some((source) => existsSync(join(packageDir, 'src', `${stem}${source}`)));
    })
    .map((file) => `dist/src/${file}`)
    .sort();
}
