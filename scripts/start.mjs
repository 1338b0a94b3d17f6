#!/usr/bin/env node
// `npm start`: a whole polling station on one machine with the demo election (docs/design.md §1): the seat
// console and two booths, as Electron windows where the Electron binary is present, otherwise as web
// shells whose addresses are printed. A start in a new or empty folder is a fresh day, prepared as an
// office would prepare it: a new office key, and the Comune's electoral office started on it with the
// day's "removable drive" builds the demo package from its spreadsheets (demo/sanvalle-demo), signs it
// and writes it to the drive; the console and each booth write their enrolment request there, the office
// enrols each, and each machine imports its certificate from the drive.
// A start in a folder that already holds a day resumes it from its stores (after a power cut, a
// restart, Ctrl-C): the same office key, package, machines, booths and, for the web shells, the same addresses.
// A day cut short while it was being prepared (before the console's store was made) resumes its
// preparation: the office started again on its key and store, what it did kept, what is missing done.
//
//   npm start [-- --booths N] [--dir FOLDER] [--port PORT] [--office-port PORT] [--web] [--by-hand]
// --by-hand: a new day's package and machines are prepared by whoever is at the office's screen (the
// machines' requests are on the drive); the station starts once the package is written and every machine enrolled.
// --port is where the booths reach the console (default 7300; 0: any free one, web shells only).
// --office-port is where the Comune's electoral office listens (default 7400; 0: any free one): the
// demo package names it, so the console sends it turnout and the public export.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const { values: options } = parseArgs({
  options: {
    booths: { type: 'string' },
    dir: { type: 'string' },
    port: { type: 'string', default: '7300' },
    'office-port': { type: 'string', default: '7400' },
    web: { type: 'boolean', default: false },
    'by-hand': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (options.help) {
  console.log('npm start [-- --booths N] [--dir FOLDER] [--port PORT] [--office-port PORT] [--web] [--by-hand]\n  --web      web shells even where Electron is present\n  --by-hand  a new day is prepared on the office\'s screen (package, machines); the station starts once it is');
  process.exit(0);
}
let boothCount = Number(options.booths ?? 2);
if (!Number.isInteger(boothCount) || boothCount < 1 || boothCount > 8) {
  console.error(`--booths ${options.booths}: give a number of booths from 1 to 8`);
  process.exit(2);
}
const port = Number(options.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port ${options.port}: not a port number (0 takes any free port)`);
  process.exit(2);
}
for (const built of ['apps/office/dist/renderer/index.html', 'apps/seat-console/dist/renderer/index.html', 'apps/booth/dist/renderer/index.html', 'apps/seat-console/dist/src/service/index.js']) {
  if (!existsSync(join(root, built))) {
    console.error(`${built} is missing: run "npm run build" first (npm ci does it)`);
    process.exit(1);
  }
}

const { fromBase64, toBase64 } = await import('@seggio/crypto');
const { nodeCrypto } = await import('@seggio/crypto/node');
const { demoFolder, prepareDay } = await import('./prepare-day.mjs');

// The day's folder: the office key, the "removable drive" with the signed package, stores, exports.
const day = options.dir ? resolve(options.dir) : mkdtempSync(join(tmpdir(), 'seggio-demo-'));
const drive = join(day, 'chiavetta');
const exports = join(day, 'export');
const officeDir = join(day, 'ufficio');
const DAY_FILE = join(day, 'day.json');
const resumed = dayToResume(day);
if (resumed && options.booths === undefined) boothCount = resumed.booths;
const { officePublicKey, comuneOffice } = resumed?.prepared ? { officePublicKey: resumed.officePublicKey, comuneOffice: await resumeOffice(day) } : await prepare(resumed);
const machines = machineKeys(join(day, 'machines'), resumed?.prepared === true);

/** Written aside, flushed and renamed, so that a power cut leaves the file whole or absent. */
function writeWhole(path, text, mode = 0o644) {
  const fd = openSync(`${path}.partial`, 'w', mode);
  writeSync(fd, text);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(`${path}.partial`, path);
}

/**
 * The day prepared: the Comune's office, started with the drive on the day's office key, prepares it
 * through its staff interface: the demo package from its folder, then the machines' requests. A new day
 * first writes its booths and its office key (before anything is signed with it); a day resumed in
 * preparation (resumed) starts the office again on that key and store, at the port its folder names.
 */
async function prepare(resumed) {
  mkdirSync(officeDir, { recursive: true });
  mkdirSync(drive, { recursive: true });
  let key;
  if (resumed) key = resumed.officeKey;
  else {
    key = nodeCrypto.generateSigningKeyPair();
    writeWhole(DAY_FILE, `${JSON.stringify({ booths: boothCount })}\n`);
    writeWhole(join(officeDir, 'office.key'), `${JSON.stringify({ format: 'seggio/office-key@1', publicKey: toBase64(key.publicKey), secretKey: toBase64(key.secretKey) }, null, 2)}\n`, 0o600);
  }
  if (!existsSync(join(day, 'office.pub'))) writeWhole(join(day, 'office.pub'), `${toBase64(key.publicKey)}\n`);
  const started = await startOffice(resumed ? (preparedOfficePort() ?? options['office-port']) : options['office-port']);
  copyFileSync(join(root, 'demo', 'lista-sezionale.csv'), join(drive, 'lista-sezionale.csv'));
  await prepareDay({ root, drive, office: started, keys: machineKeys(join(day, 'machines'), false), officeKey: key.publicKey, byHand: options['by-hand'] });
  return { officePublicKey: key.publicKey, comuneOffice: started };
}

/**
 * The port a day in preparation gave its office: the one its signed package names, or before that its
 * folder's elezione.csv (indirizzo_ufficio, written when the office was first started); null for neither.
 */
function preparedOfficePort() {
  const election = join(drive, 'election.json');
  const csv = join(officeDir, 'cartella', 'elezione.csv');
  const url = existsSync(election) ? JSON.parse(readFileSync(election, 'utf8')).office?.url : existsSync(csv) ? /http:\/\/127\.0\.0\.1:\d+\//.exec(readFileSync(csv, 'utf8'))?.[0] : undefined;
  const port = url ? Number(new URL(url).port) : NaN;
  return Number.isInteger(port) && port > 0 ? String(port) : null;
}

/** Where the console's and each booth's machine key is; a resumed day must already have every one. */
function machineKeys(dir, mustExist) {
  const paths = { console: join(dir, 'console.key'), booths: Array.from({ length: boothCount }, (_, i) => join(dir, `booth-${i + 1}.key`)) };
  const missing = [paths.console, ...paths.booths].filter((p) => !existsSync(p));
  if (mustExist && missing.length) {
    console.error(`${missing.join(', ')}: no machine key, so this day cannot be resumed with these machines (a booth cannot be added to a day once it has begun)`);
    process.exit(2);
  }
  return paths;
}

/**
 * The day this folder holds, to be resumed: its office key, how many booths it had, whether it was
 * prepared (the console's store made) or is still in preparation (the office's key written, the first
 * thing a new day does). Null for a new or empty folder; a folder holding anything else is refused, with why.
 */
function dayToResume(folder) {
  if (!existsSync(folder) || readdirSync(folder).length === 0) return null;
  if (!existsSync(join(folder, 'console.db')) && existsSync(join(officeDir, 'office.key'))) return inPreparation();
  const missing = ['office.pub', 'console.db'].filter((f) => !existsSync(join(folder, f)));
  if (missing.length) {
    console.error(`${folder} holds no Seggio day to resume (${missing.join(' and ')} missing, and no office key ufficio/office.key of a day in preparation): a new day starts in a new or empty folder`);
    process.exit(2);
  }
  const text = readFileSync(join(folder, 'office.pub'), 'utf8').trim();
  const key = /^[A-Za-z0-9+/]{43}=$/.test(text) ? fromBase64(text) : null;
  if (!key || key.length !== 32) {
    console.error(`${join(folder, 'office.pub')}: not an office public key (one line of base64, 32 bytes)`);
    process.exit(2);
  }
  const booths = readdirSync(folder).filter((f) => /^booth-[1-8]\.db$/.test(f)).length;
  return { prepared: true, officePublicKey: key, booths: Math.max(1, booths) };
}

/** A day in preparation: the office key it was begun with and the booths it was begun for (day.json). */
function inPreparation() {
  const path = join(officeDir, 'office.key');
  let officeKey;
  let booths;
  try {
    const file = JSON.parse(readFileSync(path, 'utf8'));
    officeKey = { publicKey: fromBase64(file.publicKey), secretKey: fromBase64(file.secretKey) };
    if (officeKey.publicKey.length !== 32 || officeKey.secretKey.length !== 32) throw new Error('"publicKey" and "secretKey" must be 32 bytes each, in base64');
  } catch (error) {
    console.error(`${path}: not an office key file (${error.message})`);
    process.exit(2);
  }
  try {
    booths = JSON.parse(readFileSync(DAY_FILE, 'utf8')).booths;
  } catch (error) {
    console.error(`${DAY_FILE}: not the day's record of its booths (${error.message})`);
    process.exit(2);
  }
  if (!Number.isInteger(booths) || booths < 1 || booths > 8) {
    console.error(`${DAY_FILE}: "booths" must be a number from 1 to 8`);
    process.exit(2);
  }
  return { prepared: false, officeKey, officePublicKey: officeKey.publicKey, booths };
}

