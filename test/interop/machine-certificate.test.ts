// Enrolment with `npx seggio machine …`, as the README tells a comune to, and the certificate it
// writes checked with the OpenSSL command line and libsodium alone (docs/bundle-format.md, §7: the .sig is over
// the exact bytes of machines/<machine>.json, by the office key).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromBase64 } from '@seggio/crypto';
import { opensslVerify, REPO_ROOT, sodium } from '../support/index.js';

const seggio = (...args: string[]) => execFileSync('npx', ['--no-install', 'seggio', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

describe('a machine enrolled with npx seggio machine', () => {
  it('gets a seggio/machine@1 certificate that OpenSSL and libsodium verify, and not once a byte changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seggio-enrol-'));
    seggio('election', 'keygen', '--out', join(dir, 'office'));
    const request = seggio('machine', 'request', '--role', 'booth', '--machine', 'CABINA-019036-7-1', '--key', join(dir, 'machine', 'booth.key'), '--out', join(dir, 'request.json'));
    expect(request).toMatch(/no machine key at .+booth\.key: a new one was made \(mode 0600\), fingerprint ([A-Z2-7]{4}-){3}[A-Z2-7]{4}/);
    expect(statSync(join(dir, 'machine', 'booth.key')).mode & 0o777).toBe(0o600);
    const fingerprint = /fingerprint {2}(\S+)/.exec(request)![1]!;
    const enrolled = seggio('machine', 'enrol', join(dir, 'request.json'), '--key', join(dir, 'office.key'), '--comune', '019036', '--out-dir', dir);
    expect(enrolled).toContain(`fingerprint  ${fingerprint}`);
    const certificate = join(dir, 'CABINA-019036-7-1.json');
    expect(seggio('machine', 'check', certificate, '--office-key', join(dir, 'office.pub'), '--role', 'booth', '--comune', '019036')).toContain(`fingerprint  ${fingerprint}`);
    const wrongComune = spawnSync('npx', ['--no-install', 'seggio', 'machine', 'check', certificate, '--office-key', join(dir, 'office.pub'), '--comune', '019037'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect([wrongComune.status, wrongComune.stderr.trim()]).toEqual([1, `${certificate}: enrols the machine for comune 019036, not 019037`]);

    const bytes = readFileSync(certificate);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ format: 'seggio/machine@1', comune: '019036', role: 'booth', machine: 'CABINA-019036-7-1', publicKey: expect.any(String) as string });
    const sig = JSON.parse(readFileSync(`${certificate}.sig`, 'utf8')) as { signer: string; signature: string };
    expect(sig.signer).toBe(readFileSync(join(dir, 'office.pub'), 'utf8').trim());
    const signature = fromBase64(sig.signature);
    const signer = fromBase64(sig.signer);
    expect(opensslVerify(bytes, signature, signer)).toBe(true);
    const altered = Buffer.from(bytes);
    altered[20]! ^= 1;
    expect(opensslVerify(altered, signature, signer)).toBe(false);
    const [good, bad] = sodium<{ valid: boolean }>([
      { op: 'verify', publicKey: sig.signer, message: bytes.toString('base64'), signature: sig.signature },
      { op: 'verify', publicKey: sig.signer, message: altered.toString('base64'), signature: sig.signature },
    ]);
    expect([good!.valid, bad!.valid]).toEqual([true, false]);
  });

  it('is refused at the office when the request is not signed by the key it enrols', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seggio-enrol-'));
    seggio('election', 'keygen', '--out', join(dir, 'office'));
    seggio('machine', 'request', '--role', 'console', '--machine', 'C1', '--key', join(dir, 'a.key'), '--out', join(dir, 'a.json'));
    seggio('machine', 'request', '--role', 'console', '--machine', 'C1', '--key', join(dir, 'b.key'), '--out', join(dir, 'b.json'));
    execFileSync('cp', [join(dir, 'b.json.sig'), join(dir, 'a.json.sig')]);
    const run = spawnSync('npx', ['--no-install', 'seggio', 'machine', 'enrol', join(dir, 'a.json'), '--key', join(dir, 'office.key'), '--comune', '019036', '--out-dir', dir], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${join(dir, 'a.json')}.sig: the request is not signed by the key it enrols`);
  });
});
