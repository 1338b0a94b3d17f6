// How `npm start` prepares a new day (scripts/start.mjs): as an electoral office does, through the office's
// own staff interface. The office builds the demo package from its folder, signs it and writes the drive;
// each machine writes its enrolment request there with `seggio machine request`; the office enrols each;
// each machine imports its certificate from the drive with the apps' own import. With byHand, whoever is
// at the office's screen does the office's part, and this waits for it. Every step can be taken again
// (a start after a power cut in the middle of it): the office's key and store, the drive and the machine keys
// are kept, and what the office did already (the package signed, the machines enrolled) it does again identically.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const { nodeCrypto } = await import('@seggio/crypto/node');
const { MachineIdentity } = await import('@seggio/link');
const { parse: parseCsv } = await import('csv-parse/sync');

/**
 * The day prepared: the package on the drive, and each machine's certificate installed beside its key.
 * office: the office started (its staff address, the folder, the comune, the lines that say where it is);
 * keys: the console's and each booth's key file.
 */
export async function prepareDay({ root, drive, office, keys, officeKey, byHand }) {
  const machines = writeRequests(root, drive, keys, office.comune);
  if (byHand) await preparedByHand(drive, office, machines);
  else {
    await preparePackage(office.staff, office.folder);
    for (const m of machines) await staffCall(office.staff, 'POST', 'api/machines/enrol', { file: m.request, confirm: m.fingerprint.slice(-4) });
  }
  for (const m of machines) importCertificate(drive, m, officeKey);
}

/**
 * The office's copy of the demo spreadsheets, naming the address the office listens at (elezione.csv's
 * indirizzo_ufficio), so that the console sends it turnout and the public export.
 */
export function demoFolder(root, folder, officeUrl) {
  cpSync(join(root, 'demo', 'sanvalle-demo'), folder, { recursive: true });
  const path = join(folder, 'elezione.csv');
  const rows = parseCsv(readFileSync(path), { delimiter: ';', bom: true });
  const column = rows[0].indexOf('indirizzo_ufficio');
  rows[1][column] = officeUrl;
  const cell = (v) => (/[;"\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  writeFileSync(path, `${rows.map((r) => r.map(cell).join(';')).join('\n')}\n`);
  return { folder, comune: rows[1][rows[0].indexOf('codice_istat')] };
}

/** One call to the office's staff interface, as its screen makes it; a refusal stops the start, with its codes. */
async function staffCall(staff, method, path, body) {
  const url = new URL(staff);
  const response = await fetch(new URL(path, url.origin), { method, headers: { 'x-seggio-token': url.searchParams.get('token'), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body && JSON.stringify(body) });
  const answer = await response.json();
  if (!response.ok || answer.ok === false) {
    console.error(`the electoral office refused ${method} /${path} (${response.status}): ${JSON.stringify(answer.problems ?? answer)}`);
    process.exit(1);
  }
  return answer;
}

/**
 * The office builds the package from the folder's spreadsheets and symbols, signs it and writes the drive.
 * Taken again after a power cut, the same folder builds the same package, whose signature the office kept.
 */
async function preparePackage(staff, folder) {
  const files = readdirSync(folder).map((name) => ({ name, data: readFileSync(join(folder, name)).toString('base64') }));
  await staffCall(staff, 'POST', 'api/package/build', { files });
  await staffCall(staff, 'POST', 'api/package/sign');
  await staffCall(staff, 'POST', 'api/package/drive');
}

/** Waits, saying what to do, until the office's staff have written the package and enrolled every machine (at most a day). */
async function preparedByHand(drive, started, machines) {
  console.log([
    '', 'Prepare the day on the electoral office\'s screen:', ...started.lines,
    `  1. "Pacchetto elettorale": choose the folder ${started.folder}, build, check the ballots, sign, write the drive`,
    `  2. "Macchine": enrol ${machines.map((m) => m.machine).join(', ')}, comparing each fingerprint:`,
    ...machines.map((m) => `       ${m.machine}  ${m.fingerprint}`),
    'The station starts once that is done.', '',
  ].join('\n'));
  for (let i = 0; i < 24 * 3600 * 2; i++) {
    const [{ officeElection }, { requests }] = [await staffCall(started.staff, 'GET', 'api/package'), await staffCall(started.staff, 'GET', 'api/machines')];
    // The office's election (the package signed) on the drive, and every machine enrolled.
    const onDrive = existsSync(join(drive, 'election.json.sig')) && nodeCrypto.sha256Hex(readFileSync(join(drive, 'election.json'))) === officeElection;
    if (onDrive && machines.every((m) => requests.some((r) => r.file === m.request && r.state === 'enrolled'))) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.error('the day was not prepared on the office\'s screen within a day: start again');
  process.exit(1);
}

/**
 * The enrolment the electoral office does days before (docs/design.md, "Machines and provenance"): each
 * machine makes its key (mode 0600, outside its store) and writes its request to the drive with
 * `seggio machine request`; the office enrols it (from its staff interface); then the machine imports
 * its certificate from the drive's macchine/ folder, as its set-up screen does.
 */
function writeRequests(root, drive, paths, comune) {
  const machines = [{ role: 'console', machine: `DEMO-CONSOLE-${comune}`, keyPath: paths.console }, ...paths.booths.map((keyPath, i) => ({ role: 'booth', machine: `DEMO-CABINA-${comune}-${i + 1}`, keyPath }))];
  mkdirSync(join(drive, 'richieste'), { recursive: true });
  return machines.map((m) => {
    const request = `richieste/${m.machine}.request.json`;
    // Written again on a start after a power cut (the key kept, so the same request, which the office
    // may have enrolled already): a request cut short before its .sig is then whole.
    for (const file of [request, `${request}.sig`]) rmSync(join(drive, file), { force: true });
    const made = spawnSync(process.execPath, [join(root, 'apps/cli/bin/seggio.js'), 'machine', 'request', '--role', m.role, '--machine', m.machine, '--key', m.keyPath, '--out', join(drive, request)], { encoding: 'utf8', timeout: 30_000 });
    if (made.status !== 0) {
      console.error(`seggio machine request for ${m.machine} failed: ${made.stderr || made.stdout}`);
      process.exit(1);
    }
    return { ...m, request, fingerprint: /^ {2}fingerprint {2}(.+)$/m.exec(made.stdout)?.[1] ?? '' };
  });
}

function importCertificate(drive, m, officeKey) {
  const imported = MachineIdentity.load(nodeCrypto, m.keyPath, officeKey, m.role).importFromDrive(nodeCrypto, drive, `${m.machine}.json`, officeKey);
  if (!imported.ok) {
    console.error(`${m.machine}: its certificate from the drive was refused (${JSON.stringify(imported.error)})`);
    process.exit(1);
  }
}

