// Compiled files whose source is gone are found, so that the package step refuses to ship them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { staleCompiled } from '../src/stale.js';

const work = mkdtempSync(join(tmpdir(), 'seggio-stale-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('names each compiled .js, .cjs or .mjs under dist/src whose .ts, .tsx, .cts or .mts is no longer in src/', () => {
  const files = [
    'src/service/index.ts',
    'dist/src/service/index.js',
    'src/renderer/app.tsx',
    'dist/src/renderer/app.js',
    'src/preload/preload.cts',
    'dist/src/preload/preload.cjs',
    'dist/src/service/index.js.map',
    'dist/src/service/index.d.ts',
    'dist/src/service/removed.js',
    'dist/src/preload/old.cjs',
    'dist/src/tool.mjs',
  ];
  for (const file of files) {
    mkdirSync(dirname(join(work, file)), { recursive: true });
    writeFileSync(join(work, file), '');
  }
  expect(staleCompiled(work)).toEqual(['dist/src/preload/old.cjs', 'dist/src/service/removed.js', 'dist/src/tool.mjs']);
  expect(staleCompiled(join(work, 'src'))).toEqual([]);
});
