// `npm run package`: the booth and the seat console with electron-builder (README "Packages").
//
//   npm run package [-- --dir] [--app booth|seat-console] [--electron-dist FOLDER] [--out FOLDER]
//                   [--arch x64|arm64] [--stand-in] [--homepage URL --maintainer "Name <address>"]
//
// Exit codes: 0 built, 1 refused or failed (the reason is printed), 2 a usage error.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp, Refusal } from './build.js';
import { APPS, type AppName } from './config.js';
import { releaseMetadata } from './release.js';

const USAGE = `npm run package [-- options]
  --dir                  only the unpacked folder (dir target); without it: deb and AppImage too (needs network)
  --app NAME             booth or seat-console (default: both)
  --electron-dist FOLDER an unpacked Electron (the version the apps depend on) instead of downloading one
  --out FOLDER           output folder (default: apps/NAME/dist-electron; with both apps, FOLDER/NAME)
  --arch x64|arm64       target architecture (default: this machine's)
  --stand-in             the Electron folder is the tests' stand-in: addons are held to this Node's ABI
  --homepage URL         (needed without --dir) the deb's Homepage, the https address of whoever publishes the build
  --maintainer "N <a>"   (needed without --dir) the deb's Maintainer, "Name <address>" of whoever answers for it`;

/** The repository root: the folder holding the base electron-builder.yml, above this file. */
function repositoryRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'electron-builder.yml')) && existsSync(join(dir, 'apps'))) return dir;
  }
  throw new Error('the repository root (with electron-builder.yml) is not above tools/packaging');
}

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      dir: { type: 'boolean', default: false },
      app: { type: 'string' },
      'electron-dist': { type: 'string' },
      out: { type: 'string' },
      arch: { type: 'string', default: process.arch },
      'stand-in': { type: 'boolean', default: false },
      homepage: { type: 'string' },
      maintainer: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (error) {
  usage((error as Error).message);
}
if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}
if (parsed.app !== undefined && !APPS.includes(parsed.app as AppName)) usage(`--app ${parsed.app}: give booth or seat-console`);
if (parsed.arch !== 'x64' && parsed.arch !== 'arm64') usage(`--arch ${parsed.arch}: give x64 or arm64`);
const electronDist = parsed['electron-dist'] === undefined ? undefined : resolve(parsed['electron-dist']);
if (electronDist !== undefined && !existsSync(electronDist)) usage(`--electron-dist ${electronDist}: no such folder`);

const release = releaseMetadata(parsed.dir, parsed.homepage, parsed.maintainer);
if (!release.ok) {
  console.error(`refused, nothing built:\n  ${release.problems.join('\n  ')}\n${parsed.dir ? '' : 'A release build (deb and AppImage) needs both; or build only the unpacked folder with --dir.'}`);
  process.exit(1);
}

const root = repositoryRoot();
const apps = parsed.app === undefined ? [...APPS] : [parsed.app as AppName];
for (const app of apps) {
  const out = parsed.out === undefined ? join(root, 'apps', app, 'dist-electron') : apps.length > 1 ? join(resolve(parsed.out), app) : resolve(parsed.out);
  try {
    const folder = await buildApp({ root, app, out, arch: parsed.arch, dirOnly: parsed.dir, electronDist, standIn: parsed['stand-in'], release: release.metadata });
    console.log(`apps/${app}: packaged in ${folder}${parsed.dir ? '' : ' (and its deb and AppImage beside it)'}`);
  } catch (error) {
    console.error(error instanceof Refusal ? error.message : `apps/${app}: packaging failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