/**
 * Where each web shell was last served (ADDRESSES in the day folder, readable by its owner only, like
 * the stores beside it): a day resumed serves its pages at the same port and token, so that a tab left
 * open finds its service again. The port may have been taken meanwhile, or the file changed: then a new
 * address is printed.
 */
const ADDRESSES = join(day, 'addresses.json');
function savedAddress(name) {
  if (!existsSync(ADDRESSES)) return null;
  try {
    const saved = JSON.parse(readFileSync(ADDRESSES, 'utf8'))[name];
    const url = typeof saved === 'string' ? new URL(saved) : null;
    return url ? { port: Number(url.port), token: url.searchParams.get('token') ?? undefined } : null;
  } catch {
    return null;
  }
}
async function onSavedAddress(name, start) {
  const saved = savedAddress(name);
  let shell;
  try {
    shell = saved ? await start(saved.port, saved.token) : await start(0, undefined);
  } catch (error) {
    // The port taken meanwhile, or the file changed by hand: the page gets a new address, printed below.
    if (!saved) throw error;
    console.log(`The ${name}'s address of before (${ADDRESSES}, port ${saved.port}) cannot be used again (${error.code ?? error.message}): it has a new one, below.`);
    shell = await start(0, undefined);
  }
  const all = existsSync(ADDRESSES) ? JSON.parse(readFileSync(ADDRESSES, 'utf8')) : {};
  writeFileSync(ADDRESSES, JSON.stringify({ ...all, [name]: shell.url }, null, 2), { mode: 0o600 });
  return shell;
}

