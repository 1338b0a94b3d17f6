// Reading a native module's ABI from its ELF symbols: the real addons installed here, and small
// shared objects compiled by the test for each way a .node file can register.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAddonAbi } from '../src/abi.js';

const require = createRequire(join(import.meta.dirname, '..', '..', '..', 'apps', 'booth', 'package.json'));
const moduleDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const work = mkdtempSync(join(tmpdir(), 'seggio-abi-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const compiler = spawnSync('cc', ['--version']).status === 0;

/** A shared object whose only code is `source`, compiled with the system's C compiler. */
function sharedObject(name: string, source: string): string {
  writeFileSync(join(work, `${name}.c`), source);
  const file = join(work, `${name}.node`);
  const run = spawnSync('cc', ['-shared', '-fPIC', '-o', file, join(work, `${name}.c`)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return file;
}

describe('the addons installed for the apps', () => {
  it("better-sqlite3, as npm ci compiles it, is tied to this Node's NODE_MODULE_VERSION", () => {
    const addon = join(moduleDir('better-sqlite3'), 'build', 'Release', 'better_sqlite3.node');
    expect(readAddonAbi(addon, 'x64')).toEqual({ kind: 'node-module-version', version: Number(process.versions.modules) });
  });

  it("node-hid's prebuilt addon is Node-API, loadable by Electron as it is", () => {
    const addon = join(moduleDir('node-hid'), 'prebuilds', 'HID-linux-x64', 'node-napi-v4.node');
    expect(readAddonAbi(addon, 'x64')).toEqual({ kind: 'napi' });
  });
});

describe.skipIf(!compiler)('compiled shared objects (cc)', () => {
  it('one exporting node_register_module_v150 is built for NODE_MODULE_VERSION 150', () => {
    const file = sharedObject('v150', 'void node_register_module_v150(void) {}\n');
    expect(readAddonAbi(file, 'x64')).toEqual({ kind: 'node-module-version', version: 150 });
  });

  it('one exporting napi_register_module_v1, or calling napi_module_register, is Node-API', () => {
    expect(readAddonAbi(sharedObject('napi', 'void napi_register_module_v1(void) {}\n'), 'x64')).toEqual({ kind: 'napi' });
    const legacy = sharedObject('napi-legacy', 'extern void napi_module_register(void *);\nvoid init(void) { napi_module_register(0); }\n');
    expect(readAddonAbi(legacy, 'x64')).toEqual({ kind: 'napi' });
  });

  it('one calling V8 C++ without naming its NODE_MODULE_VERSION is refused', () => {
    const file = sharedObject('v8', 'extern void _ZN2v87Isolate10GetCurrentEv(void);\nvoid napi_register_module_v1(void) { _ZN2v87Isolate10GetCurrentEv(); }\n');
    expect(readAddonAbi(file, 'x64')).toEqual({ kind: 'refused', reason: expect.stringContaining('_ZN2v87Isolate10GetCurrentEv') as string });
  });

  it('a library that is no Node addon, or one for another architecture, is refused', () => {
    const plain = sharedObject('plain', 'int answer(void) { return 42; }\n');
    expect(readAddonAbi(plain, 'x64')).toEqual({ kind: 'refused', reason: 'it registers neither as a Node-API module nor with a NODE_MODULE_VERSION' });
    expect(readAddonAbi(plain, 'arm64')).toEqual({ kind: 'refused', reason: "built for ELF machine 62, not the target's 183" });
  });
});

describe('files that are not shared objects', () => {
  it('are refused with the reason', () => {
    writeFileSync(join(work, 'script.node'), '#!/bin/sh\necho not an addon\n'.padEnd(80, ' '));
    expect(readAddonAbi(join(work, 'script.node'), 'x64')).toEqual({ kind: 'refused', reason: 'not an ELF shared object (these packages are built for Linux)' });
    const addon = readFileSync(join(moduleDir('node-hid'), 'prebuilds', 'HID-linux-x64', 'node-napi-v4.node'));
    writeFileSync(join(work, 'cut.node'), addon.subarray(0, 4096));
    expect(readAddonAbi(join(work, 'cut.node'), 'x64')).toEqual({ kind: 'refused', reason: 'its section table lies outside the file' });
  });

  it('are not read at all past the size of a native module', () => {
    writeFileSync(join(work, 'huge.node'), '');
    truncateSync(join(work, 'huge.node'), 64 * 1024 * 1024 + 1);
    expect(readAddonAbi(join(work, 'huge.node'), 'x64')).toEqual({ kind: 'refused', reason: '67108865 bytes, more than a native module\'s 67108864' });
  });
});
