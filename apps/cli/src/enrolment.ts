// Enrolling a machine (docs/design.md §6), as `seggio machine enrol` and the office's interface both do
// it: the request checked to be signed by the key it enrols, the office's register of certificates
// consulted (a key already enrolled under another machine id, or a machine id under another key, is
// refused), and the certificate signed. Problems are codes with their parameters, worded at the edge.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkCertificate, describeCertificateProblem, parseMachineRequest, parseSidecar, signCertificate, verifySidecar,
  type MachineCertificate, type MachineRequest, type SignatureSidecar,
} from '@seggio/ballot-core';
import { err, fingerprint, fromBase64, ok, type Result, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import { readBounded } from './build/folder.js';
import type { EnrolProblem } from './enrolment-codes.js';

export { ENROL_CODES, type EnrolProblem } from './enrolment-codes.js';

/** A request's file and its certificate's, at most this large; a register of at most this many machines. */
export const ENROL_LIMITS = { fileBytes: 4096, machines: 2000 } as const;

export interface CheckedRequest {
  readonly file: string;
  readonly request: MachineRequest;
  /** What the machine shows on its screen, for the office to compare. */
  readonly fingerprint: string;
}

/** The request, signed by the very key it enrols: whoever wrote it holds that key. */
export function checkRequest(crypto: SeggioCrypto, file: string, bytes: Uint8Array, signature: Uint8Array | null): Result<CheckedRequest, EnrolProblem> {
  const parsed = parseMachineRequest(bytes);
  if (!parsed.ok) return err({ code: 'request-unreadable', params: { file, reason: parsed.error } });
  if (signature === null) return err({ code: 'request-signature', params: { file: `${file}.sig`, reason: 'missing' } });
  const sidecar = parseSidecar(signature);
  const key = fromBase64(parsed.value.publicKey);
  const held = sidecar.ok ? verifySidecar(crypto, bytes, sidecar.value, key) : sidecar;
  if (!held.ok) return err({ code: 'request-signature', params: { file: `${file}.sig`, reason: held.error } });
  return ok({ file, request: parsed.value, fingerprint: fingerprint(key) });
}

/** Whether the register allows enrolling this request: one key, one machine id, and the other way round. */
export function registerAllows(checked: CheckedRequest, register: readonly MachineCertificate[]): EnrolProblem | null {
  const { request, file } = checked;
  const sameKey = register.find((c) => c.publicKey === request.publicKey && c.machine !== request.machine);
  if (sameKey) return { code: 'key-enrolled', params: { file, machine: request.machine, enrolledAs: sameKey.machine } };
  if (register.some((c) => c.machine === request.machine && (c.publicKey !== request.publicKey || c.role !== request.role))) return { code: 'machine-enrolled', params: { file, machine: request.machine } };
  return null;
}

export function signEnrolment(crypto: SeggioCrypto, office: SigningKeyPair, comune: string, checked: CheckedRequest): { certificate: MachineCertificate; bytes: Uint8Array; sidecar: SignatureSidecar } {
  const { role, machine, publicKey } = checked.request;
  const signed = signCertificate(crypto, office, { comune, role, machine, publicKey });
  return { certificate: { format: 'seggio/machine@1', comune, role, machine, publicKey }, ...signed };
}

/**
 * The certificates the office has signed, kept as files in its register folder: each read under limits and
 * checked against the office key; one that does not hold is reported, never counted.
 */
export function readRegister(crypto: SeggioCrypto, dir: string, officeKey: Uint8Array): { certificates: MachineCertificate[]; problems: EnrolProblem[] } {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { certificates: [], problems: [] };
    return { certificates: [], problems: [{ code: 'register-entry', params: { file: dir, reason: (error as NodeJS.ErrnoException).code ?? 'unreadable' } }] };
  }
  if (names.length > ENROL_LIMITS.machines) return { certificates: [], problems: [{ code: 'register-too-many', params: { limit: String(ENROL_LIMITS.machines) } }] };
  const certificates: MachineCertificate[] = [];
  const problems: EnrolProblem[] = [];
  for (const name of names) {
    const bytes = readBounded(join(dir, name), name, ENROL_LIMITS.fileBytes);
    const signature = readBounded(join(dir, `${name}.sig`), `${name}.sig`, ENROL_LIMITS.fileBytes);
    if (!(bytes instanceof Uint8Array) || !(signature instanceof Uint8Array)) {
      problems.push({ code: 'register-entry', params: { file: name, reason: 'not a plain file within the size of a certificate, or its .sig is missing' } });
      continue;
    }
    const checked = checkCertificate(crypto, bytes, signature, officeKey);
    if (checked.ok) certificates.push(checked.value);
    else problems.push({ code: 'register-entry', params: { file: name, reason: describeCertificateProblem(checked.error) } });
  }
  return { certificates, problems };
}

export function describeEnrolProblem(p: EnrolProblem): string {
  switch (p.code) {
    case 'request-unreadable':
      return `${p.params.file}: not an enrolment request: ${p.params.reason}`;
    case 'request-signature':
      return `${p.params.file}: the request is not signed by the key it enrols (${p.params.reason})`;
    case 'key-enrolled':
      return `${p.params.file}: machine ${p.params.machine} presents a key already enrolled as machine ${p.params.enrolledAs}; one key enrols one machine`;
    case 'machine-enrolled':
      return `${p.params.file}: machine ${p.params.machine} is already enrolled with another key or role; a machine id names one machine`;
    case 'register-entry':
      return `${p.params.file}: not counted among the enrolled machines: ${p.params.reason}`;
    case 'register-too-many':
      return `the register holds more than ${p.params.limit} certificates`;
  }
}
