// The package of the day, prepared at the office (docs/election-package.md): built from the spreadsheets
// the staff upload, with the CLI's builder; signed with the office key; written to the removable drive
// with office.pub and a printable summary. One package at a time, kept in the office's store as it goes
// (the folder, the problems, the signature and the summary as written), so a restarted office shows it
// again. The first package signed becomes the office's election (Office.adopt).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSidecar, ITALY_TIME_ZONE, parseElection, signBytes, type Election } from '@seggio/ballot-core';
import { buildElection, folderFromEntries } from '@seggio/cli/library';
import { fingerprint, toBase64, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import type { Answer, PackageView, PreparationProblem } from '../shared/preparation.js';
import { Enrolment } from './enrolment.js';
import type { Office } from './office.js';
import type { DraftRow } from './preparation-store.js';
import { summaryPdf } from './summary-pdf.js';

/** What the drive receives: the console and the booths read the first three (docs/design.md §2). */
export const DRIVE_FILES = ['election.json', 'election.json.sig', 'office.pub', 'riepilogo-elezione.pdf'] as const;

export class Preparation {
  /** The draft's election, parsed once per digest. */
  #parsed: { digest: string; election: Election } | null = null;

  constructor(readonly crypto: SeggioCrypto, readonly key: SigningKeyPair, readonly drive: string | null, readonly office: Office, readonly log: (line: string) => void = () => {}) {}

  get #records() {
    return this.office.store.preparation;
  }

  #election(d: DraftRow): Election {
    if (this.#parsed?.digest !== d.digest) {
      const parsed = parseElection(d.election);
      // The store holds only what the builder made and checked.
      if (!parsed.ok) throw new Error(`the package kept in the store (sha256 ${d.digest}) no longer parses: ${parsed.error[0]?.message ?? ''}`);
      this.#parsed = { digest: d.digest, election: parsed.value };
    }
    return this.#parsed.election;
  }

  /** The comune of the package prepared, for enrolling machines before the office has its election. */
  get comune(): string | null {
    const d = this.#records.draft();
    return d ? this.#election(d).comune.istat : null;
  }

  view(): PackageView {
    const d = this.#records.draft();
    const e = d && this.#election(d);
    const attempt = this.#records.attempt();
    return {
      state: !d ? 'none' : d.written.length > 0 ? 'written' : d.signed ? 'signed' : 'built',
      title: e?.title ?? null,
      comune: e ? `${e.comune.name} (${e.comune.istat})` : null,
      training: e?.training === true,
      digest: d?.digest ?? null,
      contests: e ? e.scrutinyOrder.map((id) => e.contests.find((c) => c.id === id)!).map((c) => ({ id: c.id, type: c.type, title: c.title })) : [],
      sections: e?.sections.length ?? 0,
      rules: d?.rules ?? [],
      signer: d?.signed ? fingerprint(this.key.publicKey) : null,
      signedAt: d?.signed?.signedAt ?? null,
      written: d?.written ?? [],
      drive: this.drive !== null,
      builtAt: d?.builtAt ?? null,
      folder: this.#records.draftFiles().map((f) => ({ name: f.name, bytes: f.bytes.length })),
      problems: attempt?.problems ?? [],
      refusedAt: attempt && attempt.problems.length > 0 ? attempt.at : null,
      officeElection: this.office.ready ? this.office.ctx.electionDigest : null,
      timeZone: e?.timezone ?? (this.office.ready ? this.office.election.timezone : ITALY_TIME_ZONE),
    };
  }

  /** The package's bytes as built, for the preview; null before a build. */
  get electionBytes(): Uint8Array | null {
    return this.#records.draft()?.election ?? null;
  }

  /**
   * A new build replaces the package shown while it is not signed. Once the office has its election (the first package
   * signed, or --election) that package is final: the same package built again leaves it as it is, and another is refused
   * here, before anything is shown as if it could be signed, with the refused folder's problems kept apart from it.
   */
  build(files: readonly { readonly name: string; readonly bytes: Uint8Array }[]): Answer<PackageView> {
    const result = buildElection(folderFromEntries(files));
    if (!result.ok) return this.#refused(files.length, result.problems);
    const digest = this.crypto.sha256Hex(result.bytes);
    if (this.office.ready) {
      const officeDigest = this.office.ctx.electionDigest;
      if (digest !== officeDigest) return this.#refused(files.length, [{ code: 'office-other-election', params: { digest, officeDigest } }]);
      if (this.#records.draft()?.digest === digest) {
        this.#records.refused(files.length, []);
        this.log(`package ${result.election.id} built again from ${files.length} files: the same as the office's election, kept as it is`);
        return { ok: true, view: this.view() };
      }
    }
    this.#records.built({ files, election: result.bytes, digest, rules: result.rules });
    this.log(`package ${result.election.id} built from ${files.length} files, sha256 ${digest}`);
    return { ok: true, view: this.view() };
  }

  #refused(files: number, problems: readonly PreparationProblem[]): Answer<PackageView> {
    this.#records.refused(files, problems);
    this.log(`package build refused: ${problems.length} problems`);
    return { ok: false, problems };
  }

  /**
   * Signs the package shown and makes its summary, both kept as they will be written, once per package. The first package
   * signed becomes the office's election; a package of another election is refused (built before the office had one,
   * in a store kept from then).
   */
  async sign(): Promise<Answer<PackageView>> {
    const d = this.#records.draft();
    if (!d) return { ok: false, problems: [{ code: 'nothing-built', params: {} }] };
    if (this.office.ready && this.office.ctx.electionDigest !== d.digest) return { ok: false, problems: [{ code: 'office-other-election', params: { digest: d.digest, officeDigest: this.office.ctx.electionDigest } }] };
    // Signed once: asked again (a second click) it is the signature kept, as written.
    if (d.signed) return { ok: true, view: this.view() };
    const election = this.#election(d);
    const signedAt = new Date();
    const signature = new TextEncoder().encode(encodeSidecar(signBytes(this.crypto, d.election, this.key)));
    const summary = await summaryPdf({ election, digest: d.digest, rules: d.rules, signer: fingerprint(this.key.publicKey), signedAt });
    this.#records.signed({ signedAt: signedAt.toISOString(), digest: d.digest, election: d.election, signature, summary });
    this.log(`package ${election.id} signed, sha256 ${d.digest}`);
    this.office.adopt(d.election, signature);
    return { ok: true, view: this.view() };
  }

  /** election.json, its .sig, office.pub and the summary, as kept when signed; each written whole, or the refusal says which failed. */
  writeDrive(): Answer<PackageView> {
    const d = this.#records.draft();
    if (!this.drive) return { ok: false, problems: [{ code: 'no-drive', params: {} }] };
    if (!d) return { ok: false, problems: [{ code: 'nothing-built', params: {} }] };
    if (!d.signed) return { ok: false, problems: [{ code: 'not-signed', params: {} }] };
    const contents: Record<(typeof DRIVE_FILES)[number], Uint8Array | string> = {
      'election.json': d.election,
      'election.json.sig': d.signed.signature,
      'office.pub': `${toBase64(this.key.publicKey)}\n`,
      'riepilogo-elezione.pdf': d.signed.summary,
    };
    const problems: PreparationProblem[] = [];
    try {
      mkdirSync(this.drive, { recursive: true });
    } catch (error) {
      return { ok: false, problems: [{ code: 'drive-write', params: { file: this.drive, reason: (error as NodeJS.ErrnoException).code ?? 'error' } }] };
    }
    for (const name of DRIVE_FILES) {
      try {
        writeFileSync(join(this.drive, name), contents[name]);
      } catch (error) {
        problems.push({ code: 'drive-write', params: { file: name, reason: (error as NodeJS.ErrnoException).code ?? 'error' } });
      }
    }
    if (problems.length > 0) return { ok: false, problems };
    this.#records.written([...DRIVE_FILES]);
    this.log(`package ${this.#election(d).id} written to the drive ${this.drive}`);
    return { ok: true, view: this.view() };
  }
}

/**
 * The office's preparation of the day with its key and store: the package, and the machines enrolled for
 * the comune of its election or, before it has one, of the package being prepared.
 */
export function dayPreparation(office: Office, options: { readonly drive: string | null; readonly register: string; readonly log?: (line: string) => void }): { preparation: Preparation; enrolment: Enrolment } {
  const { crypto, config } = office;
  const preparation = new Preparation(crypto, config.key, options.drive, office, options.log);
  const comune = () => (office.ready ? office.election.comune.istat : preparation.comune);
  return { preparation, enrolment: new Enrolment(crypto, config.key, comune, options.drive, options.register, office.store.preparation, options.log) };
}
