// The production dependency tree as Node resolves it, and which modules in it are native: on a made-up
// tree (nested versions, a workspace link, a dev dependency, an optional one missing) and on the apps.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { productionDependencies, unpackPatterns } from '../src/natives.js';

const work = mkdtempSync(join(tmpdir(), 'seggio-natives-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function module(dir: string, manifest: object, files: Record<string, string> = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
}

it('walks dependencies, optional ones and workspace links, leaves development ones out, and finds the native modules', () => {
  const root = join(work, 'repo');
  module(join(root, 'apps', 'app'), {
    name: 'app',
    dependencies: { pure: '1', lib: '1' },
    optionalDependencies: { missing: '1' },
    devDependencies: { devnative: '1' },
  });
  module(join(root, 'packages', 'lib'), { name: 'lib', dependencies: { prebuilt: '1', pure: '2' } });
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(join('..', 'packages', 'lib'), join(root, 'node_modules', 'lib'));
  module(join(root, 'node_modules', 'pure'), { name: 'pure', version: '1.0.0' }, { 'index.js': '' });
  module(join(root, 'packages', 'lib', 'node_modules', 'pure'), { name: 'pure', version: '2.0.0' }, { 'index.js': '' });
  module(join(root, 'node_modules', 'prebuilt'), { name: 'prebuilt', dependencies: { compiled: '1' } }, { 'prebuilds/linux-x64/prebuilt.node': 'ELF' });
  module(join(root, 'node_modules', 'compiled'), { name: 'compiled' }, { 'binding.gyp': '{}', 'lib/index.js': '' });
  module(join(root, 'node_modules', 'devnative'), { name: 'devnative' }, { 'build/Release/devnative.node': 'ELF' });

  const found = productionDependencies(join(root, 'apps', 'app'));
  expect(found.map((d) => [d.name, d.dir.slice(root.length + 1), d.native])).toEqual([
    ['compiled', 'node_modules/compiled', true],
    ['lib', 'packages/lib', false],
    ['prebuilt', 'node_modules/prebuilt', true],
    ['pure', 'node_modules/pure', false],
    ['pure', 'packages/lib/node_modules/pure', false],
  ]);
  expect(unpackPatterns(found)).toEqual(['**/node_modules/compiled/**/*.node', '**/node_modules/prebuilt/**/*.node']);
});

it('refuses a tree where a required dependency is not installed, naming the manifest', () => {
  const app = join(work, 'broken');
  module(app, { name: 'broken', dependencies: { absent: '1' } });
  expect(() => productionDependencies(app)).toThrow(`${join(app, 'package.json')}: dependency absent is not installed (run npm ci)`);
});

it("finds the apps' native modules through their workspace packages, and no pure one", () => {
  for (const app of ['booth', 'seat-console']) {
    const natives = productionDependencies(join(import.meta.dirname, '..', '..', '..', 'apps', app)).filter((d) => d.native);
    expect(natives.map((d) => d.name)).toEqual(expect.arrayContaining(['better-sqlite3', 'node-hid']));
    expect(natives.map((d) => d.name)).not.toContain('react');
  }
});
