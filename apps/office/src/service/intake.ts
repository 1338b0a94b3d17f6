// The intake of the comune office (office.ts) and of the Prefettura (prefettura/prefettura.ts), alike in
// both: what arrives is kept as received, then judged one at a time in arrival order, and each change of
// the figures counted (the version the public page and the live streams follow) and told to listeners.
// What differs (what a section's export or a comune's package is found to be) comes in the spec.
import type { Channel, SubmissionView } from '../shared/api.js';
import { problem, type Problem } from '../shared/codes.js';
import { describe } from './english.js';
import type { IntakeRow, IntakeStore, RawIntake } from './intake-store.js';
import type { SubmissionAction } from './submission.js';

export type IntakeAnswer = { ok: true; submission: SubmissionView } | { ok: false; problems: readonly Problem[] };

export interface IntakeSpec<Row extends IntakeRow, Identified> {
  /** What a row is called in the log: `submission 3 accepted`, `package 3 received by upload from …`. */
  readonly noun: 'submission' | 'package';
  /** The largest archive taken, in bytes. */
  readonly limit: number;
  readonly store: Pick<IntakeStore<RawIntake, Row, Identified>, 'receive' | 'settle' | 'archive' | 'unsettled' | 'close'>;
  /** The row as the store holds it now. */
  readonly current: (id: number) => Row | undefined;
  readonly judge: (archive: Uint8Array) => Promise<{ action: SubmissionAction; identified: Identified | null }>;
  readonly digest: (bytes: Uint8Array) => string;
  readonly view: (row: Row) => SubmissionView;
  /** Told each time the figures change, once the version is counted. */
  readonly changed: () => void;
  readonly log?: ((line: string) => void) | undefined;
}

export class Intake<Row extends IntakeRow, Identified> {
  #version = 0;
  #folder: readonly Problem[] = [];
  /** One judgement at a time, in arrival order: two archives of one section or comune never race to be counted. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly spec: IntakeSpec<Row, Identified>) {}

  /** Counts each change of the figures: what the results are summed again on, and the streams follow. */
  get version(): number {
    return this.#version;
  }

  /** The files of the import folder not read, newest first. */
  get folder(): readonly Problem[] {
    return this.#folder;
  }

  /** Judges what a killed office had received and not judged. */
  async judgeUnsettled(): Promise<void> {
    for (const row of this.spec.store.unsettled()) await this.#enqueue(() => this.#judge(row));
  }

  /** An archive: kept as received, then judged. Replayed bytes get the first answer. */
  async submit(channel: Channel, origin: string, archive: Uint8Array): Promise<IntakeAnswer> {
    const { limit, store, noun } = this.spec;
    if (archive.length > limit) return { ok: false, problems: [problem('body-too-large', { limit })] };
    const { row, fresh } = store.receive({ channel, origin, digest: this.spec.digest(archive), archive });
    if (fresh) this.log(`${noun} ${row.id} received by ${channel} from ${origin}`);
    const settled = row.state === 'received' ? await this.#enqueue(() => this.#judge(row)) : row;
    return { ok: true, submission: this.spec.view(settled) };
  }

  async #judge(row: Row): Promise<Row> {
    const { store, noun } = this.spec;
    const current = this.spec.current(row.id)!;
    if (current.state !== 'received') return current;
    const { action, identified } = await this.spec.judge(store.archive(row.id)!);
    // Judged one at a time (#queue), so the store the judgement read is the one settled against.
    const settled = store.settle(row.id, action, identified);
    this.log(`${noun} ${row.id} ${settled.state}${settled.problems.length ? `: ${settled.problems.map(describe).join('; ')}` : ''}`);
    this.changed();
    return settled;
  }

  /** A file of the import folder not read: shown to the staff, the latest 50 kept (in memory: the file is still there). */
  folderRefused(p: Problem): void {
    this.#folder = [p, ...this.#folder].slice(0, 50);
    this.log(`import folder: ${describe(p)}`);
    this.changed();
  }

  changed(): void {
    this.#version++;
    this.spec.changed();
  }

  log(line: string): void {
    this.spec.log?.(line);
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for the judgements under way, then closes the store. */
  async close(): Promise<void> {
    await this.#queue;
    this.spec.store.close();
  }
}