function electronBinary() {
  // SEGGIO_ELECTRON: an Electron binary installed elsewhere.
  if (process.env.SEGGIO_ELECTRON) return existsSync(process.env.SEGGIO_ELECTRON) ? process.env.SEGGIO_ELECTRON : null;
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const binary = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}
/**
 * Whether the apps' native SQLite module loads in this Electron: it is built for Node by npm ci, and
 * Electron needs it rebuilt for its own ABI. Null if it loads, else why not.
 */
function sqliteProblem(electron) {
  const probe = spawnSync(electron, ['-e', "const D = require('better-sqlite3'); new D(':memory:').close()"], {
    cwd: join(root, 'apps', 'booth'),
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (probe.status === 0) return null;
  const reason = `${probe.error?.message ?? ''}\n${probe.stderr ?? ''}`.split('\n').find((l) => /NODE_MODULE_VERSION|Error/.test(l)) ?? `exit ${probe.status}`;
  return reason.trim();
}
let binary = options.web ? null : electronBinary();
const problem = binary && sqliteProblem(binary);
if (problem) {
  console.log(
    [
      `Electron is here (${binary}), but better-sqlite3 is not built for it: ${problem}`,
      'For Electron windows rebuild it once, with network: npx electron-rebuild -f -w better-sqlite3',
      'Meanwhile, the web shells:',
    ].join('\n'),
  );
  binary = null;
}
if (binary && port === 0) {
  console.error('--port 0: Electron booths need the console port in advance; give a port, or use --web');
  process.exit(2);
}

/**
 * The Comune's electoral office beside the station (docs/design.md §7), its own process: the demo package
 * names its address, so the console sends it each checkpoint's turnout and the exported result.
 */
async function startOffice(portText) {
  const { createServer } = await import('node:net');
  let officePort = Number(portText);
  if (!Number.isInteger(officePort) || officePort < 0 || officePort > 65535) {
    console.error(`--office-port ${portText}: not a port number (0 takes any free port)`);
    process.exit(2);
  }
  if (officePort === 0) {
    officePort = await new Promise((done) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const free = probe.address().port;
        probe.close(() => done(free));
      });
    });
  }
  mkdirSync(join(officeDir, 'importa'), { recursive: true });
  const { folder, comune } = demoFolder(root, join(officeDir, 'cartella'), `http://127.0.0.1:${officePort}/`);
  return { folder, comune, ...(await runOffice(officeDir, officePort, [])) };
}

