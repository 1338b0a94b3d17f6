// Places for what a LAN peer may hold open on the office at once (a live stream, a push whose body is
// in memory): so many from one address and so many in all, each given back when its response closes.
import type { FastifyReply } from 'fastify';
import { problem, type Problem } from '../shared/codes.js';

export interface PlaceLimits {
  readonly perAddress: number;
  readonly total: number;
}

/** Live streams: a phone, a console, a screen at the office each hold one or two. */
export const STREAM_LIMITS: PlaceLimits = { perAddress: 8, total: 512 };
/** Pushes of a section's public export (up to 64 MiB each) read and waiting to be judged. */
export const INTAKE_LIMITS: PlaceLimits = { perAddress: 2, total: 6 };

export class Places {
  readonly #open = new Map<string, number>();
  #total = 0;

  constructor(readonly limits: PlaceLimits, readonly what: string) {}

  /** Takes a place for `address`, or names the limit it would pass; the place is given back on close. */
  take(address: string, reply: FastifyReply): Problem | null {
    const mine = this.#open.get(address) ?? 0;
    if (mine >= this.limits.perAddress) return problem('body-invalid', { field: '/', reason: `more than ${this.limits.perAddress} ${this.what} from one address` });
    if (this.#total >= this.limits.total) return problem('body-invalid', { field: '/', reason: `more than ${this.limits.total} ${this.what} in all` });
    this.#open.set(address, mine + 1);
    this.#total++;
    reply.raw.on('close', () => {
      this.#total--;
      const left = (this.#open.get(address) ?? 1) - 1;
      if (left === 0) this.#open.delete(address);
      else this.#open.set(address, left);
    });
    return null;
  }
}
