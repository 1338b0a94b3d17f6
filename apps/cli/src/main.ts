// `seggio`: the command line of the electoral office and of auditors (docs/design.md §1).
import { assertSelfTest, CryptoSelfTestError, type SeggioCrypto } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { ELECTION_USAGE, electionCommand } from './election.js';
import { EXIT, UsageError, type Io } from './io.js';
import { VERIFY_COMUNE_USAGE, verifyComuneCommand } from './verify-comune.js';
import { MACHINE_USAGE, machineCommand } from './machine.js';
import { VERIFY_USAGE, verifyCommand } from './verify/command.js';

export { EXIT, type Io } from './io.js';

const USAGE = `Usage: seggio <command> [options]

Commands:
  election keygen|build|sign|check  the electoral office's election packages (seggio election --help)
  machine request|enrol|check  enrolling consoles and booths with the office (seggio machine --help)
  verify BUNDLE --office-key KEY   check an exported bundle (seggio verify --help)
  verify-comune DIR --office-key KEY   recompute an office's comune tally from the sections' exports
  selftest                     run the cryptographic self-test and print its report

Every command first runs the self-test and refuses to go on if it fails.
Exit codes: 0 success, 1 a check failed, 2 a usage error, 3 the self-test failed.
`;

export interface MainOptions {
  /** The implementation to use; libsodium's unless a test says otherwise. */
  readonly crypto?: SeggioCrypto;
}

export async function main(argv: readonly string[], io: Io, options: MainOptions = {}): Promise<number> {
  const crypto = options.crypto ?? nodeCrypto;
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    io.out.write(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const usages: Record<string, string> = { election: ELECTION_USAGE, machine: MACHINE_USAGE, verify: VERIFY_USAGE, 'verify-comune': VERIFY_COMUNE_USAGE };
  if (command in usages && (rest[0] === '--help' || rest[0] === '-h')) {
    io.out.write(usages[command]!);
    return EXIT.ok;
  }
  let report;
  try {
    report = assertSelfTest(crypto);
  } catch (error) {
    if (!(error instanceof CryptoSelfTestError)) throw error;
    io.err.write(`seggio: refusing to run: ${error.message}\n`);
    return EXIT.selfTest;
  }
  try {
    switch (command) {
      case 'selftest':
        io.out.write(`crypto self-test passed: ${report.checks} checks on ${report.implementation}\n`);
        return EXIT.ok;
      case 'election':
        return electionCommand(crypto, rest, io);
      case 'machine':
        return machineCommand(crypto, rest, io);
      case 'verify':
        return await verifyCommand(crypto, rest, io);
      case 'verify-comune':
        return await verifyComuneCommand(crypto, rest, io);
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    const parseArgsError = error instanceof TypeError && String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS');
    if (!(error instanceof UsageError) && !parseArgsError) throw error;
    io.err.write(`seggio: ${error.message}\n\n${usages[command] ?? USAGE}`);
    return EXIT.usage;
  }
}
