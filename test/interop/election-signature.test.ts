// `npx seggio election …` from the repository root, as the README says, and the signature it writes
// checked with OpenSSL and libsodium alone (docs/bundle-format.md: the .sig is over the file's exact bytes).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '@seggio/crypto';
import { opensslVerify, REPO_ROOT, sodium } from '../support/index.js';

const seggio = (...args: string[]) => execFileSync('npx', ['--no-install', 'seggio', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

describe('an election package signed with npx seggio', () => {
  it('verifies with OpenSSL and libsodium, and not once a byte changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seggio-sign-'));
    const election = join(dir, 'election.json');
    copyFileSync(join(REPO_ROOT, 'fixtures', 'sanvalle-2020.election.json'), election);
    expect(seggio('election', 'keygen', '--out', join(dir, 'office'))).toContain('office key created');
    expect(seggio('election', 'sign', election, '--key', join(dir, 'office.key'))).toContain('election.json.sig written');
    expect(seggio('election', 'check', election, '--office-key', join(dir, 'office.pub'))).toContain('signature    valid');

    const bytes = readFileSync(election);
    const sig = JSON.parse(readFileSync(`${election}.sig`, 'utf8')) as { signer: string; signature: string };
    const signer = fromBase64(sig.signer);
    const signature = fromBase64(sig.signature);
    expect(sig.signer).toBe(readFileSync(join(dir, 'office.pub'), 'utf8').trim());
    expect(opensslVerify(bytes, signature, signer)).toBe(true);
    const altered = Buffer.from(bytes);
    altered[100]! ^= 1;
    expect(opensslVerify(altered, signature, signer)).toBe(false);
    const verdicts = sodium<{ valid: boolean }>([
      { op: 'verify', publicKey: sig.signer, message: toBase64(bytes), signature: sig.signature },
      { op: 'verify', publicKey: sig.signer, message: toBase64(altered), signature: sig.signature },
    ]);
    expect(verdicts.map((v) => v.valid)).toEqual([true, false]);
  });
});
