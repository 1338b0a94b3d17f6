// The modules a workspace needs at run time, read from package-lock.json as npm resolved them: the
// tests' own account of what a package must hold, apart from the tree electron-builder collects.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface Locked {
  version?: string;
  link?: boolean;
  resolved?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** `name@version` of every production module of the workspace at `location` (e.g. "apps/booth"). */
export function lockedProductionModules(root: string, location: string): Set<string> {
  const packages = (JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, Locked> }).packages;
  const found = new Set<string>();
  const visited = new Set<string>();
  const queue = [location];
  while (queue.length > 0) {
    const from = queue.shift()!;
    const entry = packages[from]!;
    const required = Object.keys(entry.dependencies ?? {});
    for (const name of [...required, ...Object.keys(entry.optionalDependencies ?? {})]) {
      let at: string | undefined;
      for (let dir = from; ; dir = dirname(dir)) {
        const key = `${dir === '.' || dir === '' ? '' : `${dir}/`}node_modules/${name}`;
        if (packages[key]) {
          at = key;
          break;
        }
        if (dir === '.' || dir === '') break;
      }
      if (at === undefined) {
        if (required.includes(name)) throw new Error(`package-lock.json: ${name}, needed by ${from}, is not locked`);
        continue;
      }
      if (packages[at]!.link) at = packages[at]!.resolved!;
      found.add(`${name}@${packages[at]!.version}`);
      if (!visited.has(at)) {
        visited.add(at);
        queue.push(at);
      }
    }
  }
  return found;
}
