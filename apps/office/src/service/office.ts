// The office service (docs/design.md §7), plain Node: it receives each section's public export and its
// turnout, judges them one at a time, keeps them in its store, and tells listeners when the figures
// change. The HTTP side is in server.ts; the words are in the renderer and in english.ts.
import { EventEmitter } from 'node:events';
import { comuneTally, documentBytes, encodeSidecar, parseElection, parseSidecar, verifySidecar, type ComuneTally, type Election } from '@seggio/ballot-core';
import { assertSelfTest, type SeggioCrypto, type SigningKeyPair } from '@seggio/crypto';
import type { Channel, OfficeView, PreparingView, ResultsView, SubmissionView } from '../shared/api.js';
import { problem, type Problem } from '../shared/codes.js';
import { ARCHIVE_LIMITS } from './archive.js';
import { judge, type OfficeContext } from './checks.js';
import { describe } from './english.js';
import { acceptedTallies, resultsView } from './results.js';
import { Intake, type IntakeAnswer } from './intake.js';
import { OfficeStore, OfficeStoreError, type Identified, type SubmissionRow } from './store.js';
import { judgeTurnout, type TurnoutSubmission } from './turnout.js';

export interface OfficeConfig {
  /** The store's file; null for one in memory (tests of the parts only). */
  readonly storePath: string | null;
  /**
   * election.json as signed, and its .sig; none for an office that takes the election its store holds, or,
   * with none there, the first package its staff sign (docs/design.md §7).
   */
  readonly electionBytes?: Uint8Array | null;
  readonly electionSignature?: Uint8Array | null;
  /** The office's signing key, which signed the election. */
  readonly key: SigningKeyPair;
  readonly log?: (line: string) => void;
}

export type TurnoutAnswer = { readonly ok: true; readonly state: 'accepted' | 'conflict'; readonly problems: readonly Problem[] } | { readonly ok: false; readonly problems: readonly Problem[] };

const view = (r: SubmissionRow): SubmissionView => ({
  id: r.id, receivedAt: r.receivedAt, channel: r.channel, origin: r.origin, digest: r.digest, state: r.state, problems: r.problems, section: r.section, tallyDigest: r.tallyDigest,
});

/** The election the office receives the day of, once it has one. */
interface Day {
  readonly election: Election;
  readonly ctx: OfficeContext;
}

export class Office extends EventEmitter<{ change: []; ready: [] }> {
  readonly store: OfficeStore;
  /** Where the public page can be read, once served: shown to the staff. */
  publicUrl = '';
  #day: Day | null = null;
  #results: ResultsView | null = null;
  /** Each section's public export, judged one at a time in arrival order. */
  readonly #intake: Intake<SubmissionRow, Identified>;

