// The repository's import graph: every source file tracked by git, with an edge for each import or
// re-export that resolves to another of them (relative paths, and @seggio/* packages by the `source`
// of their exports), type-only imports included: a cycle of types is a cycle of design too.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const SPECIFIERS = [/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];

/** The source files git tracks (and those not yet added), outside builds and dependencies. */
export function sourceFiles(root: string): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n');
  return listed.filter((f) => SOURCE.test(f) && !/(^|\/)(node_modules|dist)\//.test(f) && existsSync(join(root, f)));
}

/** Where each workspace package's entry points are in its sources. */
function workspaceEntries(root: string, files: readonly string[]): Map<string, string> {
  const entries = new Map<string, string>();
  for (const manifest of execFileSync('git', ['ls-files', '*/package.json', '*/*/package.json'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean)) {
    const pkg = JSON.parse(readFileSync(join(root, manifest), 'utf8')) as { name?: string; exports?: Record<string, { source?: string; default?: string } | string> };
    if (!pkg.name || !pkg.exports) continue;
    for (const [sub, target] of Object.entries(pkg.exports)) {
      const path = typeof target === 'string' ? target : (target.source ?? target.default);
      const file = path && relative(root, resolve(root, dirname(manifest), path));
      if (file && files.includes(file)) entries.set(sub === '.' ? pkg.name : `${pkg.name}/${sub.replace(/^\.\//, '')}`, file);
    }
  }
  return entries;
}

function resolveRelative(from: string, specifier: string, known: ReadonlySet<string>): string | null {
  const base = join(dirname(from), specifier);
  const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.cts`, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
  return candidates.find((c) => known.has(c)) ?? null;
}

/** Each file's imports that are files of the repository. */
export function importGraph(root: string): Map<string, string[]> {
  const files = sourceFiles(root);
  const known = new Set(files);
  const entries = workspaceEntries(root, files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const targets = new Set<string>();
    for (const pattern of SPECIFIERS) {
      for (const [, specifier = ''] of text.matchAll(pattern)) {
        const target = specifier.startsWith('.') ? resolveRelative(file, specifier, known) : (entries.get(specifier) ?? null);
        if (target && target !== file) targets.add(target);
      }
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** The cycles of a graph: each strongly connected set of more than one node (Tarjan), sorted. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, indices.get(next) ?? 0));
      }
    }
    if (low.get(node) !== indices.get(node)) return;
    const component: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      onStack.delete(top);
      component.push(top);
      if (top === node) break;
    }
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}
