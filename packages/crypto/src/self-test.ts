// Start-up self-test (docs/threat-model.md R21): known answers from RFC 8032 (Ed25519) and RFC 7748 (X25519),
// a sealed box made by libsodium, FIPS 180-2's SHA-256 example, a malleated signature that must be
// refused, and a round trip through the random source. Callers refuse to run when it fails.
import { bytesEqual, fromHex, toHex, utf8 } from './encoding.js';
import type { SeggioCrypto } from './suite.js';

const RFC8032 = [
  {
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    seed: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    publicKey: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

/** RFC 7748 §6.1: Alice's key pair and the secret she shares with Bob. */
const RFC7748 = {
  aliceSecret: '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',
  alicePublic: '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
};

/** A box sealed by libsodium's crypto_box_seal to the key with secret 01 02 … 20. */
const LIBSODIUM_SEALED = {
  secretKey: '0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20',
  publicKey: '07a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c',
  ciphertext:
    '84787d303269aeb04567c431554fb5a2af7148b84b721943f11871660ed32e755ab048fa3d9d17187392bd3ea45b5f58e33fc1cfae19a0998c532e54a071cb6bcef7865c7e844d',
  plaintext: 'seggio self-test ballot',
};

const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

/** L, little-endian, to build an S + L malleation of a known signature. */
const L_HEX = 'edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010';

function addLittleEndian(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  let carry = 0;
  for (let i = 0; i < a.length; i++) {
    const sum = a[i]! + b[i]! + carry;
    out[i] = sum & 255;
    carry = sum >> 8;
  }
  return out;
}

/** S + L for a signature R ‖ S: the malleated twin that tweetnacl alone would accept. */
export function malleate(signature: Uint8Array): Uint8Array {
  const out = new Uint8Array(signature);
  out.set(addLittleEndian(signature.subarray(32), fromHex(L_HEX)), 32);
  return out;
}

export interface SelfTestReport {
  readonly ok: boolean;
  readonly backend: string;
  /** The library that ran the checks and its version. */
  readonly implementation: string;
  /** How many checks ran. */
  readonly checks: number;
  readonly failures: readonly string[];
}

export function runSelfTest(crypto: SeggioCrypto): SelfTestReport {
  const failures: string[] = [];
  let checks = 0;
  const check = (name: string, test: () => boolean): void => {
    checks++;
    try {
      if (!test()) failures.push(name);
    } catch (error) {
      failures.push(`${name} (${error instanceof Error ? error.message : String(error)})`);
    }
  };

  RFC8032.forEach((v, i) => {
    const keyPair = crypto.signingKeyPairFromSecret(fromHex(v.seed));
    const message = fromHex(v.message);
    const signature = fromHex(v.signature);
    check(`RFC 8032 test ${i + 1}: public key`, () => toHex(keyPair.publicKey) === v.publicKey);
    check(`RFC 8032 test ${i + 1}: signature`, () => toHex(crypto.sign(message, keyPair)) === v.signature);
    check(`RFC 8032 test ${i + 1}: verify`, () => crypto.verify(message, signature, keyPair.publicKey));
    check(`RFC 8032 test ${i + 1}: S + L refused`, () => !crypto.verify(message, malleate(signature), keyPair.publicKey));
    check(`RFC 8032 test ${i + 1}: altered message refused`, () =>
      !crypto.verify(utf8(`${v.message}x`), signature, keyPair.publicKey),
    );
  });

  check('RFC 7748: X25519 public key', () =>
    toHex(crypto.boxKeyPairFromSecret(fromHex(RFC7748.aliceSecret)).publicKey) === RFC7748.alicePublic,
  );

  const sealedKeys = { secretKey: fromHex(LIBSODIUM_SEALED.secretKey), publicKey: fromHex(LIBSODIUM_SEALED.publicKey) };
  check('sealed box from libsodium opens', () => {
    const opened = crypto.sealOpen(fromHex(LIBSODIUM_SEALED.ciphertext), sealedKeys);
    return opened !== null && bytesEqual(opened, utf8(LIBSODIUM_SEALED.plaintext));
  });
  check('sealed box round trip', () => {
    const keyPair = crypto.generateBoxKeyPair();
    const message = crypto.randomBytes(100);
    const sealed = crypto.seal(message, keyPair.publicKey);
    const opened = crypto.sealOpen(sealed, keyPair);
    const tampered = new Uint8Array(sealed);
    tampered[tampered.length - 1]! ^= 1;
    return opened !== null && bytesEqual(opened, message) && crypto.sealOpen(tampered, keyPair) === null;
  });
  // Both spellings: a backend may write the hex itself.
  check('SHA-256 of "abc"', () => crypto.sha256Hex(utf8('abc')) === SHA256_ABC && toHex(crypto.sha256(utf8('abc'))) === SHA256_ABC);
  check('random source gives distinct values', () => {
    const a = crypto.randomBytes(32);
    const b = crypto.randomBytes(32);
    return !bytesEqual(a, b) && a.some((x) => x !== 0);
  });

  return { ok: failures.length === 0, backend: crypto.backend, implementation: crypto.implementation, checks, failures };
}

export class CryptoSelfTestError extends Error {
  override name = 'CryptoSelfTestError';
  constructor(readonly report: SelfTestReport) {
    super(`crypto self-test failed on ${report.implementation}: ${report.failures.join('; ')}`);
  }
}

/** Runs the self-test and throws if anything is wrong: call before any key or ballot is touched. */
export function assertSelfTest(crypto: SeggioCrypto): SelfTestReport {
  const report = runSelfTest(crypto);
  if (!report.ok) throw new CryptoSelfTestError(report);
  return report;
}
