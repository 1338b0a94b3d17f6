// Builds one Electron app with electron-builder from its electron-builder.yml (which extends the base
// at the repository root), then proves on the result what the package must hold: every native addon
// built for the Electron it ships with (or Node-API), and the fuses of docs/threat-model.md R24.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { Arch, build, Platform, type AfterPackContext } from 'electron-builder';
import { readAddonAbi } from './abi.js';
import { appIdentity, type AppName } from './config.js';
import { r24Problems, readFuseWire } from './fuses.js';
import { productionDependencies, unpackPatterns } from './natives.js';
import type { ReleaseMetadata } from './release.js';
import { staleCompiled } from './stale.js';

export interface BuildRequest {
  root: string;
  app: AppName;
  out: string;
  arch: 'x64' | 'arm64';
  /** Only the unpacked folder (the `dir` target), instead of the configuration's deb and AppImage. */
  dirOnly: boolean;
  /** An unpacked Electron to package, instead of the one electron-builder downloads. */
  electronDist?: string;
  /** The Electron folder is the tests' stand-in: addons are held to this Node's ABI, which it stands for. */
  standIn: boolean;
  /** For deb and AppImage: the control file's Homepage and Maintainer (src/release.ts). */
  release?: ReleaseMetadata | undefined;
}

/** The ABI the packaged runtime loads, and words for it. */
interface Runtime {
  abi: number;
  name: string;
  electronVersion: string;
}

export class Refusal extends Error {}

/** The Electron the apps are written against: its version and NODE_MODULE_VERSION, from its npm package. */
export function electronRuntime(appDir: string): Runtime {
  const require = createRequire(join(appDir, 'package.json'));
  const manifest = require.resolve('electron/package.json');
  const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  const abi = Number(readFileSync(join(manifest, '..', 'abi_version'), 'utf8').trim());
  return { abi, name: `Electron ${version}`, electronVersion: version };
}

function targetRuntime(request: BuildRequest, appDir: string): Runtime {
  const electron = electronRuntime(appDir);
  if (request.electronDist !== undefined) {
    const versionFile = join(request.electronDist, 'version');
    if (!existsSync(versionFile)) throw new Refusal(`${request.electronDist}: not an unpacked Electron (it has no "version" file)`);
    const version = readFileSync(versionFile, 'utf8').trim();
    if (version !== electron.electronVersion) {
      throw new Refusal(`${versionFile}: Electron ${version}, but apps/${request.app} is built against Electron ${electron.electronVersion}`);
    }
  }
  if (!request.standIn) return electron;
  return { abi: Number(process.versions.modules), name: `the stand-in for Electron (Node ${process.versions.node})`, electronVersion: electron.electronVersion };
}

/** Every .node file under `dir`, relative to it. */
function nodeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.node'))
    .sort();
}

/** An addon the packaged runtime would not load, and whether @electron/rebuild is what it needs. */
export interface AddonProblem {
  module: string;
  text: string;
  rebuild: boolean;
}

/** The module a packaged file belongs to: the last node_modules/<name> in its path. */
function moduleOf(file: string): string {
  const parts = file.split('/');
  const at = parts.lastIndexOf('node_modules');
  return parts[at + 1]?.startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : (parts[at + 1] ?? file);
}

/** Why the addons unpacked into `appOutDir` would not load in `runtime`; empty when they all do. */
export function addonProblems(appOutDir: string, natives: string[], runtime: Runtime, arch: string): AddonProblem[] {
  const unpacked = join(appOutDir, 'resources', 'app.asar.unpacked');
  const files = nodeFiles(unpacked);
  const problems: AddonProblem[] = [];
  for (const name of natives) {
    if (!files.some((file) => moduleOf(file) === name)) problems.push({ module: name, text: `${name}: no .node file for linux-${arch} was packaged; is it built (npm ci)?`, rebuild: false });
  }
  for (const file of files) {
    const abi = readAddonAbi(join(unpacked, file), arch);
    if (abi.kind === 'napi') continue;
    if (abi.kind === 'refused') {
      problems.push({ module: moduleOf(file), text: `${file}: refused: ${abi.reason}`, rebuild: false });
    } else if (abi.version !== runtime.abi) {
      const node = abi.version === Number(process.versions.modules) ? ` (Node ${process.versions.node}'s, as npm ci builds it)` : '';
      problems.push({ module: moduleOf(file), text: `${file} is built for NODE_MODULE_VERSION ${abi.version}${node}; ${runtime.name} loads ${runtime.abi} or Node-API modules`, rebuild: true });
    }
  }
  return problems;
}

