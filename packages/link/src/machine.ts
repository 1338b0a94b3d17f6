// A console's or a booth's identity (docs/design.md §6): its machine key (a 0600 file outside every store,
// docs/threat-model.md R35) and the office's certificate for it, imported from the removable drive and kept
// beside the key. Both apps load it the same way and present the certificate over the link.
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkCertificate, encodeSidecar, MACHINE_ID, parseSidecar, signCertificate,
  type CertificateExpectation, type CertificateProblem, type MachineCertificate, type MachineRole, type SignatureSidecar,
} from '@seggio/ballot-core';
import { err, fromBase64, fromBase64Length, ok, toBase64, type Result, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import { keyCreatedMessage, loadOrCreateKeyFile } from '@seggio/crypto/key-file';

/** Where certificates are on the removable drive. */
export const CERTIFICATE_FOLDER = 'macchine';
const MAX_FILE = 8192;
const MAX_LISTED = 200;

/** A certificate with its signature, as read from a file or carried in a link message. */
export interface Enrolment {
  readonly bytes: Uint8Array;
  readonly sidecar: SignatureSidecar;
  readonly certificate: MachineCertificate;
}

/** A certificate on the link: its exact bytes and the office's signature (base64). */
export interface WireCertificate {
  readonly bytes: string;
  readonly signer: string;
  readonly signature: string;
}

/** Why a certificate file was refused: the file, and the reason as a code with its figures. */
export type ImportProblem =
  | { readonly file: string; readonly code: 'not-a-name' | 'missing' | 'signature-missing' | 'too-large' }
  | ({ readonly file: string } & CertificateProblem);

/** The installed certificate's file, beside the key file. */
export const certificatePathFor = (keyPath: string): string => `${keyPath.replace(/\.key$/, '')}.cert.json`;

export class MachineIdentity {
  #enrolment: Enrolment | null;

  private constructor(
    readonly keyPath: string,
    readonly key: SigningKeyPair,
    readonly role: MachineRole,
    enrolment: Enrolment | null,
  ) {
    this.#enrolment = enrolment;
  }

  /**
   * The machine's key, made (and said so through `say`) when there is no file, and its certificate if
   * one is installed and still holds against the pinned office key.
   */
  static load(crypto: SeggioCrypto, keyPath: string, officeKey: Uint8Array, role: MachineRole, say: (line: string) => void = () => undefined): MachineIdentity {
    const { keyPair, created } = loadOrCreateKeyFile(crypto, keyPath);
    if (created) say(keyCreatedMessage(keyPath, keyPair));
    const path = certificatePathFor(keyPath);
    if (!existsSync(path)) return new MachineIdentity(keyPath, keyPair, role, null);
    const read = readCertificate(crypto, path, `${path}.sig`, officeKey, { role, publicKey: toBase64(keyPair.publicKey) });
    if (read.ok) return new MachineIdentity(keyPath, keyPair, role, read.value);
    // Another office's, another key's: the machine is not enrolled for this office, and says why.
    say(`${read.error.file}: the installed certificate is not used (${read.error.code}); import one from the drive`);
    return new MachineIdentity(keyPath, keyPair, role, null);
  }

  get enrolment(): Enrolment | null {
    return this.#enrolment;
  }

  /** The certificate as the link carries it. */
  get wire(): WireCertificate | null {
    const e = this.#enrolment;
    return e && { bytes: toBase64(e.bytes), signer: toBase64(e.sidecar.signer), signature: toBase64(e.sidecar.signature) };
  }

  /** The certificate files on the drive's certificate folder (names only). */
  static listDrive(driveDir: string | null | undefined): string[] {
    const dir = driveDir ? join(driveDir, CERTIFICATE_FOLDER) : null;
    if (!dir || !existsSync(dir)) return [];
    return readdirSync(dir).filter((n) => n.endsWith('.json') && MACHINE_ID.test(n.slice(0, -5))).sort().slice(0, MAX_LISTED);
  }

  /**
   * Imports `file` from the drive's certificate folder: refused unless it is signed by the pinned
   * office key, for this machine's key and role; once it holds, it is installed beside the key.
   */
  importFromDrive(crypto: SeggioCrypto, driveDir: string | null | undefined, file: string, officeKey: Uint8Array): Result<MachineCertificate, ImportProblem> {
    if (!driveDir || !file.endsWith('.json') || !MACHINE_ID.test(file.slice(0, -5))) return err({ file, code: 'not-a-name' });
    const path = join(driveDir, CERTIFICATE_FOLDER, file);
    const read = readCertificate(crypto, path, `${path}.sig`, officeKey, { role: this.role, publicKey: toBase64(this.key.publicKey) });
    if (!read.ok) return err({ ...read.error, file: `${CERTIFICATE_FOLDER}/${file}${read.error.code === 'signature-missing' ? '.sig' : ''}` });
    install(certificatePathFor(this.keyPath), read.value);
    this.#enrolment = read.value;
    return ok(read.value.certificate);
  }
}

function readBounded(path: string): Uint8Array | 'missing' | 'too-large' {
  if (!existsSync(path) || !statSync(path).isFile()) return 'missing';
  if (statSync(path).size > MAX_FILE) return 'too-large';
  return readFileSync(path);
}

/** Reads and checks a certificate and its `.sig` from files. */
export function readCertificate(crypto: SeggioCrypto, path: string, sigPath: string, officeKey: Uint8Array, expect: CertificateExpectation): Result<Enrolment, ImportProblem> {
  const bytes = readBounded(path);
  if (typeof bytes === 'string') return err({ file: path, code: bytes });
  const sig = readBounded(sigPath);
  if (typeof sig === 'string') return err({ file: sigPath, code: sig === 'missing' ? 'signature-missing' : sig });
  const sidecar = parseSidecar(sig);
  if (!sidecar.ok) return err({ file: sigPath, code: 'unreadable', reason: sidecar.error });
  const checked = checkCertificate(crypto, bytes, sidecar.value, officeKey, expect);
  return checked.ok ? ok({ bytes, sidecar: sidecar.value, certificate: checked.value }) : err({ file: path, ...checked.error });
}

/** Checks a certificate a peer presented on the link. */
export function checkWireCertificate(crypto: SeggioCrypto, wire: WireCertificate, officeKey: Uint8Array, expect: CertificateExpectation): Result<Enrolment, CertificateProblem> {
  let bytes: Uint8Array;
  let sidecar: SignatureSidecar;
  try {
    if (wire.bytes.length > MAX_FILE * 2) return err({ code: 'unreadable', reason: 'too large for a certificate' });
    bytes = fromBase64(wire.bytes);
    sidecar = { signer: fromBase64Length(wire.signer, 32, 'signer'), signature: fromBase64Length(wire.signature, 64, 'signature') };
  } catch (error) {
    return err({ code: 'unreadable', reason: (error as Error).message });
  }
  const checked = checkCertificate(crypto, bytes, sidecar, officeKey, expect);
  return checked.ok ? ok({ bytes, sidecar, certificate: checked.value }) : checked;
}

function install(path: string, enrolment: Enrolment): void {
  // Written aside and renamed, so that a certificate on disk is always whole.
  writeFileSync(`${path}.partial`, enrolment.bytes);
  writeFileSync(`${path}.sig.partial`, encodeSidecar(enrolment.sidecar));
  renameSync(`${path}.sig.partial`, `${path}.sig`);
  renameSync(`${path}.partial`, path);
}

/**
 * Enrols a machine in one step, as `npm start`, the simulation and the tests do with the day's office
 * key: its key file (made if missing) and the office's certificate installed beside it.
 */
export function enrolMachine(crypto: SeggioCrypto, office: SigningKeyPair, machine: { keyPath: string; role: MachineRole; machine: string; comune: string }): Enrolment {
  const { keyPair } = loadOrCreateKeyFile(crypto, machine.keyPath);
  const signed = signCertificate(crypto, office, { comune: machine.comune, role: machine.role, machine: machine.machine, publicKey: toBase64(keyPair.publicKey) });
  const enrolment = { bytes: signed.bytes, sidecar: signed.sidecar, certificate: { format: 'seggio/machine@1', comune: machine.comune, role: machine.role, machine: machine.machine, publicKey: toBase64(keyPair.publicKey) } } as const;
  install(certificatePathFor(machine.keyPath), enrolment);
  return enrolment;
}
