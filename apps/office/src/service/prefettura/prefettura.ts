// The Prefettura mode of the office (docs/design.md §7): the same service sums a province. It receives
// each comune's package, judges one at a time (checks.ts), keeps every package in its store, and gives
// the province's turnout and results in the comune office's shapes, so the page, CSV and JSON are one.
import { EventEmitter } from 'node:events';
import { sumContests, type ContestTally, type Election, type SectionTally, type SummedContest } from '@seggio/ballot-core';
import { assertSelfTest, type SeggioCrypto } from '@seggio/crypto';
import type { Channel, CheckpointView, ContestTotals, PrefetturaView, ResultsView, SexCounts, SubmissionView } from '../../shared/api.js';
import { problem, type Problem } from '../../shared/codes.js';
import { describe } from '../english.js';
import { contestTotals, csvOf } from '../results.js';
import { judgeComune, type CountedComune, type PrefetturaContext } from './checks.js';
import { parsePrefetturaConfig, type PrefetturaConfig } from './config.js';
import { PACKAGE_LIMITS } from './package.js';
import { PrefetturaStore, type PackageRow } from './store.js';

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
  #version = 0;
  #results: ResultsView | null = null;
  #folder: readonly Problem[] = [];
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly crypto: SeggioCrypto, readonly options: PrefetturaOptions) {
    super();
    this.config = parsePrefetturaConfig(options.configBytes, options.configFile);
    this.store = PrefetturaStore.open(options.storePath);
    this.store.bindConfig(options.configBytes, crypto.sha256Hex(options.configBytes));
    this.ctx = { crypto, store: this.store, config: this.config };
  }

  static async start(crypto: SeggioCrypto, options: PrefetturaOptions): Promise<Prefettura> {
    assertSelfTest(crypto);
    const p = new Prefettura(crypto, options);
    for (const row of p.store.unsettled()) await p.#enqueue(() => p.#judge(row));
    return p;
  }

  get version(): number {
    return this.#version;
  }

  get archiveLimit(): number {
    return PACKAGE_LIMITS.bytes;
  }

  /** A comune's package: kept as received, then judged; the same bytes again get the first answer. */
  async submit(channel: Channel, origin: string, archive: Uint8Array): Promise<{ ok: true; submission: SubmissionView } | { ok: false; problems: readonly Problem[] }> {
    if (archive.length > PACKAGE_LIMITS.bytes) return { ok: false, problems: [problem('body-too-large', { limit: PACKAGE_LIMITS.bytes })] };
    const { row, fresh } = this.store.receive({ channel, origin, digest: this.crypto.sha256Hex(archive), archive });
    if (fresh) this.#log(`package ${row.id} received by ${channel} from ${origin}`);
    const settled = row.state === 'received' ? await this.#enqueue(() => this.#judge(row)) : row;
    return { ok: true, submission: view(settled) };
  }

  async #judge(row: PackageRow): Promise<PackageRow> {
    const current = this.store.package(row.id)!;
    if (current.state !== 'received') return current;
    const { action, identified } = await judgeComune(this.ctx, this.store.archive(row.id)!);
    const settled = this.store.settle(row.id, action, identified);
    this.#log(`package ${row.id} ${settled.state}${settled.problems.length ? `: ${settled.problems.map(describe).join('; ')}` : ''}`);
    this.#changed();
    return settled;
  }

  #counted(): CountedComune[] {
    return this.store.accepted().map((r) => JSON.parse(r.counted!) as CountedComune);
  }

  /** The province's figures in the comune office's shape, summed again only once they have changed (as the office's). */
  results(): ResultsView {
    if (this.#results?.version !== this.#version) this.#results = this.#sum();
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
      sections: counted.map((c) => ({ id: c.comune, name: name(c.comune), contests: totals(c) })),
      turnout,
      version: this.#version,
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
      folder: this.#folder,
    };
  }

  /** The accepted package of a comune, as received: what the public page offers to check it again. */
  packageOf(istat: string): Uint8Array | undefined {
    const row = this.store.acceptedFor(istat);
    return row && this.store.archive(row.id);
  }

  folderRefused(p: Problem): void {
    this.#folder = [p, ...this.#folder].slice(0, 50);
    this.#log(`import folder: ${describe(p)}`);
    this.#changed();
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #changed(): void {
    this.#version++;
    this.emit('change');
  }

  #log(line: string): void {
    this.options.log?.(line);
  }

  async close(): Promise<void> {
    await this.#queue;
    this.store.close();
  }
}
