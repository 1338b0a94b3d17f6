// `npm run package -- --dir` on each Electron app, against a stand-in Electron (the real binary cannot
// be downloaded here): what the asar holds, the unpacked addons, the fuses, and the refusals. One
// build per app, shared by its tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAddonAbi } from '../src/abi.js';
import { electronRuntime } from '../src/build.js';
import { APPS, appIdentity } from '../src/config.js';
import { readFuseWire } from '../src/fuses.js';
import { productionDependencies } from '../src/natives.js';
import { openAsar, type Asar } from './asar.js';
import { lockedProductionModules } from './lockfile.js';
import { makeStandInElectron } from './stand-in.js';

const root = join(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'tools', 'packaging', 'dist', 'src', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'seggio-package-'));
const electron = electronRuntime(join(root, 'apps', 'booth'));
const standIn = makeStandInElectron(join(work, 'electron'), electron.electronVersion);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What a Comune building a release names on the command line; given to the dir builds too, where it lands in the same places. */
const RELEASE = ['--homepage', 'https://elettorale.comune.example.it/seggio', '--maintainer', 'Ufficio elettorale <elettorale@comune.example.it>'];

function runPackage(args: string[]) {
  return spawnSync(process.execPath, [cli, '--dir', ...args], { encoding: 'utf8', timeout: 180_000 });
}

/** Files under `dir`, relative to it, with `/` separators. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/** The workspace packages' data folders the apps read at run time, beside their compiled code. */
const WORKSPACE_DATA: Record<string, string[]> = { '@seggio/hardware': ['profiles'] };

