// `seggio`: the command line of the electoral office and of auditors (DESIGN.md §1).
import { CryptoSelfTestError, assertSelfTest, type SeggioCrypto } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';

export interface Io {
  readonly out: { write(text: string): unknown };
  readonly err: { write(text: string): unknown };
}

/** Exit codes: 0 success, 1 a check failed, 2 a usage error, 3 the crypto self-test failed. */
export const EXIT = { ok: 0, failed: 1, usage: 2, selfTest: 3 } as const;

const USAGE = `Usage: seggio <command> [options]

Commands:
  selftest      run the cryptographic self-test and print its report

Every command first runs the self-test and refuses to go on if it fails.
`;

export interface MainOptions {
  /** The implementation to use; the node:crypto one unless a test says otherwise. */
  readonly crypto?: SeggioCrypto;
}

export function main(argv: readonly string[], io: Io, options: MainOptions = {}): number {
  const crypto = options.crypto ?? nodeCrypto;
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    io.out.write(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  let report;
  try {
    report = assertSelfTest(crypto);
  } catch (error) {
    if (!(error instanceof CryptoSelfTestError)) throw error;
    io.err.write(`seggio: refusing to run: ${error.message}\n`);
    return EXIT.selfTest;
  }
  switch (command) {
    case 'selftest':
      io.out.write(`crypto self-test passed (${report.backend})\n`);
      return EXIT.ok;
    default:
      io.err.write(`seggio: unknown command '${command}'\n\n${USAGE}`);
      return EXIT.usage;
  }
}
