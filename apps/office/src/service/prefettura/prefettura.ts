// The Prefettura mode of the office (docs/design.md §7): the same service sums a province. It receives
// each comune's package, judges one at a time (checks.ts), keeps every package in its store, and gives
// the province's turnout and results in the comune office's shapes, so the page, CSV and JSON are one.
import { EventEmitter } from 'node:events';
import { ITALY_TIME_ZONE, sumContests, type ContestTally, type Election, type SectionTally, type SummedContest } from '@seggio/ballot-core';
import { assertSelfTest, type SeggioCrypto } from '@seggio/crypto';
import type { Channel, CheckpointView, ContestTotals, PrefetturaView, ResultsView, SexCounts, SubmissionView } from '../../shared/api.js';
import type { Problem } from '../../shared/codes.js';
import { contestTotals, csvOf } from '../results.js';
import { judgeComune, type CountedComune, type PrefetturaContext } from './checks.js';
import { parsePrefetturaConfig, type PrefetturaConfig } from './config.js';
import { PACKAGE_LIMITS } from './package.js';
import { Intake, type IntakeAnswer } from '../intake.js';
import { PrefetturaStore, type ComuneIdentified, type PackageRow } from './store.js';

export interface PrefetturaOptions {
  readonly storePath: string | null;
  /** The configuration's bytes and its file's name (for the reasons it is refused with). */
  readonly configBytes: Uint8Array;
  readonly configFile: string;
  readonly log?: (line: string) => void;
}

/** contestTotals and tallyRows name a contest's choices from its definition only: a comune's, here. */
const naming = (definitions: Election['contests']) => ({ contests: definitions }) as unknown as Election;
const asTallies = (contests: readonly SummedContest[]): Pick<SectionTally, 'contests'> => ({ contests: contests.map((c): ContestTally => ({ ...c, ballots: { count: c.ballots, ballotsDigest: '', plaintextLength: 0 } })) });

const view = (r: PackageRow): SubmissionView => ({ id: r.id, receivedAt: r.receivedAt, channel: r.channel, origin: r.origin, digest: r.digest, state: r.state, problems: r.problems, section: r.comune, tallyDigest: r.tallyDigest });

export class Prefettura extends EventEmitter<{ change: [] }> {
  readonly store: PrefetturaStore;
  readonly config: PrefetturaConfig;
  readonly ctx: PrefetturaContext;
  publicUrl = '';
  #results: ResultsView | null = null;
  /** Each comune's package, judged one at a time in arrival order. */
  readonly #intake: Intake<PackageRow, ComuneIdentified>;

