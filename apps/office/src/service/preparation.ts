// The package of the day, prepared at the office (docs/election-package.md): built from the spreadsheets
// the staff upload, with the CLI's builder; signed with the office key; written to the removable drive
// with office.pub and a printable summary. One package at a time, kept in memory until written.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSidecar, signBytes, type Election, type SignatureSidecar } from '@seggio/ballot-core';
import { buildElection, folderFromEntries, type DerivedRules } from '@seggio/cli/library';
import { fingerprint, toBase64, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import type { Answer, PackageView, PreparationProblem } from '../shared/preparation.js';
import { summaryPdf } from './summary-pdf.js';

/** What the drive receives: the console and the booths read the first three (docs/design.md §2). */
export const DRIVE_FILES = ['election.json', 'election.json.sig', 'office.pub', 'riepilogo-elezione.pdf'] as const;

interface Draft {
  readonly bytes: Uint8Array;
  readonly election: Election;
  readonly rules: readonly DerivedRules[];
  readonly digest: string;
  signature: SignatureSidecar | null;
  signedAt: Date | null;
  written: readonly string[];
}

export class Preparation {
  #draft: Draft | null = null;

  constructor(readonly crypto: SeggioCrypto, readonly key: SigningKeyPair, readonly drive: string | null, readonly log: (line: string) => void = () => {}) {}

  view(): PackageView {
    const d = this.#draft;
    return {
      state: !d ? 'none' : d.written.length > 0 ? 'written' : d.signature ? 'signed' : 'built',
      title: d?.election.title ?? null,
      comune: d ? `${d.election.comune.name} (${d.election.comune.istat})` : null,
      training: d?.election.training === true,
      digest: d?.digest ?? null,
      contests: d ? d.election.scrutinyOrder.map((id) => d.election.contests.find((c) => c.id === id)!).map((c) => ({ id: c.id, type: c.type, title: c.title })) : [],
      sections: d?.election.sections.length ?? 0,
      rules: d?.rules ?? [],
      signer: d?.signature ? fingerprint(this.key.publicKey) : null,
      written: d?.written ?? [],
      drive: this.drive !== null,
    };
  }

  /** The package's bytes as built, for the preview; null before a build. */
  get electionBytes(): Uint8Array | null {
    return this.#draft?.bytes ?? null;
  }

  /** A new build replaces the previous package, signed or not: what is signed is always what was last shown. */
  build(files: readonly { readonly name: string; readonly bytes: Uint8Array }[]): Answer<PackageView> {
    const result = buildElection(folderFromEntries(files));
    if (!result.ok) {
      this.log(`package build refused: ${result.problems.length} problems`);
      return { ok: false, problems: result.problems };
    }
    this.#draft = { bytes: result.bytes, election: result.election, rules: result.rules, digest: this.crypto.sha256Hex(result.bytes), signature: null, signedAt: null, written: [] };
    this.log(`package ${result.election.id} built from ${files.length} files, sha256 ${this.#draft.digest}`);
    return { ok: true, view: this.view() };
  }

  sign(): Answer<PackageView> {
    const d = this.#draft;
    if (!d) return { ok: false, problems: [{ code: 'nothing-built', params: {} }] };
    d.signature = signBytes(this.crypto, d.bytes, this.key);
    d.signedAt = new Date();
    d.written = [];
    this.log(`package ${d.election.id} signed, sha256 ${d.digest}`);
    return { ok: true, view: this.view() };
  }

  /** election.json, its .sig, office.pub and the summary, each written whole or the refusal says which failed. */
  async writeDrive(): Promise<Answer<PackageView>> {
    const d = this.#draft;
    if (!this.drive) return { ok: false, problems: [{ code: 'no-drive', params: {} }] };
    if (!d) return { ok: false, problems: [{ code: 'nothing-built', params: {} }] };
    if (!d.signature || !d.signedAt) return { ok: false, problems: [{ code: 'not-signed', params: {} }] };
    const pdf = await summaryPdf({ election: d.election, digest: d.digest, rules: d.rules, signer: fingerprint(this.key.publicKey), signedAt: d.signedAt });
    const contents: Record<(typeof DRIVE_FILES)[number], Uint8Array | string> = {
      'election.json': d.bytes,
      'election.json.sig': encodeSidecar(d.signature),
      'office.pub': `${toBase64(this.key.publicKey)}\n`,
      'riepilogo-elezione.pdf': pdf,
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
    d.written = [...DRIVE_FILES];
    this.log(`package ${d.election.id} written to the drive ${this.drive}`);
    return { ok: true, view: this.view() };
  }
}
