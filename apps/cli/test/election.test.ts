import { mkdtempSync, readFileSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXIT, main } from '../src/main.js';

const FIXTURE = new URL('../../../fixtures/rivafonda-2020.election.json', import.meta.url);

async function run(...argv: string[]) {
  const text = { out: '', err: '' };
  const code = await main(argv, { out: { write: (t: string) => (text.out += t) }, err: { write: (t: string) => (text.err += t) } });
  return { code, ...text };
}

let dir: string;
let election: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seggio-cli-'));
  election = join(dir, 'election.json');
  copyFileSync(FIXTURE, election);
});

describe('seggio election keygen', () => {
  it('writes the secret key with mode 0600 and prints the public key and fingerprint', async () => {
    const result = await run('election', 'keygen', '--out', join(dir, 'office'));
    expect(result.code).toBe(EXIT.ok);
    expect(statSync(join(dir, 'office.key')).mode & 0o777).toBe(0o600);
    const publicKey = readFileSync(join(dir, 'office.pub'), 'utf8').trim();
    expect(result.out).toContain(publicKey);
    expect(result.out).toMatch(/fingerprint {2}[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}/);
  });

  it('never overwrites an existing key unless told to', async () => {
    await run('election', 'keygen', '--out', join(dir, 'office'));
    const before = readFileSync(join(dir, 'office.key'), 'utf8');
    const again = await run('election', 'keygen', '--out', join(dir, 'office'));
    expect(again.code).toBe(EXIT.usage);
    expect(again.err).toContain('office.key already exists: refusing to overwrite a key (use --force to replace it)');
    expect(readFileSync(join(dir, 'office.key'), 'utf8')).toBe(before);
    expect((await run('election', 'keygen', '--out', join(dir, 'office'), '--force')).code).toBe(EXIT.ok);
    expect(readFileSync(join(dir, 'office.key'), 'utf8')).not.toBe(before);
  });
});

describe('seggio election sign and check', () => {
  beforeEach(async () => {
    await run('election', 'keygen', '--out', join(dir, 'office'));
    await run('election', 'keygen', '--out', join(dir, 'other'));
  });

  it('signs, and check verifies against the pinned office key and prints a summary', async () => {
    const signed = await run('election', 'sign', election, '--key', join(dir, 'office.key'));
    expect(signed.code).toBe(EXIT.ok);
    const sig = JSON.parse(readFileSync(`${election}.sig`, 'utf8')) as { signer: string; signature: string };
    expect(sig.signer).toBe(readFileSync(join(dir, 'office.pub'), 'utf8').trim());
    const checked = await run('election', 'check', election, '--office-key', join(dir, 'office.pub'));
    expect(checked.code).toBe(EXIT.ok);
    expect(checked.out).toContain('signature    valid, by');
    expect(checked.out).toContain('2. COM-999002-2020: municipal, 22,350 inhabitants: 4 mayors, 7 lists, 84 candidates; 2 preferences of different sex, split vote allowed');
    expect(checked.out).toContain('7: Sezione 7, 1050 electors (IT 1035, EU_MUNICIPAL 15), 4 booths');
    expect(checked.out).toMatch(/digest {7}sha256 [0-9a-f]{64}/);
    // The key may also be given as base64 text.
    expect((await run('election', 'check', election, '--office-key', sig.signer)).code).toBe(EXIT.ok);
  });

  it('fails a package changed after signing', async () => {
    await run('election', 'sign', election, '--key', join(dir, 'office.key'));
    writeFileSync(election, readFileSync(election, 'utf8').replace('"booths": 4', '"booths": 3'));
    const checked = await run('election', 'check', election, '--office-key', join(dir, 'office.pub'));
    expect(checked.code).toBe(EXIT.failed);
    expect(checked.out).toContain('signature    INVALID: ');
    expect(checked.out).toContain('the signature is not valid (bad-signature)');
  });

  it('fails a package signed by another key than the pinned one, or not signed at all', async () => {
    expect((await run('election', 'check', election, '--office-key', join(dir, 'office.pub'))).code).toBe(EXIT.failed);
    await run('election', 'sign', election, '--key', join(dir, 'other.key'));
    const checked = await run('election', 'check', election, '--office-key', join(dir, 'office.pub'));
    expect(checked.code).toBe(EXIT.failed);
    expect(checked.out).toContain('signed by another key than the one expected');
  });

  it('refuses to sign an invalid election, naming file, path and reason', async () => {
    writeFileSync(election, readFileSync(election, 'utf8').replace('"splitVote": true', '"splitVote": false'));
    const signed = await run('election', 'sign', election, '--key', join(dir, 'office.key'));
    expect(signed.code).toBe(EXIT.failed);
    expect(signed.err).toContain(`${election}: $.contests[1].rules.splitVote: is false, but a comune of 22350 inhabitants has true`);
  });

  it('names unreadable files, bad keys and bad arguments as usage errors', async () => {
    expect((await run('election', 'check', join(dir, 'missing.json'))).err).toContain('missing.json: cannot be read (ENOENT)');
    expect((await run('election', 'check', election, '--office-key', 'AAAA')).err).toContain('--office-key is not 32 bytes of base64');
    expect((await run('election', 'sign', election, '--key', join(dir, 'office.pub'))).err).toContain('office.pub: not an office key (not JSON)');
    expect((await run('election', 'sign', election)).code).toBe(EXIT.usage);
    expect((await run('election', 'check', election, '--bogus')).code).toBe(EXIT.usage);
    expect((await run('election', 'frobnicate')).err).toContain("unknown command 'election frobnicate'");
  });
});
