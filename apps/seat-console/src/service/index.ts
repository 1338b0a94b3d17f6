// The seat console service: plain Node, no Electron (DESIGN.md §1).
export type { BoothTile, ConsoleApi, ConsolePhase, ConsoleView, CountOutcome, EnableInput } from '../shared/api.js';
export { writeBundle, type BundleParts } from './bundle.js';
export { SeatConsole } from './closing.js';
export { verbalePdf, type VerbaleInput } from './verbale.js';
export { ConsoleService, type ConsoleConfig } from './service.js';
export { ConsoleStore, ConsoleStoreError, type BallotRow, type BoothRow, type SessionRow, type SessionState } from './store.js';