/**
 * A day resumed: the Comune's office started again from its folder (its key and store, which holds its
 * election), at the port its package names. Null for a day that has no office folder. A day begun before
 * the office prepared it has its package in the office's folder, given as --election.
 */
async function resumeOffice(dayDir) {
  const officeDir = join(dayDir, 'ufficio');
  const legacy = join(officeDir, 'election.json');
  const election = existsSync(legacy) ? legacy : join(drive, 'election.json');
  if (!existsSync(election) || !existsSync(join(officeDir, 'office.key'))) return null;
  const url = JSON.parse(readFileSync(election, 'utf8')).office?.url;
  const officePort = url ? Number(new URL(url).port) : NaN;
  if (!Number.isInteger(officePort) || officePort <= 0) {
    console.error(`${election}: office.url names no port to start the office again at`);
    process.exit(2);
  }
  return runOffice(officeDir, officePort, election === legacy ? ['--election', legacy] : []);
}

/** Runs the office's service from its folder, with the day's drive; its staff address and the lines that say where it is. */
async function runOffice(officeDir, officePort, extra) {
  const child = spawn(process.execPath, [
    join(root, 'apps/office/dist/src/service/main.js'), ...extra, '--key', join(officeDir, 'office.key'), '--store', join(officeDir, 'office.db'),
    '--import', join(officeDir, 'importa'), '--drive', drive, '--port', String(officePort), '--with-parent',
  ], { stdio: ['pipe', 'pipe', 'inherit'] });
  const addresses = await new Promise((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) done(JSON.parse(out.split('\n')[0]));
    });
    child.on('exit', (code) => fail(new Error(`the electoral office stopped (exit ${code}) before it started`)));
  });
  const stop = () => child.kill('SIGTERM');
  process.on('exit', stop);
  return {
    staff: addresses.staff,
    lines: [
      `  electoral office  ${addresses.staff}  (the Comune's staff: the package and machines it prepared, then sections, submissions, reasons)`,
      `  public results    ${addresses.public}  (updated live once the console sends the exported result; its closing screen shows it sent, queued or refused, and "Inviare al Comune" sends it again)`,
      `  import folder     ${join(officeDir, 'importa')}  (a section's public export as .tar)`,
    ],
  };
}

const intro = [
  '',
  'Seggio: a demo polling station (a TRAINING election, Sanvalle Cremonese, section 3)',
  ...(resumed ? ['  RESUMED: the day in this folder goes on from where its stores stand'] : []),
  `  day folder        ${day}`,
  `  office key        ${join(day, 'office.pub')}`,
  `  election package  ${drive}  (built and signed by the electoral office; the console lists it under "Pacchetti sul supporto rimovibile")`,
  `  section roll      ${join(drive, 'lista-sezionale.csv')}  (optional)`,
  `  machine keys      ${join(day, 'machines')}  (mode 0600; each with the certificate the office enrolled it with, imported from the drive)`,
  `  exports           ${exports}`,
  ...(comuneOffice?.lines ?? []),
  '',
];

