// A batch's results as they cross from a worker to the thread that reads the file. Most lines pass,
// and their selections repeat (a section's voters choose alike), so a result that passes is sent as
// its h and three indexes: its contest and booth in the batch's names, its selection in a table that
// the writer and the reader of one worker build alike over a file. A selection is sent the first time
// it comes, and again only when the writer holds more than it remembers (REMEMBERED). A line with a
// problem is sent whole. The reader gives back, line for line, the results the worker had: the same
// fields with the same values, and one selection object for all the lines that hold it, as the worker
// itself shares them; a message that does not add up is refused, never read as something else.
import type { Selection } from '@seggio/ballot-core';
import type { BallotResult } from './ballot.js';

/** What a batch's message holds (sent as JSON text: one copy between threads, quick to read). */
interface Wire {
  /** Contest and booth names the rows point to. */
  readonly names: readonly string[];
  /** Selections first met in this batch, in the order their table indexes were given. */
  readonly fresh: readonly Selection[];
  /** Three numbers a line: contest name, booth name, selection index (-1: none); or -1 - k, 0, 0 for whole[k]. */
  readonly rows: readonly number[];
  /** The h of each row that has one, 64 characters each, in order. */
  readonly hs: string;
  /** Results sent whole. */
  readonly whole: readonly BallotResult[];
}

/** An h of a result that passed: the SHA-256 of its ct in hex (anything else is sent whole). */
const H_LENGTH = 64;
/** Selections a writer remembers by identity; past it, a new selection object is sent each time it comes. */
const REMEMBERED = 8192;

/** The worker's side, for one file: make a fresh one for each. */
export class ResultWriter {
  readonly #indexes = new Map<Selection, number>();
  #next = 0;

  write(results: readonly BallotResult[]): string {
    const names: string[] = [];
    const nameIndex = new Map<string, number>();
    const name = (text: string) => {
      let at = nameIndex.get(text);
      if (at === undefined) nameIndex.set(text, (at = names.push(text) - 1));
      return at;
    };
    const fresh: Selection[] = [];
    const rows: number[] = [];
    const whole: BallotResult[] = [];
    let hs = '';
    for (const result of results) {
      const { h, contest, booth, problems, selection } = result;
      if (problems.length > 0 || h === null || h.length !== H_LENGTH || contest === null || booth === null) {
        whole.push(result);
        rows.push(-whole.length, 0, 0);
        continue;
      }
      let index = -1;
      if (selection) {
        const known = this.#indexes.get(selection);
        if (known === undefined) {
          index = this.#next++;
          fresh.push(selection);
          if (this.#indexes.size < REMEMBERED) this.#indexes.set(selection, index);
        } else index = known;
      }
      hs += h;
      rows.push(name(contest), name(booth), index);
    }
    return JSON.stringify({ names, fresh, rows, hs, whole } satisfies Wire);
  }
}

/** The reading thread's side, for one worker and one file. */
export class ResultReader {
  readonly #table: Selection[] = [];

  read(text: string): BallotResult[] {
    const { names, fresh, rows, hs, whole } = JSON.parse(text) as Wire;
    if (![names, fresh, rows, whole].every(Array.isArray) || typeof hs !== 'string') throw new WireError('it is not names, fresh, rows, hs and whole');
    if (rows.length % 3 !== 0 || !rows.every(Number.isInteger)) throw new WireError('its rows are not whole numbers in threes');
    for (const selection of fresh) this.#table.push(selection);
    const results: BallotResult[] = [];
    let at = 0;
    for (let i = 0; i < rows.length; i += 3) {
      const [first, second, third] = [rows[i]!, rows[i + 1]!, rows[i + 2]!];
      if (first < 0) {
        const result = whole[-1 - first];
        if (!result) throw new WireError(`row ${i / 3} names result ${-1 - first}, of ${whole.length} sent whole`);
        results.push(result);
        continue;
      }
      const [contest, booth] = [names[first], names[second]];
      if (contest === undefined || booth === undefined) throw new WireError(`row ${i / 3} names ${first} and ${second}, of ${names.length} names`);
      if (third < -1 || third >= this.#table.length) throw new WireError(`row ${i / 3} names selection ${third}, of ${this.#table.length}`);
      const h = hs.slice(at, (at += H_LENGTH));
      const selection = third >= 0 ? this.#table[third]! : undefined;
      results.push(selection ? { h, contest, booth, problems: [], selection } : { h, contest, booth, problems: [] });
    }
    if (at !== hs.length) throw new WireError(`the rows take ${at} characters of h, and ${hs.length} were sent`);
    return results;
  }
}

/** A worker's message that does not add up: its results are not read. */
export class WireError extends Error {
  constructor(detail: string) {
    super(`a ballot worker's answer does not add up: ${detail}`);
    this.name = 'WireError';
  }
}
