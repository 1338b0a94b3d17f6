// The set-up (docs/design.md §2 steps 1–3): the election package, the keys and their shares, the
// console's certificate and the pairing of the booths.
import QRCode from 'qrcode';
import { documentBytes, parseElection, parseSidecar, type Setup } from '@seggio/ballot-core';
import { err, fingerprint, ok, splitUrnaKey, toBase64, type Result } from '@seggio/crypto';
import { MachineIdentity } from '@seggio/link';
import type { PackageEntry, PackageNames } from '../shared/api.js';
import { refusal, type Refusal } from '../shared/refusals.js';
import { BOOTH_REFUSED, certificateRefusal } from './certificate-refusal.js';
import { advance, setUp, type ConsoleContext } from './context.js';
import { listPackages, readPackage } from './folders.js';
import type { ConsoleLink } from './link-side.js';
import { sharePdf } from './share-pdf.js';

export class SetupPart {
  constructor(
    private readonly ctx: ConsoleContext,
    private readonly link: ConsoleLink,
  ) {}

  /** Loads the election package, verified against the pinned office key. */
  loadElection(input: { bytes: Uint8Array; signature: Uint8Array; names?: PackageNames }): Result<{ digest: string }, Refusal[]> {
    const { crypto, config, store } = this.ctx;
    if (store.phase() !== 'no-election') return err([refusal('already-loaded')]);
    const names = input.names ?? { package: 'election.json', signature: 'election.json.sig' };
    const sidecar = parseSidecar(input.signature);
    if (!sidecar.ok) return err([refusal('package-sig-unreadable', { file: names.signature, reason: sidecar.error })]);
    // Another office's key, or the wrong key configured: both fingerprints, for the president to compare.
    if (toBase64(sidecar.value.signer) !== toBase64(config.officeKey)) {
      return err([refusal('package-other-key', { file: names.signature, signer: fingerprint(sidecar.value.signer), expected: fingerprint(config.officeKey) })]);
    }
    // The office's key over other bytes: the reason is the verifier's own word for it (bad-signature …).
    const rejection = crypto.checkSignature(input.bytes, sidecar.value.signature, sidecar.value.signer);
    if (rejection !== null) return err([refusal('package-signature', { file: names.signature, reason: rejection })]);
    const parsed = parseElection(input.bytes);
    if (!parsed.ok) return err(parsed.error.map((p) => refusal('package-invalid', { file: names.package, path: p.path, reason: p.message })));
    const digest = crypto.sha256Hex(input.bytes);
    store.transaction(() => {
      store.setElection({ bytes: toBase64(input.bytes), signature: toBase64(sidecar.value.signature), digest });
      advance(store, { type: 'load-election', digest });
    });
    this.ctx.election = parsed.value;
    this.ctx.events.emit('view');
    return ok({ digest });
  }

  /** The election packages in the import folder: each `*.json` with, or without, its `.sig`. */
  listPackages(): Result<PackageEntry[], Refusal> {
    return listPackages(this.ctx.config.packagesDir);
  }

  /** Loads a package from the import folder by its file name (never a path). */
  loadPackage(input: { file: string }): Result<{ digest: string }, Refusal[]> {
    const read = readPackage(this.ctx.config.packagesDir, input.file);
    return read.ok ? this.loadElection({ ...read.value, names: { package: input.file, signature: `${input.file}.sig` } }) : read;
  }

  /**
   * Picks the section, creates the console key and the urna key, and splits the urna secret among the
   * seat members: the shares are returned once and no copy of the secret is kept (R19).
   */
  async createKeys(input: { section: string; threshold?: number; count?: number }): Promise<Result<{ shares: string[]; qrCodes: string[]; pdfs: string[]; urnaFingerprint: string }, Refusal>> {
    const { crypto, store, key } = this.ctx;
    const election = this.ctx.election;
    if (store.phase() !== 'setup' || !election || store.keys()) return err(refusal('keys-once'));
    if (!election.sections.some((s) => s.id === input.section)) return err(refusal('section-unknown', { section: input.section }));
    const threshold = input.threshold ?? 3;
    const count = input.count ?? 5;
    if (!Number.isInteger(threshold) || !Number.isInteger(count) || threshold < 2 || count < threshold || count > 20) return err(refusal('shares-range', { k: threshold, n: count }));
    const urna = crypto.generateBoxKeyPair();
    const shares = await splitUrnaKey(crypto, urna, { threshold, count });
    urna.secretKey.fill(0);
    store.transaction(() => {
      store.setKeys({ section: input.section, urnaPublicKey: toBase64(urna.publicKey), shares: { threshold, count } });
      store.appendLog('keys-created', { console: fingerprint(key.publicKey), urna: fingerprint(urna.publicKey), threshold, count });
    });
    this.ctx.events.emit('view');
    const qrCodes = await Promise.all(shares.map(async (share) => `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(share, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })).toString('base64')}`));
    const urnaFingerprint = fingerprint(urna.publicKey);
    // One sheet per seat member, to print: made here with the shares, and like them never kept.
    const paper = { election, section: input.section, count, threshold, urnaFingerprint };
    const pdfs = await Promise.all(shares.map(async (share, i) => toBase64(await sharePdf({ ...paper, share, index: i + 1 }))));
    return ok({ shares, qrCodes, pdfs, urnaFingerprint });
  }