describe.each(APPS)('the %s package', (app) => {
  const appDir = join(root, 'apps', app);
  const out = join(work, app);
  let asar: Asar;
  let paths: string[];

  beforeAll(() => {
    const run = runPackage(['--app', app, '--electron-dist', standIn, '--out', out, '--stand-in', ...RELEASE]);
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    asar = openAsar(join(out, 'linux-unpacked', 'resources', 'app.asar'));
    paths = asar.files.map((f) => f.path);
  }, 180_000);

  it("holds exactly the app's own runtime files: compiled main, service and shared code, the schema file if any, the renderer", () => {
    const compiled = ['main', 'service', 'shared'].flatMap((part) =>
      filesUnder(join(appDir, 'dist', 'src', part))
        .filter((file) => file.endsWith('.js'))
        .map((file) => `dist/src/${part}/${file}`),
    );
    const renderer = filesUnder(join(appDir, 'dist', 'renderer')).map((file) => `dist/renderer/${file}`);
    // The booth's store reads its schema file; the console's schema is in its compiled migrations.
    const schema = existsSync(join(appDir, 'src', 'service', 'schema.sql')) ? ['src/service/schema.sql'] : [];
    const expected = ['package.json', ...schema, ...compiled, ...renderer].sort();
    expect(paths.filter((p) => !p.startsWith('node_modules/'))).toEqual(expected);
    const manifest = JSON.parse(asar.read('package.json').toString('utf8')) as { main: string };
    expect(paths).toContain(manifest.main);
    // The window's preload, from the shell its main process starts on.
    expect(paths).toContain('node_modules/@seggio/shell/dist/src/preload/preload.cjs');
  });

  it('holds exactly the production modules package-lock.json gives the app, and no development one', () => {
    const packaged = paths
      .filter((p) => /^(?:node_modules\/(?:@[^/]+\/)?[^/]+\/)+package\.json$/.test(p))
      .map((p) => JSON.parse(asar.read(p).toString('utf8')) as { name: string; version: string })
      .map((m) => `${m.name}@${m.version}`);
    expect(new Set(packaged)).toEqual(lockedProductionModules(root, `apps/${app}`));
    expect(packaged.some((m) => m.startsWith('electron@') || m.startsWith('vitest@') || m.startsWith('typescript@'))).toBe(false);
  });

  it('keeps of each workspace package only its compiled code (the shared preload a .cjs) and the data it reads', () => {
    for (const dependency of productionDependencies(appDir).filter((d) => d.name.startsWith('@seggio/'))) {
      const compiled = filesUnder(join(dependency.dir, 'dist', 'src'))
        .filter((file) => /\.c?js$/.test(file))
        .map((file) => `dist/src/${file}`);
      const data = (WORKSPACE_DATA[dependency.name] ?? []).flatMap((folder) => filesUnder(join(dependency.dir, folder)).map((file) => `${folder}/${file}`));
      const prefix = `node_modules/${dependency.name}/`;
      const packaged = paths.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
      expect(packaged, dependency.name).toEqual(['package.json', ...compiled, ...data].sort());
    }
  });

  it("carries the release's homepage in its package.json, where the deb's Homepage field is read from", () => {
    const manifest = JSON.parse(asar.read('package.json').toString('utf8')) as { homepage?: string };
    expect(manifest.homepage).toBe(RELEASE[1]);
  });

  it('carries no test, no TypeScript source, no source map and no build leftovers', () => {
    const leftovers = paths.filter((p) => /\.(map|ts|cts|mts|tsx|tsbuildinfo|o|h|hpp|c|cc|cpp|gyp|gypi)$/.test(p) || /(^|\/)(test|tests|__tests__)\//.test(p));
    expect(leftovers).toEqual([]);
  });

  it('unpacks the native addons, and only them, each built for the runtime it runs in', () => {
    const natives = productionDependencies(appDir).filter((d) => d.native);
    expect(natives.map((d) => d.name)).toEqual(expect.arrayContaining(['better-sqlite3', 'node-hid']));
    const unpackedDir = join(out, 'linux-unpacked', 'resources', 'app.asar.unpacked');
    const unpacked = filesUnder(unpackedDir).sort();
    expect(unpacked.filter((f) => !f.endsWith('.node'))).toEqual([]);
    expect(asar.files.filter((f) => f.unpacked).map((f) => f.path)).toEqual(unpacked);
    expect(paths.filter((p) => p.endsWith('.node')).every((p) => unpacked.includes(p))).toBe(true);
    for (const native of natives) expect(unpacked.some((f) => f.startsWith(`node_modules/${native.name}/`)), native.name).toBe(true);
    expect(unpacked).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(unpacked).toContain('node_modules/node-hid/prebuilds/HID-linux-x64/node-napi-v4.node');
    for (const file of unpacked) {
      const abi = readAddonAbi(join(unpackedDir, file), 'x64');
      expect(abi.kind === 'napi' || (abi.kind === 'node-module-version' && abi.version === Number(process.versions.modules)), file).toBe(true);
    }
  });

  it('has the fuses of docs/threat-model.md R24 in the executable it names, read back from the wire', () => {
    const executable = join(out, 'linux-unpacked', appIdentity(root, app).executableName);
    expect(readFuseWire(executable)).toMatchObject({
      RunAsNode: 'off',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      OnlyLoadAppFromAsar: 'on',
    });
    expect(existsSync(join(out, 'linux-unpacked', 'electron'))).toBe(false);
  });
});

describe('the package step refuses', () => {
  it('a native module built for Node when packaging for Electron, saying how to rebuild it, and leaves no output', () => {
    const out = join(work, 'refused');
    const run = runPackage(['--app', 'booth', '--electron-dist', standIn, '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`node_modules/better-sqlite3/build/Release/better_sqlite3.node is built for NODE_MODULE_VERSION ${process.versions.modules}`);
    expect(run.stderr).toContain(`Electron ${electron.electronVersion} loads ${electron.abi}`);
    expect(run.stderr).toContain(`npx @electron/rebuild --version ${electron.electronVersion} --force --only better-sqlite3 --module-dir .`);
    expect(run.stderr).not.toContain('node-hid');
    expect(existsSync(out)).toBe(false);
  }, 180_000);

  it('an Electron folder of another version than the apps are built against', () => {
    const other = makeStandInElectron(join(work, 'electron-other'), '44.0.0');
    const run = runPackage(['--app', 'booth', '--electron-dist', other, '--out', join(work, 'other'), '--stand-in']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${join(other, 'version')}: Electron 44.0.0, but apps/booth is built against Electron ${electron.electronVersion}`);
  });

  it('to write over a folder that is not an earlier package output, and leaves it as it was', () => {
    const out = join(work, 'not-an-output');
    mkdirSync(out);
    writeFileSync(join(out, 'election.json'), '{}');
    const run = runPackage(['--app', 'booth', '--electron-dist', standIn, '--out', out, '--stand-in']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${out}: holds files that are no package output (election.json); give a new or empty folder`);
    expect(readdirSync(out)).toEqual(['election.json']);
  });

  it('the stand-in for anything but the unpacked folder, and an unknown app', () => {
    const installers = spawnSync(process.execPath, [cli, '--app', 'booth', '--electron-dist', standIn, '--stand-in', ...RELEASE], { encoding: 'utf8' });
    expect(installers.status).toBe(1);
    expect(installers.stderr).toContain('--stand-in');
    const unknown = runPackage(['--app', 'office']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--app office: give booth or seat-console');
  });
});

describe('a release build (deb and AppImage) is refused before anything is built', () => {
  it('without the homepage and the maintainer its deb must name', () => {
    const out = join(work, 'release');
    const run = spawnSync(process.execPath, [cli, '--app', 'booth', '--out', out], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--homepage is missing');
    expect(run.stderr).toContain('--maintainer is missing');
    expect(existsSync(out)).toBe(false);
  });

  it('with a homepage that is not https, or a maintainer without an address', () => {
    const run = spawnSync(process.execPath, [cli, '--app', 'booth', '--homepage', 'http://comune.example.it', '--maintainer', 'Ufficio elettorale'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--homepage http://comune.example.it: give an https:// address');
    expect(run.stderr).toContain('--maintainer Ufficio elettorale: give it as "Name <address>"');
  });
});

it('the stand-in carries a stock wire, so the package tests see the fuses flipped', () => {
  expect(readFuseWire(join(standIn, 'electron'))).toMatchObject({ RunAsNode: 'on', OnlyLoadAppFromAsar: 'off' });
  expect(readFileSync(join(standIn, 'version'), 'utf8')).toBe(electron.electronVersion);
});
