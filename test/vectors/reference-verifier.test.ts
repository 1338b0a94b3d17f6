// The reference verifier of the bundle format's Appendix A (docs/reference-verifier.md), taken from the document itself and run
// with Debian's Python over libsodium (python3-nacl), written from the specification and not from our
// code: it accepts the sample bundles of docs/vectors/ and fails tampered copies of them.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '@seggio/crypto';
import { REPO_ROOT, sodiumPython } from '../support/index.js';

const APPENDIX = readFileSync(join(REPO_ROOT, 'docs', 'reference-verifier.md'), 'utf8');
const VECTORS = join(REPO_ROOT, 'docs', 'vectors');
const work = mkdtempSync(join(tmpdir(), 'seggio-reference-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The one Python block of Appendix A, as a reader would copy it out of the document. */
function referenceVerifier(): string {
  const code = /```python\n([\s\S]*?)\n```/.exec(APPENDIX)?.[1];
  if (!code) throw new Error('docs/reference-verifier.md has no ```python block');
  const file = join(work, 'verify.py');
  writeFileSync(file, `${code}\n`);
  return file;
}
const script = referenceVerifier();

function run(bundle: string, ...extra: string[]) {
  const result = spawnSync(sodiumPython(), [script, bundle, join(VECTORS, 'office.pub'), ...extra], { encoding: 'utf8' });
  return { status: result.status, out: result.stdout, failures: result.stdout.split('\n').filter((l) => l.startsWith('FAIL')), stderr: result.stderr };
}

let copies = 0;
function tampered(from: string, change: (dir: string) => void): string {
  const dir = join(work, `copy-${++copies}`);
  cpSync(join(VECTORS, from), dir, { recursive: true });
  change(dir);
  return dir;
}

describe("the specification's reference verifier", () => {
  it('is given vectors that carry machine certificates, so provenance (step 5) is always checked', () => {
    for (const set of ['audit', 'public']) expect(existsSync(join(VECTORS, set, 'machines')), `docs/vectors/${set}/machines/`).toBe(true);
  });

  it('accepts the audit set, recounting it', () => {
    const audit = run(join(VECTORS, 'audit'));
    expect(audit.stderr).toBe('');
    expect(audit.failures).toEqual([]);
    expect(audit.out).toContain('RESULT: PASS');
    expect(audit.out).not.toContain('SKIP recount');
    expect(audit.status).toBe(0);
  });

  it('accepts the public export, without the recount', () => {
    const pub = run(join(VECTORS, 'public'));
    expect(pub.failures).toEqual([]);
    expect(pub.out).toContain('SKIP recount');
    expect(pub.status).toBe(0);
  });

  it('prints the tally digest of the vectors', () => {
    const vectors = JSON.parse(readFileSync(join(VECTORS, 'vectors.json'), 'utf8')) as { tally: { audit: { sha256: string } } };
    expect(run(join(VECTORS, 'public')).out).toContain(`tally digest ${vectors.tally.audit.sha256}`);
  });

  it('fails a bundle whose machines have no office certificate', () => {
    const dir = tampered('audit', (d) => rmSync(join(d, 'machines'), { recursive: true, force: true }));
    const result = spawnSync(sodiumPython(), [script, dir, join(VECTORS, 'office.pub')], { encoding: 'utf8' });
    expect(result.stdout).toMatch(/FAIL .*no office certificate/);
    expect(result.status).toBe(1);
  });

  it('fails a changed ballot', () => {
    const dir = tampered('audit', (d) => {
      const lines = readFileSync(join(d, 'ballots.jsonl'), 'utf8').split('\n');
      const first = JSON.parse(lines[0]!) as { ct: string };
      const ct = fromBase64(first.ct);
      ct[ct.length - 1]! ^= 1;
      lines[0] = JSON.stringify({ ...first, ct: toBase64(ct) });
      writeFileSync(join(d, 'ballots.jsonl'), lines.join('\n'));
    });
    const result = run(dir);
    expect(result.failures).toEqual(expect.arrayContaining([
      'FAIL ballots.jsonl: SHA-256 differs from tally.json',
      'FAIL ballots.jsonl:1: h is not SHA-256(ct), or not in ascending order',
      'FAIL ballots.jsonl:1: the booth signature does not hold',
      'FAIL ballots.jsonl:1: does not open with the urna key',
    ]));
    expect(result.status).toBe(1);
  });

  it('fails a changed tally figure, both by its signature and by the recount', () => {
    const dir = tampered('audit', (d) => {
      const text = readFileSync(join(d, 'tally.json'), 'utf8');
      const changed = text.replace(/"YES": (\d+)/, (_, n: string) => `"YES": ${Number(n) + 1}`);
      expect(changed).not.toBe(text);
      writeFileSync(join(d, 'tally.json'), changed);
    });
    const result = run(dir);
    expect(result.failures).toEqual(expect.arrayContaining(['FAIL tally.json: the signature does not hold', 'FAIL REF-2020-1: the recount differs from tally.json']));
    expect(result.status).toBe(1);
  });

  it('fails a changed figure of the public export, which it cannot recount, by its signature', () => {
    const dir = tampered('public', (d) => writeFileSync(join(d, 'tally.json'), readFileSync(join(d, 'tally.json'), 'utf8').replace(/"blank": (\d+)/, (_, n: string) => `"blank": ${Number(n) + 1}`)));
    const result = run(dir);
    expect(result.failures).toContain('FAIL tally.json: the signature does not hold');
    expect(result.status).toBe(1);
  });
});