if (binary) {
  // Electron windows: the console, then the booths, each its own process and user-data folder.
  console.log([...intro, `Electron: ${binary}`, 'Close the windows, or press Ctrl-C here, to stop.'].join('\n'));
  const env = { ...process.env, SEGGIO_OFFICE_KEY: join(day, 'office.pub') };
  const children = [
    spawn(binary, [join(root, 'apps/seat-console/dist/src/main/main.js')], {
      stdio: 'inherit',
      env: { ...env, SEGGIO_USER_DATA: join(day, 'console'), SEGGIO_CONSOLE_STORE: join(day, 'console.db'), SEGGIO_MACHINE_KEY: machines.console, SEGGIO_CONSOLE_PORT: String(port), SEGGIO_PACKAGES_DIR: drive, SEGGIO_EXPORT_DIR: exports },
    }),
  ];
  await new Promise((r) => setTimeout(r, 1500));
  for (let i = 1; i <= boothCount; i++) {
    children.push(
      spawn(binary, [join(root, 'apps/booth/dist/src/main/main.js')], {
        stdio: 'inherit',
        env: { ...env, SEGGIO_USER_DATA: join(day, `booth-${i}`), SEGGIO_BOOTH_STORE: join(day, `booth-${i}.db`), SEGGIO_MACHINE_KEY: machines.booths[i - 1], SEGGIO_DRIVE_DIR: drive, SEGGIO_CONSOLE_URL: `ws://127.0.0.1:${port}` },
      }),
    );
  }
  const stop = () => children.forEach((c) => c.kill());
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await Promise.all(children.map((c) => new Promise((r) => c.on('exit', r))));
} else {
  // Web shells: every service in this process, every screen in a browser tab.
  const { SeatConsole, startButtonBox } = await import('@seggio/seat-console');
  const { startConsoleWebShell } = await import('@seggio/seat-console/web');
  const { BoothService, startKeypad } = await import('@seggio/booth');
  const { startBoothWebShell } = await import('@seggio/booth/web');
  const { EspeakVoice } = await import('@seggio/hardware');
  // The booths' voice for the headphones: eSpeak NG, played by the booth's page.
  const voice = new EspeakVoice();
  // The console reads a real button box if one is plugged in; each booth has a fake keypad, pressed
  // from its virtual keypad page (real keypads cannot be told apart between booths on one machine).
  const buttonBox = startButtonBox();
  const seat = await SeatConsole.start(nodeCrypto, { storePath: join(day, 'console.db'), machineKeyPath: machines.console, officeKey: officePublicKey, officeKeyFile: join(day, 'office.pub'), host: '127.0.0.1', port, packagesDir: drive, exportDir: exports });
  const consoleShell = await onSavedAddress('console', (p, token) => startConsoleWebShell(seat, join(root, 'apps/seat-console/dist/renderer'), p, buttonBox, token));
  const booths = [];
  for (let i = 1; i <= boothCount; i++) {
    const booth = BoothService.start(nodeCrypto, { storePath: join(day, `booth-${i}.db`), machineKeyPath: machines.booths[i - 1], driveDir: drive, officeKey: officePublicKey, consoleUrl: seat.url });
    const { keypad, press } = startKeypad('fake');
    const shell = await onSavedAddress(`booth ${i}`, (p, token) => startBoothWebShell(booth, join(root, 'apps/booth/dist/renderer'), p, { source: keypad, press, voice }, token));
    booths.push({ booth, shell, keypad });
  }
  console.log(
    [
      ...intro,
      binary === null && !options.web ? 'No Electron binary here: the console and the booths run as web shells. Open each address in Chromium:' : 'Open each address in a browser:',
      `  console   ${consoleShell.url}`,
      ...booths.map(({ shell }, i) => `  booth ${i + 1}   ${shell.url}\n  keypad ${i + 1}  ${shell.url.replace('/?token=', '/keypad.html?token=')}  (its virtual keypad, for trying the booth by ear)`),
      `The booths' voice: ${voice.status().available ? `${voice.status().detail}; a browser plays it once the booth's tab has been clicked` : voice.status().detail}.`,
      '',
      'The day: load the package, create the keys (write the shares down), pair each booth by its',
      'fingerprint and machine id, confirm the console on each booth, open voting, enable a booth for',
      'each voter, close, count with the shares, export.',
      'Then: npx seggio verify <exported folder> --office-key ' + join(day, 'office.pub') + ' --training',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
  const stop = async () => {
    for (const { booth, shell, keypad } of booths) {
      await shell.close();
      booth.stop();
      await keypad.stop();
    }
    await consoleShell.close();
    await seat.stop();
    await buttonBox.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
