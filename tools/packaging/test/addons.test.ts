// The package step's check of the unpacked addons, on folders laid out as electron-builder leaves them.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { addonProblems } from '../src/build.js';

const require = createRequire(join(import.meta.dirname, '..', '..', '..', 'apps', 'booth', 'package.json'));
const work = mkdtempSync(join(tmpdir(), 'seggio-addons-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const nodeAbi = Number(process.versions.modules);

function appOutDir(name: string, files: Record<string, string | Buffer>): string {
  const out = join(work, name);
  for (const [file, bytes] of Object.entries(files)) {
    const path = join(out, 'resources', 'app.asar.unpacked', file);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof bytes === 'string') copyFileSync(bytes, path);
    else writeFileSync(path, bytes);
  }
  return out;
}

const sqlite = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
const hid = join(dirname(require.resolve('node-hid/package.json')), 'prebuilds', 'HID-linux-x64', 'node-napi-v4.node');

it('passes Node-API addons and those built for the runtime packaged', () => {
  const out = appOutDir('fine', { 'node_modules/better-sqlite3/build/Release/better_sqlite3.node': sqlite, 'node_modules/node-hid/prebuilds/HID-linux-x64/node-napi-v4.node': hid });
  expect(addonProblems(out, ['better-sqlite3', 'node-hid'], { abi: nodeAbi, name: 'Node', electronVersion: '45.4.1' }, 'x64')).toEqual([]);
});

it('names each addon Electron cannot load, and a native module that packaged none', () => {
  const out = appOutDir('unfit', {
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node': sqlite,
    'node_modules/a/node_modules/fake/lib/fake.node': Buffer.from('not a shared object'.padEnd(80)),
  });
  expect(addonProblems(out, ['better-sqlite3', 'node-hid', 'fake'], { abi: 150, name: 'Electron 45.4.1', electronVersion: '45.4.1' }, 'x64').map((p) => [p.module, p.rebuild, p.text])).toEqual([
    ['node-hid', false, 'node-hid: no .node file for linux-x64 was packaged; is it built (npm ci)?'],
    ['fake', false, 'node_modules/a/node_modules/fake/lib/fake.node: refused: not an ELF shared object (these packages are built for Linux)'],
    [
      'better-sqlite3',
      true,
      `node_modules/better-sqlite3/build/Release/better_sqlite3.node is built for NODE_MODULE_VERSION ${nodeAbi} (Node ${process.versions.node}'s, as npm ci builds it); Electron 45.4.1 loads 150 or Node-API modules`,
    ],
  ]);
});
