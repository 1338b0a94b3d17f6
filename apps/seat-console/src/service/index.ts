// The seat console service: plain Node, no Electron (docs/design.md §1).
export type { BoothTile, CheckpointView, ConsoleApi, ConsolePhase, ConsoleView, CountOutcome, EnableInput, Figures, LogLine, PackageEntry, ReconciledContest, RollVoter } from '../shared/api.js';
export { CONSOLE_CONTRACT, type ConsoleCalls, type ConsoleContract, type ConsoleMethod } from '../shared/bridge.js';
export { writeBundle, type BundleParts } from './bundle.js';
export { MAX_BOOTH_LOG_BYTES } from './closing.js';
export { SeatConsole } from './console.js';
export type { ConsoleConfig } from './context.js';
export { MAX_REFUSED_PER_CONNECTION, MAX_WAITING_BOOTHS } from './link-side.js';
export { verbalePdf, type VerbaleInput } from './verbale.js';
export { ConsoleStore, ConsoleStoreError, type BallotRow, type BoothRow, type SessionRow, type SessionState } from './store.js';
export { hostConsole, onViewCoalesced, startButtonBox } from './bridge.js';
export { SCHEMA_VERSION } from './migrations.js';
export { OfficePush, publicExportArchive, type PushSource } from './office-push.js';