function refusal(app: AppName, problems: AddonProblem[], runtime: Runtime): Refusal {
  const rebuild = [...new Set(problems.filter((p) => p.rebuild).map((p) => p.module))];
  const advice =
    rebuild.length === 0
      ? ''
      : `\nMatch them to Electron on a build machine with network, at the repository root:\n` +
        `  npx @electron/rebuild --version ${runtime.electronVersion} --force --only ${rebuild.join(',')} --module-dir .\n` +
        `then package again (and "npm rebuild ${rebuild.join(' ')}" to run the tests on Node afterwards).`;
  return new Refusal(`apps/${app}: refused to package:\n  ${problems.map((p) => p.text).join('\n  ')}${advice}`);
}

/** Output goes to a new or empty folder, or over an earlier package: never over anything else. */
function checkOutput(out: string): void {
  if (!existsSync(out)) return;
  const entries = readdirSync(out);
  const earlier = entries.every((name) => name === 'builder-debug.yml' || name === 'builder-effective-config.yaml' || /^linux(-\w+)?-unpacked$/.test(name) || /\.(deb|AppImage|blockmap|yml)$/.test(name));
  if (!earlier) throw new Refusal(`${out}: holds files that are no package output (${entries.slice(0, 3).join(', ')}); give a new or empty folder`);
}

/** Builds the app and returns the unpacked folder; throws a Refusal (and leaves no output) when the result is unfit. */
export async function buildApp(request: BuildRequest): Promise<string> {
  if (request.standIn && (!request.dirOnly || request.electronDist === undefined)) {
    throw new Refusal('--stand-in is for the tests\' stand-in Electron: it needs --dir and --electron-dist');
  }
  const appDir = join(request.root, 'apps', request.app);
  const runtime = targetRuntime(request, appDir);
  const dependencies = productionDependencies(appDir);
  const natives = dependencies.filter((d) => d.native).map((d) => d.name);
  // The app's and its workspace packages' compiled code is packaged from dist/: all of it must still have a source.
  const workspaces = [appDir, ...dependencies.filter((d) => !d.dir.split(sep).includes('node_modules')).map((d) => d.dir)];
  const stale = workspaces.flatMap((dir) => staleCompiled(dir).map((file) => relative(request.root, join(dir, file))));
  if (stale.length > 0) throw new Refusal(`apps/${request.app}: refused to package compiled files whose source is gone:\n  ${stale.join('\n  ')}\nDelete them (or dist/) and run npm run build.`);
  const appOutDir = join(request.out, request.arch === 'x64' ? 'linux-unpacked' : `linux-${request.arch}-unpacked`);
  checkOutput(request.out);
  rmSync(request.out, { recursive: true, force: true });
  try {
    await build({
      projectDir: appDir,
      targets: Platform.LINUX.createTarget(request.dirOnly ? ['dir'] : null, Arch[request.arch]),
      publish: 'never',
      config: {
        extends: join(appDir, 'electron-builder.yml'),
        directories: { output: request.out },
        ...(request.electronDist === undefined ? {} : { electronDist: request.electronDist }),
        asarUnpack: unpackPatterns(dependencies),
        ...(request.release === undefined ? {} : { extraMetadata: { homepage: request.release.homepage }, linux: { maintainer: request.release.maintainer } }),
        // Before any installer is made from the folder: a module Electron cannot load stops the build.
        afterPack: (context: AfterPackContext) => {
          const problems = addonProblems(context.appOutDir, natives, runtime, request.arch);
          if (problems.length > 0) throw refusal(request.app, problems, runtime);
          return Promise.resolve();
        },
      },
    });
    const executable = join(appOutDir, appIdentity(request.root, request.app).executableName);
    const fuses = r24Problems(readFuseWire(executable));
    if (fuses.length > 0) throw new Refusal(`${executable}: refused, the fuses are not those of docs/threat-model.md R24:\n  ${fuses.join('\n  ')}`);
  } catch (error) {
    rmSync(request.out, { recursive: true, force: true });
    throw error;
  }
  return appOutDir;
}
