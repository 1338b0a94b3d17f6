// Machine enrolment (docs/design.md §6, docs/threat-model.md R30): the office signs a `seggio/machine@1` certificate
// for each console and booth key; every key that signs in a bundle must trace back to one.
import { err, ok, toBase64, type Result, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import { parseStrictJson } from '../json.js';
import { documentBytes } from './bundle.js';
import { parsePublicKey, parseSidecar, signBytes, type SignatureSidecar } from './signature.js';

export const MACHINE_FORMAT = 'seggio/machine@1';
export const MACHINE_REQUEST_FORMAT = 'seggio/machine-request@1';
export type MachineRole = 'console' | 'booth';
export const MACHINE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const ISTAT = /^[0-9]{6}$/;
const MAX_CERTIFICATE = 4096;

export interface MachineCertificate {
  readonly format: typeof MACHINE_FORMAT;
  /** The comune's ISTAT code, as in election.json's comune.istat. */
  readonly comune: string;
  readonly role: MachineRole;
  /** The asset id, also the certificate's file name. */
  readonly machine: string;
  readonly publicKey: string;
}

/** What a machine writes to the drive for the office: its key, role and asset id, signed by that key. */
export interface MachineRequest {
  readonly format: typeof MACHINE_REQUEST_FORMAT;
  readonly role: MachineRole;
  readonly machine: string;
  readonly publicKey: string;
}

/** Why a certificate is refused: one code per reason, with what a person needs to compare. */
export type CertificateProblem =
  | { readonly code: 'unreadable'; readonly reason: string }
  | { readonly code: 'not-office'; readonly signer: string }
  | { readonly code: 'bad-signature'; readonly reason: string }
  | { readonly code: 'other-role'; readonly role: string; readonly expected: MachineRole }
  | { readonly code: 'other-key'; readonly machine: string }
  | { readonly code: 'other-comune'; readonly comune: string; readonly expected: string }
  | { readonly code: 'other-machine'; readonly machine: string; readonly expected: string };

/** The problem in English, for the command line and the logs. */
export function describeCertificateProblem(p: CertificateProblem): string {
  switch (p.code) {
    case 'unreadable':
      return `not a ${MACHINE_FORMAT} certificate: ${p.reason}`;
    case 'not-office':
      return `signed by key ${p.signer}, not by the electoral office's key`;
    case 'bad-signature':
      return `the office's signature does not hold: the certificate was changed after signing (${p.reason})`;
    case 'other-role':
      return `enrols a ${p.role}, not a ${p.expected}`;
    case 'other-key':
      return `is for another key than machine ${p.machine}'s`;
    case 'other-comune':
      return `enrols the machine for comune ${p.comune}, not ${p.expected}`;
    case 'other-machine':
      return `is for machine ${p.machine}, not ${p.expected}`;
  }
}

function parseFields(bytes: Uint8Array, format: string): Result<Record<string, unknown>, string> {
  const json = parseStrictJson(bytes, { maxBytes: MAX_CERTIFICATE, maxDepth: 2 });
  if (!json.ok) return err(`${json.error.path}: ${json.error.message}`);
  const value = json.value as Record<string, unknown> | null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return err('not a JSON object');
  if (value.format !== format) return err(`"format" is not "${format}"`);
  if (value.role !== 'console' && value.role !== 'booth') return err('"role" must be "console" or "booth"');
  if (typeof value.machine !== 'string' || !MACHINE_ID.test(value.machine)) return err('"machine" must be 1 to 64 of A-Z a-z 0-9 . _ -');
  const key = parsePublicKey(typeof value.publicKey === 'string' ? value.publicKey : '', '"publicKey"');
  if (!key.ok) return err(key.error);
  return ok(value);
}

/** A certificate's fields, strictly read; fields beyond these may be added (a label, a date). */
export function parseCertificate(bytes: Uint8Array): Result<MachineCertificate, string> {
  const fields = parseFields(bytes, MACHINE_FORMAT);
  if (!fields.ok) return fields;
  if (typeof fields.value.comune !== 'string' || !ISTAT.test(fields.value.comune)) return err('"comune" must be the six digits of an ISTAT code');
  return ok(fields.value as unknown as MachineCertificate);
}

export function parseMachineRequest(bytes: Uint8Array): Result<MachineRequest, string> {
  const fields = parseFields(bytes, MACHINE_REQUEST_FORMAT);
  return fields.ok ? ok(fields.value as unknown as MachineRequest) : fields;
}

export interface CertificateExpectation {
  readonly role?: MachineRole;
  /** The key the certificate must enrol (base64). */
  readonly publicKey?: string;
  readonly comune?: string;
  readonly machine?: string;
}

/**
 * Checks a certificate and its sidecar: signed by the pinned office key over these exact bytes, and of
 * the role, key, comune and machine expected. The first problem found, or the certificate.
 */
export function checkCertificate(
  crypto: SeggioCrypto, bytes: Uint8Array, signed: Uint8Array | SignatureSidecar, officeKey: Uint8Array, expect: CertificateExpectation = {},
): Result<MachineCertificate, CertificateProblem> {
  const sidecar = signed instanceof Uint8Array ? parseSidecar(signed) : ok(signed);
  if (!sidecar.ok) return err({ code: 'unreadable', reason: `its signature file: ${sidecar.error}` });
  if (toBase64(sidecar.value.signer) !== toBase64(officeKey)) return err({ code: 'not-office', signer: toBase64(sidecar.value.signer) });
  const rejection = crypto.checkSignature(bytes, sidecar.value.signature, officeKey);
  if (rejection !== null) return err({ code: 'bad-signature', reason: rejection });
  const parsed = parseCertificate(bytes);
  if (!parsed.ok) return err({ code: 'unreadable', reason: parsed.error });
  const c = parsed.value;
  if (expect.role && c.role !== expect.role) return err({ code: 'other-role', role: c.role, expected: expect.role });
  if (expect.machine && c.machine !== expect.machine) return err({ code: 'other-machine', machine: c.machine, expected: expect.machine });
  if (expect.publicKey && c.publicKey !== expect.publicKey) return err({ code: 'other-key', machine: c.machine });
  if (expect.comune && c.comune !== expect.comune) return err({ code: 'other-comune', comune: c.comune, expected: expect.comune });
  return ok(c);
}

/** The office signs a certificate: its exact bytes and the sidecar over them. */
export function signCertificate(crypto: SeggioCrypto, office: SigningKeyPair, fields: Omit<MachineCertificate, 'format'>): { bytes: Uint8Array; sidecar: SignatureSidecar } {
  const certificate: MachineCertificate = { format: MACHINE_FORMAT, comune: fields.comune, role: fields.role, machine: fields.machine, publicKey: fields.publicKey };
  const bytes = documentBytes(certificate);
  return { bytes, sidecar: signBytes(crypto, bytes, office) };
}
