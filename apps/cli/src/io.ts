export interface Io {
  readonly out: { write(text: string): unknown };
  readonly err: { write(text: string): unknown };
}

/** Exit codes: 0 success, 1 a check failed, 2 a usage error, 3 the crypto self-test failed. */
export const EXIT = { ok: 0, failed: 1, usage: 2, selfTest: 3 } as const;

/** A mistake in how the command was called or in the files it was given to read. */
export class UsageError extends Error {
  override name = 'UsageError';
}
