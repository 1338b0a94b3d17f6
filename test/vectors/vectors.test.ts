// docs/vectors/ against Seggio's own code: every vector recomputed from the committed bundles equals
// the committed vectors.json, and the real `seggio verify` accepts both the audit set and the public
// export. Regenerate with `npm run vectors` (docs/vectors/README.md) when the bundle format changes.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromHex, toBase64, utf8 } from '@seggio/crypto';
import { nodeCrypto } from '@seggio/crypto/node';
import { REPO_ROOT } from '../support/index.js';
import { computeVectors } from './compute.js';

const VECTORS = join(REPO_ROOT, 'docs', 'vectors');
const committed = JSON.parse(readFileSync(join(VECTORS, 'vectors.json'), 'utf8')) as ReturnType<typeof computeVectors>;
const SEGGIO = join(REPO_ROOT, 'apps', 'cli', 'bin', 'seggio.js');

function seggioVerify(bundle: string, ...extra: string[]) {
  const run = spawnSync(process.execPath, [SEGGIO, 'verify', bundle.startsWith('/') ? bundle : join(VECTORS, bundle), '--office-key', join(VECTORS, 'office.pub'), '--json', ...extra], { encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { checks: { check: string; status: string; items: { status: string; message: string }[] }[] };
  return { status: run.status, failed: report.checks.filter((c) => c.status === 'fail').map((c) => c.check), items: report.checks.flatMap((c) => c.items) };
}

describe('docs/vectors', () => {
  it('every vector is what our code computes from the committed bundles', () => {
    expect(computeVectors(VECTORS)).toEqual(committed);
  });

  it('holds what the specification says of each byte string', () => {
    const digest = fromHex(committed.electionDigest);
    for (const b of committed.ballots) {
      const message = fromHex(b.signatureMessage);
      const head = utf8(`seggio/ballot@1\0`);
      expect(message.subarray(0, head.length)).toEqual(head);
      expect(message.subarray(head.length, head.length + 32)).toEqual(digest);
      expect(b.signatureMessage.endsWith(b.ct)).toBe(true);
      expect(fromHex(b.plaintext).length).toBe(committed.plaintextLengths[b.contest]);
      expect(fromHex(b.ct).length).toBe(committed.plaintextLengths[b.contest]! + 48);
      expect(nodeCrypto.verify(message, fromHex(b.signature), fromHex(committed.keys.find((k) => k.role === `booth ${b.booth}`)!.hex))).toBe(true);
    }
    for (const side of [...committed.sidecars.audit, ...committed.sidecars.public]) expect(side).toMatchObject({ valid: true });
    const sha = (hex: string) => nodeCrypto.sha256Hex(fromHex(hex));
    for (const e of [...committed.log.audit, ...committed.log.public]) expect(sha(e.input)).toBe(e.hash);
    for (const d of committed.ballotsDigests) expect(sha(d.input)).toBe(d.sha256);
    for (const t of [committed.tally.audit, committed.tally.public]) expect(sha(t.canonical)).toBe(t.sha256);
    expect(committed.tally.audit.sha256).toBe(committed.tally.public.sha256);
  });

  it('the real seggio verify accepts the audit set, recounting it', () => {
    const audit = seggioVerify('audit');
    expect(audit.failed).toEqual([]);
    expect(audit.status).toBe(0);
    expect(audit.items.some((i) => i.message.includes('the recount equals the signed tally'))).toBe(true);
    // Six ballots a booth in each contest: each booth's ballots are nearly attributable, and said so (R29).
    expect(audit.items.filter((i) => i.status === 'warn' && i.message.includes('nearly attributable (R29)'))).toHaveLength(4);
  });

  it('the real seggio verify accepts the public export, saying the recount was skipped', () => {
    const pub = seggioVerify('public');
    expect(pub.failed).toEqual([]);
    expect(pub.status).toBe(0);
    expect(pub.items.some((i) => i.status === 'skip' && i.message.includes('recount was skipped'))).toBe(true);
  });

  it('the real seggio verify refuses the sample, a real election, as a training one (R15)', () => {
    const asTraining = seggioVerify('audit', '--training');
    expect(asTraining.failed).toEqual(['election']);
    expect(asTraining.status).toBe(1);
  });

  it('the real seggio verify refuses a ballot longer than every other of its contest (R3)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seggio-vectors-'));
    try {
      cpSync(join(VECTORS, 'audit'), dir, { recursive: true });
      const lines = readFileSync(join(dir, 'ballots.jsonl'), 'utf8').split('\n');
      const first = JSON.parse(lines[0]!) as { contest: string; ct: string };
      lines[0] = JSON.stringify({ ...first, ct: toBase64(Uint8Array.from([...fromBase64(first.ct), 0x20])) });
      writeFileSync(join(dir, 'ballots.jsonl'), lines.join('\n'));
      const longer = seggioVerify(dir);
      const length = committed.plaintextLengths[first.contest]! + 48;
      expect(longer.items.map((i) => i.message)).toContain(`is ${length + 1} bytes; every ballot of ${first.contest} is ${length} (R3)`);
      expect(longer.status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
