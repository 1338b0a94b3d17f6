// Seggio crypto with node:crypto (OpenSSL) accelerations: the same API as the pure package.
import { createCrypto, type SeggioCrypto } from '../suite.js';
import { nodePrimitives } from './primitives.js';

export * from '../index.js';
export { nodePrimitives } from './primitives.js';

/** The fast implementation, for services and the verifier running in Node. */
export const nodeCrypto: SeggioCrypto = createCrypto(nodePrimitives);
