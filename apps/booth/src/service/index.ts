// The booth service: plain Node, no Electron (docs/design.md §1).
export type { BoothApi, BoothNotice, BoothState, BoothView, CastFailure, CastInput } from '../shared/api.js';
export { logFor, next, wireState, type Action, type OpenSession, type Phase, type PendingSetup, type Refusal, type StoredPhase } from './machine.js';
export { migrate, MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations.js';
export { BoothService, SOFTWARE, type BoothConfig } from './service.js';
export { BoothStore, CHECKPOINT_EVERY, isDiskFailure, StoreError, type LinkCounters, type Pairing, type SignedDocument, type StoredBallot, type StoredToken } from './store.js';
export { hostBooth, startKeypad, type BoothDevices } from './host.js';
