// The forgery of the provenance issue, as a test: with nothing but the public election package, an
// outsider re-signs a whole bundle with keys of their own; a corrupt console adds a phantom booth;
// a real booth's certificate is swapped. Each forgery is made to pass every other check, and
// `seggio verify` refuses it in "provenance" alone, naming the machine and what is wrong.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentBytes, generateDay, parseElection, seededRandom, tallyDigest, type Election, type Setup, type TallyDocument } from '@seggio/ballot-core';
import { main } from '@seggio/cli';
import { toBase64, type SigningKeyPair } from '@seggio/crypto';
import { readKeyFile } from '@seggio/crypto/key-file';
import { nodeCrypto } from '@seggio/crypto/node';
import { REPO_ROOT } from '../support/index.js';
import { endDay, runDay, type DayResult } from '../simulate/day.js';
import { addPhantomBooth, putCertificate, rekey, relist, writeSigned } from './forge.js';

const work = mkdtempSync(join(tmpdir(), 'seggio-provenance-'));
let day: DayResult;
let consoleKey: SigningKeyPair;
let setup: Setup;

beforeAll(async () => {
  const electionBytes = readFileSync(join(REPO_ROOT, 'fixtures', 'sanvalle-2020.election.json'));
  const election = (parseElection(electionBytes) as { ok: true; value: Election }).value;
  day = await runDay({ election, electionBytes, section: '3', day: generateDay(election, '3', 24, seededRandom(14)), booths: 2, out: join(work, 'day'), cancelEvery: 12 });
  consoleKey = readKeyFile(nodeCrypto, join(day.machines, 'console.key'));
  setup = JSON.parse(readFileSync(join(day.bundle, 'setup.json'), 'utf8')) as Setup;
}, 90_000);
afterAll(async () => {
  await endDay(day);
  rmSync(work, { recursive: true, force: true });
});

interface Check {
  check: string;
  status: string;
  items: { status: string; message: string; file?: string; booth?: string }[];
}

async function verify(dir: string, ...extra: string[]): Promise<{ code: number; failed: string[]; provenance: string[] }> {
  let out = '';
  const code = await main(['verify', dir, '--office-key', toBase64(day.officeKey.publicKey), '--json', '--workers', '1', ...extra], { out: { write: (t: string) => (out += t) }, err: { write: () => undefined } });
  const checks = (JSON.parse(out) as { checks: Check[] }).checks;
  return {
    code,
    failed: checks.filter((c) => c.status === 'fail').map((c) => c.check),
    provenance: checks.find((c) => c.check === 'provenance')!.items.filter((i) => i.status === 'fail').map((i) => i.message),
  };
}

let n = 0;
function copy(): string {
  const dir = join(work, `forged-${++n}`);
  cpSync(day.bundle, dir, { recursive: true });
  return dir;
}

describe('provenance', () => {
  it('the untouched bundle passes, and with the tally digest of its verbale too', async () => {
    expect(await verify(day.bundle)).toEqual({ code: 0, failed: [], provenance: [] });
    const tally = JSON.parse(readFileSync(join(day.bundle, 'tally.json'), 'utf8')) as TallyDocument;
    expect(await verify(day.bundle, '--tally-digest', tallyDigest(tally))).toEqual({ code: 0, failed: [], provenance: [] });
  });

  it('a bundle whose tally is not the one on the paper verbale is refused', async () => {
    const result = await verify(day.bundle, '--tally-digest', '0'.repeat(64));
    expect(result.failed).toEqual(['provenance']);
    expect(result.provenance[0]).toMatch(/not the 0{64} of the paper verbale/);
  });

  it('re-keyed by an outsider, without machines/, is refused: no key is traced to the office', async () => {
    const dir = copy();
    rekey(dir, 'drop');
    const result = await verify(dir);
    expect(result.code).toBe(1);
    expect(result.failed).toEqual(['provenance']);
    expect(result.provenance).toEqual([setup.consoleMachine, ...setup.booths.map((b) => b.machine)].map((m): unknown => expect.stringMatching(new RegExp(`^machine ${m} \\(.+\\) has no office certificate`))));
  });

  it("re-keyed by an outsider with certificates of its own making is refused: not the office's signature", async () => {
    const dir = copy();
    rekey(dir, 'forge');
    const result = await verify(dir);
    expect(result.failed).toEqual(['provenance']);
    expect(result.provenance).toHaveLength(1 + setup.booths.length);
    for (const message of result.provenance) expect(message).toMatch(/: the certificate signed by key .+, not by the electoral office's key$/);
  });

  it("a phantom booth added with a corrupt console's key is refused, with or without a certificate of its own", async () => {
    for (const certificate of [null, nodeCrypto.generateSigningKeyPair()]) {
      const dir = copy();
      addPhantomBooth(dir, consoleKey, 'B9', 'CABINA-FANTASMA', 80, certificate);
      const result = await verify(dir);
      expect(result.failed).toEqual(['provenance']);
      expect(result.provenance).toEqual([certificate ? expect.stringMatching(/^machine CABINA-FANTASMA \(booth B9\): the certificate signed by key/) : expect.stringMatching(/^machine CABINA-FANTASMA \(booth B9\) has no office certificate/)]);
    }
  });

  it("a booth's certificate swapped for another comune's, another role's or one not signed by the office is refused with its reason", async () => {
    const booth = setup.booths[0]!;
    const real = { comune: '999001', role: 'booth' as 'booth' | 'console', machine: booth.machine, publicKey: booth.publicKey };
    const swaps: [string, SigningKeyPair, typeof real, string][] = [
      ['another comune', day.officeKey, { ...real, comune: '123456' }, 'enrols the machine for comune 123456, not 999001'],
      ['another role', day.officeKey, { ...real, role: 'console' }, 'enrols a console, not a booth'],
      ['another signer', nodeCrypto.generateSigningKeyPair(), real, "signed by key .+, not by the electoral office's key"],
    ];
    for (const [name, signer, swapped, reason] of swaps) {
      const dir = copy();
      putCertificate(dir, signer, swapped);
      relist(dir, consoleKey);
      const result = await verify(dir);
      expect(result.failed, name).toEqual(['provenance']);
      expect(result.provenance, name).toEqual([expect.stringMatching(new RegExp(`^machine ${booth.machine} \\(booth ${booth.id}\\): the certificate ${reason}$`))]);
    }
  });

  it('a machine named twice is refused', async () => {
    const dir = copy();
    const twice: Setup = { ...setup, booths: setup.booths.map((b) => ({ ...b, machine: setup.booths[0]!.machine })) };
    writeSigned(dir, 'setup.json', documentBytes(twice), consoleKey);
    relist(dir, consoleKey);
    const result = await verify(dir);
    expect(result.failed).toEqual(['provenance']);
    expect(result.provenance).toEqual([expect.stringMatching(new RegExp(`^machine ${setup.booths[0]!.machine} is named twice: for booth B1 and for booth B2`))]);
  });
});
