// Enrolling the section machines at the office (docs/design.md §6), with the CLI's own enrolment code:
// the requests the machines wrote to the drive's richieste/ folder, each shown with its fingerprint for the
// staff to compare with the machine's screen; the certificate signed, written back to the drive's
// macchine/ folder and kept in the office's register, which lists the enrolled machines by role.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSidecar } from '@seggio/ballot-core';
import { checkRequest, ENROL_LIMITS, readBounded, readRegister, registerAllows, signEnrolment, type CheckedRequest } from '@seggio/cli/library';
import { fingerprint, fromBase64, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import type { Answer, MachinesView, PreparationProblem, RequestView } from '../shared/preparation.js';

export const REQUESTS_FOLDER = 'richieste';
export const CERTIFICATES_FOLDER = 'macchine';
/** Requests read from the drive at most: a section has a console and up to eight booths. */
export const MAX_REQUESTS = 500;

export class Enrolment {
  constructor(
    readonly crypto: SeggioCrypto,
    readonly key: SigningKeyPair,
    /** The comune whose machines this office enrols (its election's comune.istat). */
    readonly comune: string,
    readonly drive: string | null,
    /** The office's own folder of the certificates it signed. */
    readonly register: string,
    readonly log: (line: string) => void = () => {},
  ) {}

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
    const register = readRegister(this.crypto, this.register, this.key.publicKey);
    problems.push(...register.problems);
    const requests: RequestView[] = this.#requests(problems).map(({ file, checked }) => {
      if (!checked.ok) return { file, role: null, machine: null, fingerprint: null, state: 'refused', problem: checked.error };
      const { request } = checked.value;
      const refused = registerAllows(checked.value, register.certificates);
      const enrolled = register.certificates.some((c) => c.machine === request.machine && c.publicKey === request.publicKey);
      return { file, role: request.role, machine: request.machine, fingerprint: checked.value.fingerprint, state: refused ? 'refused' : enrolled ? 'enrolled' : 'waiting', problem: refused };
    });
    const enrolled = register.certificates
      .filter((c) => c.comune === this.comune)
      .map((c) => ({ role: c.role, machine: c.machine, fingerprint: fingerprint(fromBase64(c.publicKey)) }))
      .sort((a, b) => (a.role === b.role ? (a.machine < b.machine ? -1 : 1) : a.role === 'console' ? -1 : 1));
    return { comune: this.comune, requests, enrolled, problems, drive: this.drive !== null };
  }

  /** Signs the certificate of one request on the drive, after the staff compared its fingerprint. */
  enrol(file: string): Answer<MachinesView> {
    const problems: PreparationProblem[] = [];
    const found = this.#requests(problems).find((r) => r.file === file);
    if (!this.drive) return { ok: false, problems: [{ code: 'no-drive', params: {} }] };
    if (!found) return { ok: false, problems: problems.length > 0 ? problems : [{ code: 'request-unknown', params: { file: file.slice(0, 120) } }] };
    if (!found.checked.ok) return { ok: false, problems: [found.checked.error] };
    const checked: CheckedRequest = found.checked.value;
    const register = readRegister(this.crypto, this.register, this.key.publicKey);
    const refused = registerAllows(checked, register.certificates);
    if (refused) return { ok: false, problems: [refused] };
    const signed = signEnrolment(this.crypto, this.key, this.comune, checked);
    const name = `${checked.request.machine}.json`;
    for (const dir of [this.register, join(this.drive, CERTIFICATES_FOLDER)]) {
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        writeFileSync(join(dir, name), signed.bytes);
        writeFileSync(join(dir, `${name}.sig`), encodeSidecar(signed.sidecar));
      } catch (error) {
        return { ok: false, problems: [{ code: 'drive-write', params: { file: join(dir === this.register ? 'register' : CERTIFICATES_FOLDER, name), reason: (error as NodeJS.ErrnoException).code ?? 'error' } }] };
      }
    }
    this.log(`${checked.request.role} ${checked.request.machine} enrolled for comune ${this.comune}, fingerprint ${checked.fingerprint}`);
    return { ok: true, view: this.view() };
  }
}
