// @seggio/crypto: signatures, sealed boxes, digests, fingerprints and key splitting (docs/design.md §3).
// This entry point is pure TypeScript over tweetnacl; '@seggio/crypto/node' has the same API on
// libsodium (sodium-native).
import { createCrypto, type SeggioCrypto } from './suite.js';
import { tweetnaclPrimitives } from './tweetnacl-primitives.js';

export * from './encoding.js';
export { fingerprint } from './fingerprint.js';
export type { Primitives } from './primitives.js';
export { err, ok, type Result } from './result.js';
export { assertSelfTest, CryptoSelfTestError, malleate, runSelfTest, type SelfTestReport } from './self-test.js';
export { combineUrnaShares, decodeShare, SHARE_PROBLEMS, splitUrnaKey, type ShareProblem, type ShareProblemCode, type SplitOptions, type UrnaShare } from './shares.js';
export { hasSmallOrder, isCanonicalPoint, isCanonicalScalar, type SignatureRejection } from './strict.js';
export { boxKeyMatches, createCrypto, SEAL_OVERHEAD, type BoxKeyPair, type SeggioCrypto, type SigningKeyPair } from './suite.js';
export { portableSealedBox, type X25519 } from './sealed-box.js';
export { tweetnaclPrimitives } from './tweetnacl-primitives.js';

/** The pure implementation, usable anywhere (browser, worker, Node). */
export const pureCrypto: SeggioCrypto = createCrypto(tweetnaclPrimitives);
