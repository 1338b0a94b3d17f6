// How the booth's store fails (docs/threat-model.md R7, R8).

/** The store cannot be used: damaged, or a disk that failed. The reason is for the president. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** SQLite's own codes for a failing disk: these put the booth out of service (R8). */
export function isDiskFailure(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(FULL|IOERR|CORRUPT|NOTADB|CANTOPEN|READONLY|PROTOCOL)/.test(code);
}