  /** The set-up document as it stands (docs/bundle-format.md): the booths paired so far; null before the keys. */
  setupDocument(): Setup | null {
    const done = setUp(this.ctx);
    if (!done) return null;
    return {
      format: 'seggio/setup@1',
      election: done.stored.digest,
      section: done.keys.section,
      console: toBase64(this.ctx.key.publicKey),
      // Empty until the console is enrolled: no booth pairs before that, and the verifier refuses it.
      consoleMachine: this.ctx.identity.enrolment?.certificate.machine ?? '',
      urnaPublicKey: done.keys.urnaPublicKey,
      booths: this.ctx.store.booths().map((b) => ({ id: b.id, publicKey: b.publicKey, machine: b.machine })),
      shares: done.keys.shares,
    };
  }

  /** The certificate files on the drive (its `macchine/` folder), for the president to import the console's. */
  listCertificates(): string[] {
    return MachineIdentity.listDrive(this.ctx.config.packagesDir);
  }

  /** Imports the console's certificate from the drive: refused unless the office signed it for this console's key. */
  importCertificate(input: { file: string }): Result<{ machine: string }, Refusal> {
    const { crypto, config, store, identity, key } = this.ctx;
    // The booths paired so far hold this console's key and machine id from its certificate.
    if (store.booths().length > 0) return err(refusal('certificate-after-pairing'));
    const imported = identity.importFromDrive(crypto, config.packagesDir, input.file, config.officeKey);
    if (!imported.ok) return err(certificateRefusal(imported.error));
    store.transaction(() => store.appendLog('certificate-imported', { machine: imported.value.machine, fingerprint: fingerprint(key.publicKey) }));
    this.ctx.events.emit('view');
    return ok({ machine: imported.value.machine });
  }

  /**
   * The president confirms the fingerprint and machine id the booth shows; the booth is pinned and sent
   * the set-up, which carries the console's certificate. Only an enrolled console of this comune pairs.
   */
  pairBooth(input: { fingerprint: string; id?: string }): Result<{ booth: string }, Refusal> {
    const { crypto, store, identity, key } = this.ctx;
    const done = setUp(this.ctx);
    const document = this.setupDocument();
    if (store.phase() !== 'setup' || !done || !document) return err(refusal('pair-when'));
    const own = identity.enrolment;
    const wire = identity.wire;
    if (!own || !wire) return err(refusal('console-unenrolled', { fingerprint: fingerprint(key.publicKey) }));
    const comune = done.election.comune.istat;
    if (own.certificate.comune !== comune) return err(refusal('console-other-comune', { machine: own.certificate.machine, comune: own.certificate.comune, expected: comune }));
    const waiting = this.link.waitingBooth(input.fingerprint);
    if (!waiting) return err(refusal('pair-unknown', { fingerprint: input.fingerprint }));
    // Checked again now: the election (its comune) may have come after the booth, another booth may have paired the machine.
    const admitted = this.link.admitBooth(waiting.publicKey, waiting.wire);
    if (!admitted.ok) {
      this.link.refuseBooth(waiting.publicKey, admitted.machine, admitted.reason);
      return err(refusal(BOOTH_REFUSED[admitted.reason], { fingerprint: input.fingerprint, machine: admitted.machine }));
    }
    const id = input.id ?? `B${store.booths().length + 1}`;
    if (!/^[A-Za-z0-9._-]{1,32}$/.test(id) || store.booth(id)) return err(refusal('pair-id', { id }));
    const publicKey = toBase64(waiting.publicKey);
    const machine = admitted.enrolment.certificate.machine;
    const setup = documentBytes({ ...document, booths: [...document.booths, { id, publicKey, machine }] });
    store.transaction(() => {
      store.addBooth({ id, publicKey, machine, certificate: JSON.stringify(waiting.wire), setup: toBase64(setup) });
      store.appendLog('booth-paired', { booth: id, fingerprint: input.fingerprint, machine });
      this.link.queue(id, {
        type: 'setup',
        booth: id,
        election: { bytes: done.stored.bytes, signature: done.stored.signature },
        setup: { bytes: toBase64(setup), signature: toBase64(crypto.sign(setup, key)) },
        consoleCertificate: wire,
      });
    });
    // Only the set-up goes now: the booth pins this console from it, then says hello again for the rest.
    this.link.adopt(input.fingerprint, id);
    this.ctx.events.emit('view');
    return ok({ booth: id });
  }
}
