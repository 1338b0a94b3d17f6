// Refused frames counted, not logged one by one (docs/threat-model.md R33). Every log entry is a synced write
// into a hash-chained log that ends up in the bundle, so a peer sending junk must not be able to make
// one entry per frame: each kind of refusal (who sent it, and why) is logged at its 1st, 10th, 100th …
// occurrence with the count so far, and what is left unlogged is written when the app stops or closes.

import { FRAME_REJECTIONS } from './codes.js';

/** How many kinds are told apart; beyond them, every further reason is counted as one kind. */
const MAX_KINDS = 64;

export interface RejectionCount {
  readonly from: string;
  readonly code: string;
  /** The rejection in English, for the log: a kind is one sender and one reason. */
  readonly reason: string;
  readonly count: number;
}

export class RejectionTally {
  readonly #kinds = new Map<string, { from: string; code: string; reason: string; count: number; logged: number }>();

  /**
   * Counts one refusal, by its code (codes.ts FRAME_REJECTIONS, or a pairing's) and its English;
   * returns what to log now (the first of its kind, or a power of ten), or null.
   */
  note(from: string, code: string, reason: string = code): RejectionCount | null {
    let key = `${from}\u0000${reason}`;
    if (!this.#kinds.has(key) && this.#kinds.size >= MAX_KINDS) {
      code = 'other';
      reason = FRAME_REJECTIONS.other;
      key = `\u0000${reason}`;
      from = '';
    }
    const kind = this.#kinds.get(key) ?? { from, code, reason, count: 0, logged: 0 };
    this.#kinds.set(key, kind);
    kind.count++;
    if (!isPowerOfTen(kind.count)) return null;
    kind.logged = kind.count;
    return { from: kind.from, code: kind.code, reason: kind.reason, count: kind.count };
  }

  /** The counts not logged yet, each marked as logged. */
  takeUnlogged(): RejectionCount[] {
    const out: RejectionCount[] = [];
    for (const kind of this.#kinds.values()) {
      if (kind.logged === kind.count) continue;
      kind.logged = kind.count;
      out.push({ from: kind.from, code: kind.code, reason: kind.reason, count: kind.count });
    }
    return out;
  }
}

function isPowerOfTen(n: number): boolean {
  while (n >= 10 && n % 10 === 0) n /= 10;
  return n === 1;
}
