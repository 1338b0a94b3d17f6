// The OpenSSL command line, used exactly as docs/threat-model.md tells an auditor to.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

function inTempDir<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'seggio-openssl-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes a PEM public key from the raw 32 bytes, through `openssl pkey` as the auditor would. */
export function opensslPublicKeyPem(dir: string, publicKey: Uint8Array): string {
  const pem = join(dir, 'pk.pem');
  execFileSync('openssl', ['pkey', '-pubin', '-inform', 'DER', '-out', pem], { input: Buffer.concat([SPKI_ED25519, publicKey]) });
  return pem;
}

/** `openssl pkeyutl -verify -rawin` over the exact bytes: true when OpenSSL accepts the signature. */
export function opensslVerify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  return inTempDir((dir) => {
    writeFileSync(join(dir, 'message'), message);
    writeFileSync(join(dir, 'signature'), signature);
    const pem = opensslPublicKeyPem(dir, publicKey);
    try {
      execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', pem, '-rawin', '-in', join(dir, 'message'), '-sigfile', join(dir, 'signature')], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  });
}

/** A fresh OpenSSL Ed25519 key signs the message; returns its raw public key and the signature. */
export function opensslSign(message: Uint8Array): { publicKey: Uint8Array; signature: Uint8Array } {
  return inTempDir((dir) => {
    const key = join(dir, 'sk.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', key]);
    const der = execFileSync('openssl', ['pkey', '-in', key, '-pubout', '-outform', 'DER']);
    writeFileSync(join(dir, 'message'), message);
    execFileSync('openssl', ['pkeyutl', '-sign', '-inkey', key, '-rawin', '-in', join(dir, 'message'), '-out', join(dir, 'signature')]);
    return { publicKey: new Uint8Array(der.subarray(-32)), signature: new Uint8Array(readFileSync(join(dir, 'signature'))) };
  });
}