  private constructor(readonly crypto: SeggioCrypto, readonly options: PrefetturaOptions) {
    super();
    this.config = parsePrefetturaConfig(options.configBytes, options.configFile);
    this.store = PrefetturaStore.open(options.storePath);
    this.store.bindConfig(options.configBytes, crypto.sha256Hex(options.configBytes));
    this.ctx = { crypto, store: this.store, config: this.config };
    this.#intake = new Intake({
      noun: 'package', limit: PACKAGE_LIMITS.bytes, store: this.store, current: (id) => this.store.package(id),
      judge: (archive) => judgeComune(this.ctx, archive), digest: (bytes) => crypto.sha256Hex(bytes), view,
      changed: () => this.emit('change'), log: options.log,
    });
  }

  static async start(crypto: SeggioCrypto, options: PrefetturaOptions): Promise<Prefettura> {
    assertSelfTest(crypto);
    const p = new Prefettura(crypto, options);
    await p.#intake.judgeUnsettled();
    return p;
  }

  get version(): number {
    return this.#intake.version;
  }

  get archiveLimit(): number {
    return PACKAGE_LIMITS.bytes;
  }

  /** A comune's package: kept as received, then judged; the same bytes again get the first answer. */
  submit(channel: Channel, origin: string, archive: Uint8Array): Promise<IntakeAnswer> {
    return this.#intake.submit(channel, origin, archive);
  }

  #counted(): CountedComune[] {
    return this.store.accepted().map((r) => JSON.parse(r.counted!) as CountedComune);
  }

  /** The province's figures in the comune office's shape, summed again only once they have changed (as the office's). */
  results(): ResultsView {
    if (this.#results?.version !== this.version) this.#results = this.#sum();
    return this.#results;
  }

  #sum(): ResultsView {
    const counted = this.#counted();
    const order = this.config.contests.map((c) => c.id);
    const names = naming(counted[0]?.definitions ?? []);
    const name = (istat: string) => this.config.comuni.find((c) => c.istat === istat)?.name ?? istat;
    const totals = (c: CountedComune): ContestTotals[] => sumContests(order, [asTallies(c.contests)]).map((x) => contestTotals(naming(c.definitions), x));
    const turnout: CheckpointView[] = this.config.turnoutCheckpoints.map((cp) => {
      // A comune reported a checkpoint when every section its tally counts reported it.
      const reported = counted.filter((c) => c.turnout[cp.id]?.sections === c.sectionsCounted).map((c) => c.comune);
      const contests: Record<string, SexCounts> = {};
      for (const id of order) {
        const sum = { M: 0, F: 0, T: 0 };
        for (const c of counted.filter((k) => reported.includes(k.comune))) {
          const f = c.turnout[cp.id]!.contests[id];
          if (!f) continue;
          sum.M += f.M;
          sum.F += f.F;
          sum.T += f.T;
        }
        contests[id] = sum;
      }
      return { id: cp.id, at: cp.at, bySex: cp.bySex, contests, reported, missing: this.config.comuni.map((c) => c.istat).filter((c) => !reported.includes(c)) };
    });
    return {
      election: { id: this.config.province.code, title: this.config.title, digest: this.crypto.sha256Hex(this.options.configBytes), comune: this.config.province.name, training: this.config.training, level: 'provincia' },
      sectionsTotal: this.config.comuni.length,
      sectionsAccepted: counted.length,
      contests: sumContests(order, counted.map((c) => asTallies(c.contests))).map((c) => contestTotals(names, c)),
      titles: Object.fromEntries(this.config.contests.map((c) => [c.id, c.title])),
      sections: counted.map((c) => ({ id: c.comune, name: name(c.comune), contests: totals(c) })),
      turnout,
      version: this.version,
    };
  }

  /** Each comune's figures and the province's (`sezione` TOTALE), in the Eligendo vocabulary. */
  csv(): string {
    const counted = this.#counted();
    const order = this.config.contests.map((c) => c.id);
    const parts = counted.map((c) => ({ comune: c.comune, section: 'TOTALE', election: naming(c.definitions), contests: sumContests(order, [asTallies(c.contests)]) }));
    const province = { comune: this.config.province.code, section: 'TOTALE', election: naming(counted[0]?.definitions ?? []), contests: sumContests(order, counted.map((c) => asTallies(c.contests))) };
    return csvOf([...parts, ...(counted.length > 0 ? [province] : [])]);
  }

  view(): PrefetturaView {
    const packages = this.store.packages();
    return {
      mode: 'prefettura',
      results: this.results(),
      comuni: this.config.comuni.map((c) => {
        const accepted = this.store.acceptedFor(c.istat);
        const counted = accepted ? (JSON.parse(accepted.counted!) as CountedComune) : null;
        return { id: c.istat, name: c.name, accepted: accepted?.id ?? null, conflicts: packages.filter((p) => p.comune === c.istat && p.state === 'conflict').length, sectionsCounted: counted?.sectionsCounted ?? 0, sectionsTotal: counted?.sectionsTotal ?? 0 };
      }),
      submissions: packages.slice(0, 200).map(view),
      publicUrl: this.publicUrl,
      archiveLimit: PACKAGE_LIMITS.bytes,
      folder: this.#intake.folder,
      timeZone: ITALY_TIME_ZONE,
    };
  }

  /** The accepted package of a comune, as received: what the public page offers to check it again. */
  packageOf(istat: string): Uint8Array | undefined {
    const row = this.store.acceptedFor(istat);
    return row && this.store.archive(row.id);
  }

  folderRefused(p: Problem): void {
    this.#intake.folderRefused(p);
  }

  /** Waits for the judgements under way, then closes the store. */
  async close(): Promise<void> {
    await this.#intake.close();
  }
}
