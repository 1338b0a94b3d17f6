// Enrolling the section machines at the office (docs/design.md §6), with the CLI's own enrolment code:
// the requests the machines wrote to the drive's richieste/ folder, each shown with its fingerprint for the
// staff to compare with the machine's screen; the certificate signed, written back to the drive's
// macchine/ folder, kept in the office's store as issued and in its register folder (which the CLI's
// `seggio machine enrol --out-dir` shares); the two together list the enrolled machines by role.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCertificate, describeCertificateProblem, encodeSidecar, type MachineCertificate } from '@seggio/ballot-core';
import { checkRequest, ENROL_LIMITS, readBounded, readRegister, registerAllows, signEnrolment, type CheckedRequest } from '@seggio/cli/library';
import { fingerprint, fromBase64, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import { CONFIRM_CHARACTERS, type Answer, type MachinesView, type PreparationProblem, type RequestView } from '../shared/preparation.js';
import type { PreparationRecords } from './preparation-store.js';

export const REQUESTS_FOLDER = 'richieste';
export const CERTIFICATES_FOLDER = 'macchine';
/** Requests read from the drive at most: a section has a console and up to eight booths. */
export const MAX_REQUESTS = 500;

export class Enrolment {
  constructor(
    readonly crypto: SeggioCrypto,
    readonly key: SigningKeyPair,
    /** The comune whose machines this office enrols: its election's comune.istat, or the prepared package's. */
    readonly comune: () => string | null,
    readonly drive: string | null,
    /** The office's own folder of the certificates it signed. */
    readonly register: string,
    /** The office's store, where every certificate issued is kept as written. */
    readonly records: PreparationRecords,
    readonly log: (line: string) => void = () => {},
  ) {}

  /** The certificates of the register folder and of the store, each checked against the office key. */
  #register(): { certificates: MachineCertificate[]; problems: PreparationProblem[] } {
    const folder = readRegister(this.crypto, this.register, this.key.publicKey);
    const certificates = [...folder.certificates];
    const problems: PreparationProblem[] = [...folder.problems];
    for (const row of this.records.certificates()) {
      const checked = checkCertificate(this.crypto, row.document, row.signature, this.key.publicKey, { machine: row.machine, publicKey: row.publicKey, role: row.role });
      if (!checked.ok) problems.push({ code: 'register-entry', params: { file: `${row.machine}.json`, reason: describeCertificateProblem(checked.error) } });
      else if (!certificates.some((c) => c.machine === row.machine && c.publicKey === row.publicKey)) certificates.push(checked.value);
    }
    return { certificates, problems };
  }

  #requests(problems: PreparationProblem[]): { file: string; checked: ReturnType<typeof checkRequest> }[] {
    if (!this.drive) return [];
    const dir = join(this.drive, REQUESTS_FOLDER);
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
    } catch {
      return [];
    }
    if (names.length > MAX_REQUESTS) {
      problems.push({ code: 'drive-too-many', params: { folder: REQUESTS_FOLDER, limit: String(MAX_REQUESTS) } });
      return [];
    }
    return names.map((name) => {
      const file = `${REQUESTS_FOLDER}/${name}`;
      const bytes = readBounded(join(dir, name), file, ENROL_LIMITS.fileBytes);
      if (!(bytes instanceof Uint8Array)) return { file, checked: { ok: false, error: { code: 'request-unreadable', params: { file, reason: bytes.code === 'file-too-large' ? `larger than ${ENROL_LIMITS.fileBytes} bytes` : 'not a plain file' } } } as const };
      const signature = readBounded(join(dir, `${name}.sig`), `${file}.sig`, ENROL_LIMITS.fileBytes);
      return { file, checked: checkRequest(this.crypto, file, bytes, signature instanceof Uint8Array ? signature : null) };
    });
  }

  view(): MachinesView {
    const problems: PreparationProblem[] = [];
    const register = this.#register();
    problems.push(...register.problems);
    const requests: RequestView[] = this.#requests(problems).map(({ file, checked }) => {
      if (!checked.ok) return { file, role: null, machine: null, fingerprint: null, state: 'refused', problem: checked.error };
      const { request } = checked.value;
      const refused = registerAllows(checked.value, register.certificates);
      const enrolled = register.certificates.some((c) => c.machine === request.machine && c.publicKey === request.publicKey);
      return { file, role: request.role, machine: request.machine, fingerprint: checked.value.fingerprint, state: refused ? 'refused' : enrolled ? 'enrolled' : 'waiting', problem: refused };
    });
    const comune = this.comune();
    const enrolled = register.certificates
      .filter((c) => c.comune === comune)
      .map((c) => ({ role: c.role, machine: c.machine, fingerprint: fingerprint(fromBase64(c.publicKey)) }))
      .sort((a, b) => (a.role === b.role ? (a.machine < b.machine ? -1 : 1) : a.role === 'console' ? -1 : 1));
    return { comune, requests, enrolled, problems, drive: this.drive !== null };
  }

  /**
   * Signs the certificate of one request on the drive, after the staff compared its fingerprint; kept in the
   * store before it is written. A request already enrolled gets the certificate issued then, byte for byte.
   */
  /**
   * `confirm` is the end of the fingerprint as the staff read it on the machine's own screen: a request swapped
   * on the drive is not signed for because someone clicked, only once the fingerprint was compared.
   */
  enrol(file: string, confirm: string): Answer<MachinesView> {
    const problems: PreparationProblem[] = [];
    if (!this.drive) return { ok: false, problems: [{ code: 'no-drive', params: {} }] };
    const comune = this.comune();
    if (comune === null) return { ok: false, problems: [{ code: 'no-comune', params: {} }] };
    const found = this.#requests(problems).find((r) => r.file === file);
    if (!found) return { ok: false, problems: problems.length > 0 ? problems : [{ code: 'request-unknown', params: { file: file.slice(0, 120) } }] };
    if (!found.checked.ok) return { ok: false, problems: [found.checked.error] };
    const checked: CheckedRequest = found.checked.value;
    const { request } = checked;
    const shown = fingerprint(fromBase64(request.publicKey));
    if (confirm.trim().toUpperCase() !== shown.slice(-CONFIRM_CHARACTERS)) return { ok: false, problems: [{ code: 'fingerprint-unconfirmed', params: { file, machine: request.machine } }] };
    const issued = this.records.certificate(request.machine);
    let document: Uint8Array;
    let signature: Uint8Array;
    if (issued && issued.publicKey === request.publicKey && issued.role === request.role && issued.comune === comune) {
      ({ document, signature } = issued);
    } else {
      const refused = registerAllows(checked, this.#register().certificates);
      if (refused) return { ok: false, problems: [refused] };
      const signed = signEnrolment(this.crypto, this.key, comune, checked);
      document = signed.bytes;
      signature = new TextEncoder().encode(encodeSidecar(signed.sidecar));
      this.records.issued({ machine: request.machine, comune, role: request.role, publicKey: request.publicKey, request: file, document, signature });
    }
    const name = `${request.machine}.json`;
    for (const dir of [this.register, join(this.drive, CERTIFICATES_FOLDER)]) {
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        writeFileSync(join(dir, name), document);
        writeFileSync(join(dir, `${name}.sig`), signature);
      } catch (error) {
        return { ok: false, problems: [{ code: 'drive-write', params: { file: join(dir === this.register ? 'register' : CERTIFICATES_FOLDER, name), reason: (error as NodeJS.ErrnoException).code ?? 'error' } }] };
      }
    }
    this.log(`${request.role} ${request.machine} enrolled for comune ${comune}, fingerprint ${checked.fingerprint}`);
    return { ok: true, view: this.view() };
  }
}
