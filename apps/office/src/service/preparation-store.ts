// The preparation of the day in the office's store (migration 3): the package being prepared with the
// folder it was built from, the problems of the last build, every package signed and every certificate
// issued, each kept as written, so that an office started again shows what was prepared, byte for byte.
import type Database from 'better-sqlite3';
import type { DerivedRules } from '@seggio/cli/library';
import type { PreparationProblem } from '../shared/preparation.js';

export interface SignedPackageRow {
  readonly id: number;
  readonly signedAt: string;
  readonly digest: string;
  readonly election: Uint8Array;
  /** election.json.sig as written to the drive. */
  readonly signature: Uint8Array;
  /** riepilogo-elezione.pdf as written to the drive. */
  readonly summary: Uint8Array;
}

export interface DraftRow {
  readonly builtAt: string;
  readonly election: Uint8Array;
  readonly digest: string;
  readonly rules: readonly DerivedRules[];
  /** The signature of this very package, once signed; a new build starts unsigned. */
  readonly signed: SignedPackageRow | null;
  readonly written: readonly string[];
}

export interface AttemptRow {
  readonly at: string;
  readonly files: number;
  readonly problems: readonly PreparationProblem[];
}

export interface CertificateRow {
  readonly machine: string;
  readonly issuedAt: string;
  readonly comune: string;
  readonly role: 'console' | 'booth';
  readonly publicKey: string;
  /** The request's file on the drive it was enrolled from. */
  readonly request: string;
  readonly document: Uint8Array;
  readonly signature: Uint8Array;
}

interface RawSigned {
  id: number;
  signed_at: string;
  digest: string;
  election: Buffer;
  signature: Buffer;
  summary: Buffer;
}

const signedRow = (r: RawSigned): SignedPackageRow => ({ id: r.id, signedAt: r.signed_at, digest: r.digest, election: r.election, signature: r.signature, summary: r.summary });

export class PreparationRecords {
  constructor(private readonly db: Database.Database) {}

  draft(): DraftRow | null {
    const r = this.db.prepare('SELECT built_at, election, digest, rules, signed, written FROM package_draft WHERE id = 1').get() as
      | { built_at: string; election: Buffer; digest: string; rules: string; signed: number | null; written: string }
      | undefined;
    if (!r) return null;
    const signed = r.signed === null ? null : this.signedPackage(r.signed);
    return { builtAt: r.built_at, election: r.election, digest: r.digest, rules: JSON.parse(r.rules) as DerivedRules[], signed, written: JSON.parse(r.written) as string[] };
  }

  /** The folder the package shown was built from: each file's name and its exact bytes. */
  draftFiles(): { name: string; bytes: Uint8Array }[] {
    return (this.db.prepare('SELECT name, bytes FROM draft_files ORDER BY name').all() as { name: string; bytes: Buffer }[]).map((f) => ({ name: f.name, bytes: f.bytes }));
  }

  attempt(): AttemptRow | null {
    const r = this.db.prepare('SELECT at, files, problems FROM build_attempt WHERE id = 1').get() as { at: string; files: number; problems: string } | undefined;
    return r ? { at: r.at, files: r.files, problems: JSON.parse(r.problems) as PreparationProblem[] } : null;
  }

  /** A folder built: it replaces the package shown, and its folder, in one transaction. */
  built(input: { files: readonly { name: string; bytes: Uint8Array }[]; election: Uint8Array; digest: string; rules: readonly DerivedRules[] }): void {
    const at = new Date().toISOString();
    this.db.transaction(() => {
      this.db.prepare('INSERT OR REPLACE INTO package_draft (id, built_at, election, digest, rules, signed, written) VALUES (1, ?, ?, ?, ?, NULL, ?)').run(at, input.election, input.digest, JSON.stringify(input.rules), '[]');
      this.db.prepare('DELETE FROM draft_files').run();
      const insert = this.db.prepare('INSERT INTO draft_files (name, bytes) VALUES (?, ?)');
      for (const f of input.files) insert.run(f.name, f.bytes);
      this.#attempt(at, input.files.length, []);
    })();
  }

  /** A folder refused: the package shown stays, the problems are kept beside it. */
  refused(files: number, problems: readonly PreparationProblem[]): void {
    this.#attempt(new Date().toISOString(), files, problems);
  }

  #attempt(at: string, files: number, problems: readonly PreparationProblem[]): void {
    this.db.prepare('INSERT OR REPLACE INTO build_attempt (id, at, files, problems) VALUES (1, ?, ?, ?)').run(at, files, JSON.stringify(problems));
  }

  /** The package shown, signed: kept among the signed packages, and marked on the draft, in one transaction. */
  signed(input: { signedAt: string; digest: string; election: Uint8Array; signature: Uint8Array; summary: Uint8Array }): SignedPackageRow {
    return this.db.transaction(() => {
      const info = this.db.prepare('INSERT INTO signed_packages (signed_at, digest, election, signature, summary) VALUES (?, ?, ?, ?, ?)').run(input.signedAt, input.digest, input.election, input.signature, input.summary);
      const id = Number(info.lastInsertRowid);
      this.db.prepare("UPDATE package_draft SET signed = ?, written = '[]' WHERE id = 1 AND digest = ?").run(id, input.digest);
      return this.signedPackage(id)!;
    })();
  }

  written(files: readonly string[]): void {
    this.db.prepare('UPDATE package_draft SET written = ? WHERE id = 1').run(JSON.stringify(files));
  }

  signedPackage(id: number): SignedPackageRow | null {
    const r = this.db.prepare('SELECT * FROM signed_packages WHERE id = ?').get(id) as RawSigned | undefined;
    return r ? signedRow(r) : null;
  }

  signedPackages(): SignedPackageRow[] {
    return (this.db.prepare('SELECT * FROM signed_packages ORDER BY id').all() as RawSigned[]).map(signedRow);
  }

  certificates(): CertificateRow[] {
    const rows = this.db.prepare('SELECT * FROM certificates ORDER BY issued_at, machine').all() as Record<string, unknown>[];
    return rows.map((r) => ({
      machine: r.machine as string,
      issuedAt: r.issued_at as string,
      comune: r.comune as string,
      role: r.role as CertificateRow['role'],
      publicKey: r.public_key as string,
      request: r.request as string,
      document: r.document as Buffer,
      signature: r.signature as Buffer,
    }));
  }

  certificate(machine: string): CertificateRow | undefined {
    return this.certificates().find((c) => c.machine === machine);
  }

  issued(row: Omit<CertificateRow, 'issuedAt'>): void {
    this.db
      .prepare('INSERT INTO certificates (machine, issued_at, comune, role, public_key, request, document, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.machine, new Date().toISOString(), row.comune, row.role, row.publicKey, row.request, row.document, row.signature);
  }
}
