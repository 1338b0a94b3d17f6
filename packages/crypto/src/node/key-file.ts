// A machine's Ed25519 key at rest (docs/design.md §6, docs/threat-model.md R35): one JSON file that only its user
// may read (mode 0600), outside every election's store. The console and the booths sign with it, and
// `seggio machine request` reads the same file.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fromBase64Length, toBase64 } from '../encoding.js';
import { fingerprint } from '../fingerprint.js';
import type { SeggioCrypto, SigningKeyPair } from '../suite.js';

export const MACHINE_KEY_FORMAT = 'seggio/machine-key@1';
const MAX_KEY_FILE = 4096;

/** A key file that cannot be used; the message names the file and what is wrong. */
export class KeyFileError extends Error {
  override name = 'KeyFileError';
}

export interface MachineKey {
  readonly keyPair: SigningKeyPair;
  /** True when the file did not exist and was made now. */
  readonly created: boolean;
}

/** Reads the key file, refusing one that others may read, that is malformed, or whose halves differ. */
export function readKeyFile(crypto: SeggioCrypto, path: string): SigningKeyPair {
  const stat = statSync(path);
  if (!stat.isFile()) throw new KeyFileError(`${path}: not a file`);
  // Group or others may read or write it: the key may be known, so it is not used (R35).
  if ((stat.mode & 0o077) !== 0) throw new KeyFileError(`${path}: mode ${(stat.mode & 0o777).toString(8)} lets others read the machine key; it must be 600 (chmod 600, or make a new key and enrol again if others may have read it)`);
  if (stat.size > MAX_KEY_FILE) throw new KeyFileError(`${path}: ${stat.size} bytes is not a machine key file`);
  let parsed: { format?: unknown; publicKey?: unknown; secretKey?: unknown };
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as typeof parsed;
  } catch {
    throw new KeyFileError(`${path}: not JSON, so not a machine key file`);
  }
  if (parsed?.format !== MACHINE_KEY_FORMAT || typeof parsed.secretKey !== 'string' || typeof parsed.publicKey !== 'string') {
    throw new KeyFileError(`${path}: "format" must be "${MACHINE_KEY_FORMAT}" with "publicKey" and "secretKey"`);
  }
  let keyPair: SigningKeyPair;
  try {
    keyPair = crypto.signingKeyPairFromSecret(fromBase64Length(parsed.secretKey, 32, 'secretKey'));
  } catch (error) {
    throw new KeyFileError(`${path}: "secretKey": ${(error as Error).message}`);
  }
  if (toBase64(keyPair.publicKey) !== parsed.publicKey) throw new KeyFileError(`${path}: "publicKey" is not the public half of "secretKey"`);
  return keyPair;
}

/** Creates the key file (mode 0600, never over an existing file), on disk before it returns. */
export function createKeyFile(crypto: SeggioCrypto, path: string): SigningKeyPair {
  const keyPair = crypto.generateSigningKeyPair();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const text = `${JSON.stringify({ format: MACHINE_KEY_FORMAT, publicKey: toBase64(keyPair.publicKey), secretKey: toBase64(keyPair.secretKey) }, null, 2)}\n`;
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return keyPair;
}

/** The machine's key: read, or made when there is no file yet (the caller says so, with the fingerprint). */
export function loadOrCreateKeyFile(crypto: SeggioCrypto, path: string): MachineKey {
  let exists = true;
  try {
    statSync(path);
  } catch {
    exists = false;
  }
  return exists ? { keyPair: readKeyFile(crypto, path), created: false } : { keyPair: createKeyFile(crypto, path), created: true };
}

/** What a machine says when it made its key: the file and the fingerprint to compare at enrolment. */
export const keyCreatedMessage = (path: string, keyPair: SigningKeyPair): string =>
  `no machine key at ${path}: a new one was made (mode 0600), fingerprint ${fingerprint(keyPair.publicKey)}; enrol it with the electoral office`;
