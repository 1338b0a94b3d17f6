// `seggio machine request|enrol|check`: enrolling a console or a booth with the electoral office
// (docs/design.md §6). The machine writes a request signed by its own key; the office compares the
// fingerprint and signs a seggio/machine@1 certificate; anyone checks one against the office key.
import { existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkCertificate, describeCertificateProblem, documentBytes, encodeSidecar, MACHINE_ID, MACHINE_REQUEST_FORMAT, signBytes, type MachineRequest, type MachineRole } from '@seggio/ballot-core';
import { fingerprint, fromBase64, toBase64, type SeggioCrypto } from '@seggio/crypto';
import { keyCreatedMessage, KeyFileError, loadOrCreateKeyFile } from '@seggio/crypto/key-file';
import { readBytes, readOfficeKey, readPublicKeyArgument } from './election.js';
import { checkRequest, describeEnrolProblem, readRegister, registerAllows, signEnrolment } from './enrolment.js';
import { EXIT, UsageError, type Io } from './io.js';

export const MACHINE_USAGE = `Usage:
  seggio machine request --role booth|console --machine ID --key FILE [--out FILE]
      On the machine: reads its machine key FILE (made, mode 0600, if there is none), prints its
      fingerprint and writes the enrolment request (default ID.request.json, with its .sig).
  seggio machine enrol REQUEST --key office.key --comune ISTAT [--out-dir DIR]
      At the office: checks the request, shows the fingerprint to compare with the machine's screen,
      and writes the certificate DIR/ID.json and DIR/ID.json.sig (seggio/machine@1).
  seggio machine check CERT --office-key KEY [--role booth|console] [--comune ISTAT]
      Checks a certificate and its .sig against the office key (base64 or a file holding it).
`;

const role = (value: string | undefined): MachineRole => {
  if (value !== 'booth' && value !== 'console') throw new UsageError('--role must be booth or console');
  return value;
};

function request(crypto: SeggioCrypto, args: string[], io: Io): number {
  const { values } = parseArgs({ args, options: { role: { type: 'string' }, machine: { type: 'string' }, key: { type: 'string' }, out: { type: 'string' } } });
  if (!values.machine || !MACHINE_ID.test(values.machine)) throw new UsageError('--machine takes the asset id, 1 to 64 of A-Z a-z 0-9 . _ -');
  if (!values.key) throw new UsageError('--key names the machine key file (made if there is none)');
  const forRole = role(values.role);
  let machineKey;
  try {
    machineKey = loadOrCreateKeyFile(crypto, values.key);
  } catch (error) {
    if (error instanceof KeyFileError) throw new UsageError(error.message);
    throw error;
  }
  if (machineKey.created) io.out.write(`${keyCreatedMessage(values.key, machineKey.keyPair)}\n`);
  const out = values.out ?? `${values.machine}.request.json`;
  const body: MachineRequest = { format: MACHINE_REQUEST_FORMAT, role: forRole, machine: values.machine, publicKey: toBase64(machineKey.keyPair.publicKey) };
  const bytes = documentBytes(body);
  writeFileSync(out, bytes, { flag: 'wx' });
  writeFileSync(`${out}.sig`, encodeSidecar(signBytes(crypto, bytes, machineKey.keyPair)), { flag: 'wx' });
  io.out.write(`${out} written (with ${basename(out)}.sig): ${forRole} ${values.machine}\n  fingerprint  ${fingerprint(machineKey.keyPair.publicKey)}\n  the office compares this fingerprint before it enrols the machine\n`);
  return EXIT.ok;
}

function enrol(crypto: SeggioCrypto, args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { key: { type: 'string' }, comune: { type: 'string' }, 'out-dir': { type: 'string', default: '.' } } });
  if (positionals.length !== 1 || !values.key) throw new UsageError('seggio machine enrol needs REQUEST and --key office.key');
  if (!values.comune || !/^[0-9]{6}$/.test(values.comune)) throw new UsageError("--comune takes the comune's six-digit ISTAT code, as in election.json's comune.istat");
  const file = positionals[0]!;
  const office = readOfficeKey(crypto, values.key);
  const sigFile = `${file}.sig`;
  const checked = checkRequest(crypto, file, readBytes(file), existsSync(sigFile) ? readBytes(sigFile) : null);
  // The out-dir is the office's register: a key enrolled there under another machine id is refused.
  const register = readRegister(crypto, values['out-dir'], office.publicKey);
  const refused = checked.ok ? registerAllows(checked.value, register.certificates) : checked.error;
  if (refused) {
    io.err.write(`${describeEnrolProblem(refused)}\n`);
    return EXIT.failed;
  }
  if (!checked.ok) return EXIT.failed;
  const { request: asked } = checked.value;
  const out = join(values['out-dir'], `${asked.machine}.json`);
  if (existsSync(out)) throw new UsageError(`${out} already exists: refusing to overwrite a certificate`);
  const signed = signEnrolment(crypto, office, values.comune, checked.value);
  writeFileSync(out, signed.bytes, { flag: 'wx' });
  writeFileSync(`${out}.sig`, encodeSidecar(signed.sidecar), { flag: 'wx' });
  io.out.write(
    `${out} written (with its .sig): ${asked.role} ${asked.machine} of comune ${values.comune}\n` +
      `  fingerprint  ${checked.value.fingerprint}\n  compare it with the one the machine shows: enrol only if they match\n`,
  );
  return EXIT.ok;
}

function check(crypto: SeggioCrypto, args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'office-key': { type: 'string' }, role: { type: 'string' }, comune: { type: 'string' } } });
  if (positionals.length !== 1 || !values['office-key']) throw new UsageError('seggio machine check needs CERT and --office-key KEY');
  const file = positionals[0]!;
  const officeKey = readPublicKeyArgument(values['office-key'], '--office-key');
  const checked = checkCertificate(crypto, readBytes(file), readBytes(`${file}.sig`), officeKey, {
    ...(values.role === undefined ? {} : { role: role(values.role) }),
    ...(values.comune === undefined ? {} : { comune: values.comune }),
  });
  if (!checked.ok) {
    io.err.write(`${file}: ${describeCertificateProblem(checked.error)}\n`);
    return EXIT.failed;
  }
  const c = checked.value;
  io.out.write(`${file}: valid seggio/machine@1, signed by the office key ${fingerprint(officeKey)}\n  machine      ${c.machine}\n  role         ${c.role}\n  comune       ${c.comune}\n  fingerprint  ${fingerprint(fromBase64(c.publicKey))}\n`);
  return EXIT.ok;
}

export function machineCommand(crypto: SeggioCrypto, args: string[], io: Io): number {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'request':
      return request(crypto, rest, io);
    case 'enrol':
      return enrol(crypto, rest, io);
    case 'check':
      return check(crypto, rest, io);
    default:
      throw new UsageError(sub === undefined ? 'seggio machine needs a command' : `unknown command 'machine ${sub}'`);
  }
}
