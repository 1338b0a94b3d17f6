// No import cycle anywhere in the repository (docs/design.md §1): parts that import each other cannot
// be read, tested or changed one at a time. The graph is every tracked source file's imports.
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/index.js';
import { cycles, importGraph } from './import-graph.js';

describe('the import graph', () => {
  it('has no cycle', () => {
    expect(cycles(importGraph(REPO_ROOT))).toEqual([]);
  });

  it('sees the imports it is there to check: relative ones, type-only ones and the workspace packages', () => {
    const graph = importGraph(REPO_ROOT);
    expect(graph.get('apps/seat-console/src/service/console.ts')).toEqual(expect.arrayContaining(['apps/seat-console/src/service/context.ts', 'apps/seat-console/src/service/link-side.ts', 'packages/link/src/index.ts']));
    expect(graph.get('apps/seat-console/src/service/link-side.ts')).toContain('apps/seat-console/src/service/context.ts');
    expect(graph.get('apps/booth/src/renderer/i18n.ts')).toContain('apps/booth/src/renderer/language.ts');
  });

  it('finds a cycle of two files, one of three, and none in a chain', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['a']], ['c', ['a']]]))).toEqual([['a', 'b']]);
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });
});