  private constructor(readonly crypto: SeggioCrypto, readonly config: OfficeConfig) {
    super();
    this.store = config.storePath === null ? OfficeStore.memory() : OfficeStore.open(config.storePath);
    this.#intake = new Intake({
      noun: 'submission', limit: ARCHIVE_LIMITS.bytes, store: this.store, current: (id) => this.store.submission(id),
      judge: (archive) => judge(this.ctx, archive), digest: (bytes) => crypto.sha256Hex(bytes), view,
      changed: () => this.emit('change'), log: config.log,
    });
    if (config.electionBytes) {
      this.#bind(config.electionBytes, config.electionSignature ?? null);
      return;
    }
    const held = this.store.election();
    if (!held) return;
    // The election a restarted office finds in its store: still signed by the key it is given.
    const sidecar = held.signature ? parseSidecar(held.signature) : null;
    if (!sidecar?.ok || !verifySidecar(crypto, held.bytes, sidecar.value, config.key.publicKey).ok) {
      this.store.close();
      throw new OfficeStoreError(held.signature ? `the store's election ${held.digest} is not signed by this office's key: start the office with the key that signed it` : `the store's election ${held.digest} was kept without its signature: start the office with --election once`);
    }
    this.#bind(held.bytes, held.signature);
  }

  #bind(bytes: Uint8Array, signature: Uint8Array | null): void {
    const parsed = parseElection(bytes);
    if (!parsed.ok) throw new Error(`the election package is not valid: ${parsed.error.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    const electionDigest = this.crypto.sha256Hex(bytes);
    this.store.bindElection(bytes, electionDigest, signature);
    this.#day = { election: parsed.value, ctx: { crypto: this.crypto, store: this.store, election: parsed.value, electionDigest, officeKey: this.config.key.publicKey } };
  }

  /** Whether the office has its election: until then it only prepares, and receives nothing. */
  get ready(): boolean {
    return this.#day !== null;
  }

  get election(): Election {
    return this.#needDay().election;
  }

  get ctx(): OfficeContext {
    return this.#needDay().ctx;
  }

  #needDay(): Day {
    if (!this.#day) throw new OfficeStoreError('the office has no election yet: its staff prepare and sign the package first');
    return this.#day;
  }

  /**
   * The package the staff signed becomes the office's election, with no restart: intake, turnout and
   * results open. Taking the very election the office has is nothing; another one is refused by the store.
   */
  adopt(bytes: Uint8Array, signature: Uint8Array): void {
    if (this.#day) return void this.store.bindElection(bytes, this.crypto.sha256Hex(bytes), signature);
    this.#bind(bytes, signature);
    this.#intake.log(`office: election ${this.election.id} signed by its staff, sha256 ${this.ctx.electionDigest}: intake, turnout and results open`);
    this.emit('ready');
    this.#intake.changed();
  }

  /** Refuses to start if the crypto self-test fails; then judges what a killed office had received and not judged. */
  static async start(crypto: SeggioCrypto, config: OfficeConfig): Promise<Office> {
    assertSelfTest(crypto);
    const office = new Office(crypto, config);
    await office.#intake.judgeUnsettled();
    return office;
  }

  get version(): number {
    return this.#intake.version;
  }

  /** A section's public export, as an archive: kept as received, then judged. Replayed bytes get the first answer. */
  async submit(channel: Channel, origin: string, archive: Uint8Array): Promise<IntakeAnswer> {
    if (!this.ready) return { ok: false, problems: [problem('no-election', {})] };
    return this.#intake.submit(channel, origin, archive);
  }

  turnout(input: TurnoutSubmission): TurnoutAnswer {
    if (!this.ready) return { ok: false, problems: [problem('no-election', {})] };
    const j = judgeTurnout(this.ctx, input);
    switch (j.kind) {
      case 'refused':
        this.#intake.log(`turnout refused: ${j.problems.map(describe).join('; ')}`);
        return { ok: false, problems: j.problems };
      case 'held':
        return { ok: true, state: j.row.state, problems: [] };
      case 'keep': {
        const row = this.store.addTurnout(j.row);
        this.#intake.log(`turnout of section ${row.section} at ${row.checkpoint} ${row.state}`);
        this.#intake.changed();
        return { ok: true, state: row.state, problems: j.problems };
      }
      default:
        return j satisfies never;
    }
  }

  /** The comune tally of the accepted sections, and its signature sidecar, over the exact bytes. */
  comuneTally(): { document: ComuneTally; bytes: Uint8Array; signature: string } {
    const document = comuneTally({
      election: this.ctx.electionDigest, comune: this.election.comune.istat, sectionsTotal: this.election.sections.length,
      scrutinyOrder: this.election.scrutinyOrder, sections: acceptedTallies(this.store),
    });
    const bytes = documentBytes(document);
    return { document, bytes, signature: encodeSidecar({ signer: this.config.key.publicKey, signature: this.crypto.sign(bytes, this.config.key) }) };
  }

  /**
   * The figures as they stand, summed again only once they have changed: every reader of the public page
   * (and the JSON feed) asks for them on each update, and each asking re-read and re-summed every section.
   */
  results(): ResultsView {
    if (this.#results?.version !== this.version) this.#results = resultsView(this.election, this.ctx.electionDigest, this.store, this.version);
    return this.#results;
  }

  /** What the staff see before the office has its election: the preparation only. */
  preparingView(): PreparingView {
    return { preparing: true, publicUrl: this.publicUrl };
  }

  view(): OfficeView {
    const submissions = this.store.submissions();
    const turnout = this.store.turnoutFigures();
    return {
      results: this.results(),
      sections: this.election.sections.map((s) => ({
        id: s.id, name: s.name,
        accepted: submissions.find((x) => x.section === s.id && x.state === 'accepted')?.id ?? null,
        unmatched: submissions.some((x) => x.section === s.id && x.state === 'accepted' && x.problems.some((p) => p.code === 'no-turnout-reported')),
        conflicts: submissions.filter((x) => x.section === s.id && x.state === 'conflict').length,
        turnout: this.election.turnoutCheckpoints.map((c) => c.id).filter((c) => turnout.some((t) => t.section === s.id && t.checkpoint === c && t.state === 'accepted')),
      })),
      submissions: submissions.slice(0, 200).map(view),
      turnoutFlags: turnout.filter((t) => t.state === 'conflict').map((t) => ({
        id: t.id, section: t.section, checkpoint: t.checkpoint,
        problems: [problem('turnout-other-setup', { section: t.section, setup: t.setup, turnoutSetup: this.store.reportedSetup(t.section) ?? '' })],
      })),
      publicUrl: this.publicUrl,
      archiveLimit: ARCHIVE_LIMITS.bytes,
      folder: this.#intake.folder,
      timeZone: this.election.timezone,
    };
  }

  /** A file of the import folder not read: shown to the staff. */
  folderRefused(p: Problem): void {
    this.#intake.folderRefused(p);
  }

  /** Waits for the judgements under way, then closes the store. */
  async close(): Promise<void> {
    await this.#intake.close();
  }
}
