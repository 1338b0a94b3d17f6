// An app's production dependency tree, walked from its package.json as Node resolves it, and which of
// those modules are native (they carry .node files or a binding.gyp): these are unpacked from the asar
// and checked for their ABI. Derived on every build, so a native module added to a workspace (such as
// sodium-native under packages/crypto) is found without editing a list.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Dependency {
  name: string;
  /** The module's folder, symlinks resolved (a workspace package is its own folder). */
  dir: string;
  native: boolean;
}

interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Where Node finds `name` from a module in `from`: the nearest node_modules/name up the folders. */
function resolveModule(name: string, from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return null;
  }
}

/** The production dependencies of the package in `appDir`, each once, sorted by name. */
export function productionDependencies(appDir: string): Dependency[] {
  const found = new Map<string, Dependency>(); // by folder: a module reached twice is walked once
  const queue: { dir: string; manifest: Manifest }[] = [{ dir: realpathSync(appDir), manifest: readManifest(appDir) }];
  while (queue.length > 0) {
    const { dir, manifest } = queue.shift()!;
    const required = Object.keys(manifest.dependencies ?? {});
    const optional = Object.keys(manifest.optionalDependencies ?? {});
    for (const name of [...required, ...optional]) {
      const moduleDir = resolveModule(name, dir);
      if (moduleDir === null) {
        if (required.includes(name)) throw new Error(`${join(dir, 'package.json')}: dependency ${name} is not installed (run npm ci)`);
        continue;
      }
      if (found.has(moduleDir)) continue;
      found.set(moduleDir, { name, dir: moduleDir, native: isNative(moduleDir) });
      queue.push({ dir: moduleDir, manifest: readManifest(moduleDir) });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.dir.localeCompare(b.dir));
}

/** True when the module ships or builds a native addon (its own files, not its node_modules). */
export function isNative(moduleDir: string): boolean {
  if (existsSync(join(moduleDir, 'binding.gyp'))) return true;
  return addonFiles(moduleDir).length > 0;
}

/** The .node files inside a module's folder, relative to it, outside nested node_modules (symlinks not followed). */
export function addonFiles(moduleDir: string): string[] {
  const addons: string[] = [];
  const folders = [''];
  while (folders.length > 0) {
    const folder = folders.pop()!;
    for (const entry of readdirSync(join(moduleDir, folder), { withFileTypes: true })) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules') folders.push(path);
      else if (entry.isFile() && entry.name.endsWith('.node')) addons.push(path);
    }
  }
  return addons.sort();
}

/** The asarUnpack patterns for an app: only the addons themselves, so the JavaScript stays in the asar. */
export function unpackPatterns(dependencies: Dependency[]): string[] {
  const names = [...new Set(dependencies.filter((d) => d.native).map((d) => d.name))];
  return names.map((name) => `**/node_modules/${name}/**/*.node`);
}
