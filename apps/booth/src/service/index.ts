// The booth service: plain Node, no Electron (docs/design.md §1).
export type { BoothApi, BoothNotice, BoothState, BoothView, CastFailure, CastInput } from '../shared/api.js';
export { BoothService, SOFTWARE, type BoothConfig } from './service.js';
export { BoothStore, CHECKPOINT_EVERY, isDiskFailure, StoreError, type StoredBallot, type StoredToken } from './store.js';
export { voiceMethods, type VoiceMethods } from './voice.js';
