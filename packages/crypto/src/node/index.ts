// Seggio crypto on libsodium (sodium-native): the same API as the portable package.
import { createCrypto, type SeggioCrypto } from '../suite.js';
import { sodiumPrimitives } from './primitives.js';

export * from '../index.js';
export { sodiumPrimitives } from './primitives.js';

/** The implementation for services and the verifier running in Node or Electron. */
export const nodeCrypto: SeggioCrypto = createCrypto(sodiumPrimitives);
